/**
 * unknown-key (error): a citation names a key that no bibliography of the document defines.
 * Pandoc prints such a citation as `(key?)` and warns; the message names the closest existing keys.
 */
import { closestKeys } from '../closest-keys.js';
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function unknownKeys(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const sources = describeSources(s);
  for (const c of s.manuscript.citations) {
    if (s.entries.has(c.item.key)) continue;
    const near = closestKeys(c.item.key, s.entries.keys());
    const hint = near.length ? `; did you mean ${near.map((k) => `'${k}'`).join(', ')}?` : '';
    out.push(finding('unknown-key', s.path, c.item.keyRange, `Unknown citation key '${c.item.key}': not in ${sources}${hint}`));
  }
  return out;
}

export function describeSources(s: Snapshot): string {
  const names = s.bibliographies.map((b) => b.declared.value);
  if (s.inline.entries.length) names.push('the inline references');
  if (!names.length) return 'any bibliography (the front matter declares none)';
  return names.join(', ');
}
