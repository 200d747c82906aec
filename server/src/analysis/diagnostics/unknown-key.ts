/**
 * unknown-key (error): a citation names a key that no bibliography of the document defines.
 * Pandoc prints such a citation as `(key?)` and warns; the message names the closest existing keys.
 * In a Manubot project a persistent identifier or alias is no unknown key unless it is malformed.
 */
import { closestKeys } from '../closest-keys.js';
import { crossReferenceOf } from '../../syntax/cross-reference.js';
import { manubotAliases, manubotKey, manubotProblem } from '../manubot-keys.js';
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';
import type { CitationOccurrence } from '../../model/manuscript.js';

export function unknownKeys(s: Snapshot): Finding[] {
  return unknownKeysIn(s, s.manuscript.citations, describeSources(s), manubotAliases(s));
}

/** The findings of some of the manuscript's citations (one block's), given what the whole document decides. */
export function unknownKeysIn(
  s: Snapshot,
  citations: readonly CitationOccurrence[],
  sources: string,
  aliases: ReadonlyMap<string, string>,
): Finding[] {
  const out: Finding[] = [];
  for (const c of citations) {
    if (s.entries.has(c.item.key)) continue;
    // `@fig-map`, `@fig:map`: a cross-reference, checked by unknown-cross-reference.
    if (crossReferenceOf(c.item.key)) continue;
    // In a Manubot project, identifiers, aliases and cross-references resolve without a bibliography.
    const manubot = manubotKey(s, c.item.key, aliases);
    if (manubot) {
      const problem = manubotProblem(s, manubot);
      if (problem) out.push(finding('unknown-key', s.path, c.item.keyRange, `Unknown citation key '${c.item.key}': ${problem}`));
      continue;
    }
    const near = suggestions(s, c.item.key);
    const hint = near.length ? `; did you mean ${near.map((k) => `'${k}'`).join(', ')}?` : '';
    out.push(finding('unknown-key', s.path, c.item.keyRange, `Unknown citation key '${c.item.key}': not in ${sources}${hint}`));
  }
  return out;
}

/** The existing keys closest to `key` (remembered by the host per key index: see `closestKeysOf`). */
export function suggestions(s: Snapshot, key: string): string[] {
  return s.closestKeys(key);
}

/**
 * The closest-keys search for a snapshot, remembering its answers in `memo`. Suggestions depend only
 * on the key and the set of known keys: the host passes one memo per `entries` map, which it reuses
 * while no bibliography changes, so re-analysing after an edit does not search a big library again.
 */
export function closestKeysOf(entries: Snapshot['entries'], memo: Map<string, string[]>): (key: string) => string[] {
  return (key) => {
    let near = memo.get(key);
    if (!near) memo.set(key, (near = closestKeys(key, entries.keys())));
    return near;
  };
}

export function describeSources(s: Snapshot): string {
  const names = s.bibliographies.map((b) => b.declared.value);
  if (s.inline.entries.length) names.push('the inline references');
  if (!names.length) return 'any bibliography (the front matter declares none)';
  return names.join(', ');
}
