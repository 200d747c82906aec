/**
 * duplicate-key (error): two entries share a key, in one bibliography or across several. Pandoc uses
 * one of them silently; the finding sits on every later definition and points at the first.
 */
import { basename as baseName } from 'node:path';
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function duplicateKeys(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  for (const [key, defs] of s.entries) {
    if (defs.length < 2) continue;
    const first = defs[0]!;
    for (const d of defs.slice(1)) {
      out.push(
        finding('duplicate-key', d.file, d.entry.keyRange, `Duplicate key '${key}': already defined in ${baseName(first.file)}`, {
          related: [{ file: first.file, range: first.entry.keyRange, message: 'first definition' }],
        }),
      );
    }
  }
  return out;
}

