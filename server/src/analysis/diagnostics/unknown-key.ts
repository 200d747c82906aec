/**
 * unknown-key (error): a citation names a key that no bibliography of the document defines.
 * Pandoc prints such a citation as `(key?)` and warns; the message names the closest existing keys.
 * In a Manubot project a persistent identifier or alias is no unknown key unless it is malformed.
 */
import { KeySearch } from '../closest-keys.js';
import { crossReferenceOf } from '../../syntax/cross-reference.js';
import { manubotAliases, manubotKey, manubotProblem } from '../manubot-keys.js';
import { finding, type Finding } from '../diagnostic.js';
import type { BibError } from '../../bibliography/types.js';
import type { NearbyBibliography, Snapshot } from '../snapshot.js';
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
    if (crossReferenceOf(c.item.key, s.manuscript.crossReferenceKinds)) continue;
    // In a Manubot project, identifiers, aliases and cross-references resolve without a bibliography.
    const manubot = manubotKey(s, c.item.key, aliases);
    if (manubot) {
      const problem = manubotProblem(s, manubot);
      if (problem) out.push(finding('unknown-key', s.path, c.item.keyRange, `Unknown citation key '${c.item.key}': ${problem}`));
      continue;
    }
    const dropped = droppedEntry(s, c.item.key);
    if (dropped) {
      const message = `Citation key '${c.item.key}' is in ${dropped.name}, but its entry could not be read (line ${dropped.line + 1}): ${dropped.error.message}`;
      out.push(
        finding('unknown-key', s.path, c.item.keyRange, message, {
          related: [{ file: dropped.file, range: dropped.error.range, message: `the entry of '${c.item.key}' could not be read` }],
        }),
      );
      continue;
    }
    const beside = nearbyDefining(s, c.item.key);
    if (beside) {
      out.push(
        finding(
          'unknown-key',
          s.path,
          c.item.keyRange,
          `Unknown citation key '${c.item.key}': not in ${sources}; ${beside.name} beside the manuscript defines it: declare it in the front matter, or set marginalia.bibliography (CLI --bibliography) if your build passes it to Pandoc`,
        ),
      );
      continue;
    }
    const near = suggestions(s, c.item.key);
    const hint = near.length ? `; did you mean ${near.map((k) => `'${k}'`).join(', ')}?` : '';
    const prefix = s.project?.kind === 'manubot' ? unknownPrefixNote(c.item.key) : '';
    out.push(finding('unknown-key', s.path, c.item.keyRange, `Unknown citation key '${c.item.key}': not in ${sources}${prefix}${hint}`));
  }
  return out;
}

/**
 * Manubot reads `prefix:accession` through the Bioregistry, online; Marginalia knows its common prefixes
 * only, so the message says which way the key went unresolved.
 */
function unknownPrefixNote(key: string): string {
  const prefix = /^([a-z][a-z0-9._-]*):./i.exec(key)?.[1];
  return prefix && !/^(?:raw|tag)$/i.test(prefix)
    ? `, and '${prefix}' is none of Manubot's prefixes that Marginalia knows (if the Bioregistry has it, Manubot may still resolve it)`
    : '';
}

/**
 * The error that dropped `key`'s entry from one of the document's bibliographies (a BibTeX entry with
 * unbalanced braces, say): its key is there, and "not in refs.bib" would send the author looking for a
 * typo. Looked up only for keys no bibliography defines, which are few.
 */
export function droppedEntry(s: Snapshot, key: string): { file: string; name: string; line: number; error: BibError } | undefined {
  for (const b of s.bibliographies) {
    const error = b.file?.errors.find((e) => e.droppedKey === key);
    if (error && b.file) return { file: b.file.path, name: b.declared.value, line: b.file.lines.position(error.range.start).line, error };
  }
  return undefined;
}

/** A bibliography file beside a manuscript that declares none and defines `key` (workspace/nearby-bibliography.ts). */
export function nearbyDefining(s: Snapshot, key: string): NearbyBibliography | undefined {
  if (s.bibliographies.length || s.inline.entries.length) return undefined;
  return s.nearby?.find((n) => n.keys.has(key));
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
  let search: KeySearch | undefined;
  return (key) => {
    let near = memo.get(key);
    if (!near) memo.set(key, (near = (search ??= new KeySearch(entries.keys())).closest(key)));
    return near;
  };
}

export function describeSources(s: Snapshot): string {
  const names = s.bibliographies.map((b) => b.declared.value);
  if (s.inline.entries.length) names.push('the inline references');
  if (!names.length) return 'any bibliography (the front matter declares none)';
  return names.join(', ');
}
