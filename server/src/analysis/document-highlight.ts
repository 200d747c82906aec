/**
 * Document highlight: every citation of the key under the cursor in the manuscript, and its
 * definition when the manuscript's front matter holds it (inline `references:`).
 */
import { citationsOf } from '../model/manuscript.js';
import type { OffsetRange } from '../text/range.js';
import { keyAt } from './navigation.js';
import type { Snapshot } from './snapshot.js';

export interface Highlight {
  readonly range: OffsetRange;
  /** `definition` for the entry's key, `citation` for each use. */
  readonly kind: 'citation' | 'definition';
}

export function documentHighlights(s: Snapshot, offset: number): Highlight[] {
  const inline = s.inline.entries.find((e) => offset >= e.keyRange.start && offset <= e.keyRange.end);
  const key = keyAt(s, offset) ?? inline?.key;
  if (!key) return [];
  const uses: Highlight[] = citationsOf(s.manuscript, key).map((c) => ({ range: c.item.keyRange, kind: 'citation' }));
  const definitions: Highlight[] = s.inline.entries.filter((e) => e.key === key).map((e) => ({ range: e.keyRange, kind: 'definition' }));
  return [...definitions, ...uses];
}
