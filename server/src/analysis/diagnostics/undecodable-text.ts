/**
 * malformed-markdown (error): the manuscript file is not valid in its encoding (UTF-8, or UTF-16 by its
 * byte-order mark), or holds NUL characters (UTF-16 without one). Reported at the first bad character
 * instead of analysing garbage in silence.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function undecodableText(s: Snapshot): Finding[] {
  const p = s.decodeProblem;
  if (!p) return [];
  const at = Math.min(p.offset, s.manuscript.text.length);
  return [finding('malformed-markdown', s.path, { start: at, end: Math.min(at + 1, s.manuscript.text.length) }, p.message)];
}
