/**
 * Go to definition (citation key -> its bibliography entry) and find references (a key, in the
 * manuscript or on its entry in a bibliography file -> every citation of it).
 */
import type { OffsetRange } from '../text/range.js';
import type { Snapshot } from './snapshot.js';

export interface Location {
  readonly file: string;
  readonly range: OffsetRange;
}

/** The key under the cursor in the manuscript, if any. */
export function keyAt(s: Snapshot, offset: number): string | undefined {
  return s.manuscript.citations.find((c) => offset >= c.item.keyRange.start - 1 && offset <= c.item.keyRange.end)?.item.key;
}

export function definition(s: Snapshot, offset: number): Location[] {
  const key = keyAt(s, offset);
  if (!key) return [];
  return (s.entries.get(key) ?? []).map((d) => ({ file: d.file, range: d.entry.keyRange }));
}

export function references(s: Snapshot, key: string, includeDeclaration: boolean): Location[] {
  const uses = s.manuscript.citations.filter((c) => c.item.key === key).map((c) => ({ file: s.path, range: c.item.keyRange }));
  if (!includeDeclaration) return uses;
  return [...(s.entries.get(key) ?? []).map((d) => ({ file: d.file, range: d.entry.keyRange })), ...uses];
}

/** The entry key at an offset of a bibliography file the snapshot uses. */
export function entryKeyAt(s: Snapshot, file: string, offset: number): string | undefined {
  const bib = s.bibliographies.find((b) => b.file?.path === file)?.file;
  return bib?.entries.find((e) => offset >= e.range.start && offset <= e.range.end)?.key;
}
