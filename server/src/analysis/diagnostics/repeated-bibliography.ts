/**
 * malformed-front-matter (warning): a bibliography listed again (the same file once paths are resolved).
 * The file is loaded once; without this, each repeat made every key in it a duplicate.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function repeatedBibliographies(s: Snapshot): Finding[] {
  return (s.repeatedBibliographies ?? []).map((r) => ({
    ...finding(
      'malformed-front-matter',
      s.path,
      r.declared.range,
      `Bibliography '${r.declared.value}' is already listed as '${r.first.value}' (${r.path}); the repeat is ignored`,
      { related: [{ file: s.path, range: r.first.range, message: 'First listed here' }] },
    ),
    severity: 'warning' as const,
  }));
}
