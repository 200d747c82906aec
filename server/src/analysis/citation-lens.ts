/**
 * In a bibliography file, above each entry: where it is cited ("cited 3 times in paper.md",
 * "cited in a.md (2), b.md (1)", "not cited"), with the citations to show when clicked.
 * Counted over every manuscript that uses the file.
 */
import * as path from 'node:path';
import { citationsOf } from '../model/manuscript.js';
import type { OffsetRange } from '../text/range.js';
import type { Location } from './navigation.js';
import type { Snapshot } from './snapshot.js';

export interface CitationLens {
  readonly key: string;
  /** The entry's key in the bibliography file. */
  readonly range: OffsetRange;
  readonly title: string;
  readonly citations: readonly Location[];
}

export function citationLenses(file: string, manuscripts: readonly Snapshot[]): CitationLens[] {
  const users = manuscripts.filter((m) => m.bibliographies.some((b) => b.file?.path === file));
  const bib = users[0]?.bibliographies.find((b) => b.file?.path === file)?.file;
  if (!bib) return [];
  return bib.entries.map((entry) => {
    const byManuscript: [string, Location[]][] = [];
    for (const m of users) {
      // A key defined earlier elsewhere (inline references, an earlier file) is not this entry's.
      if (m.entries.get(entry.key)?.[0]?.entry !== entry) continue;
      const uses = citationsOf(m.manuscript, entry.key).map((c) => ({ file: m.path, range: c.item.keyRange }));
      if (uses.length) byManuscript.push([m.path, uses]);
    }
    return { key: entry.key, range: entry.keyRange, title: title(byManuscript), citations: byManuscript.flatMap(([, uses]) => uses) };
  });
}

function title(byManuscript: readonly [string, readonly Location[]][]): string {
  if (!byManuscript.length) return 'not cited';
  const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
  if (byManuscript.length === 1) {
    const [file, uses] = byManuscript[0]!;
    return `cited ${times(uses.length)} in ${path.basename(file)}`;
  }
  return `cited in ${byManuscript.map(([file, uses]) => `${path.basename(file)} (${uses.length})`).join(', ')}`;
}
