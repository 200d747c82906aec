/**
 * Go to definition (citation key -> its bibliography entry; cross-reference `@fig-map` -> its label
 * `{#fig-map}` in the document) and find references (a key, in the manuscript or on its entry in a
 * bibliography file -> every citation of it).
 */
import { citationAt, citationsOf } from '../model/manuscript.js';
import type { OffsetRange } from '../text/range.js';
import { crossReferenceOf } from '../syntax/cross-reference.js';
import { crossReferenceLabelRanges } from './cross-references.js';
import type { Snapshot } from './snapshot.js';

export interface Location {
  readonly file: string;
  readonly range: OffsetRange;
}

/** The key under the cursor in the manuscript, if any. */
export function keyAt(s: Snapshot, offset: number): string | undefined {
  return citationAt(s.manuscript, offset)?.item.key;
}

export function definition(s: Snapshot, offset: number): Location[] {
  const key = keyAt(s, offset);
  if (!key) return [];
  return declarations(s, key);
}

export function references(s: Snapshot, key: string, includeDeclaration: boolean): Location[] {
  const uses = citationsOf(s.manuscript, key).map((c) => ({ file: s.path, range: c.item.keyRange }));
  if (!includeDeclaration) return uses;
  return [...declarations(s, key), ...uses];
}

/** A key's bibliography entries; for a cross-reference no bibliography defines, its label in the document. */
function declarations(s: Snapshot, key: string): Location[] {
  const entries = s.entries.get(key);
  if (entries?.length) return entries.map((d) => ({ file: d.file, range: d.entry.keyRange }));
  if (!crossReferenceOf(key, s.manuscript.crossReferenceKinds)) return [];
  const label = crossReferenceLabelRanges(s.manuscript.text).get(key);
  return label ? [{ file: s.path, range: label }] : [];
}

/** The entry key at an offset of a bibliography file the snapshot uses. */
export function entryKeyAt(s: Snapshot, file: string, offset: number): string | undefined {
  const bib = s.bibliographies.find((b) => b.file?.path === file)?.file;
  return bib?.entries.find((e) => offset >= e.range.start && offset <= e.range.end)?.key;
}
