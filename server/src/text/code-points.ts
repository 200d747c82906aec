/**
 * Error ranges built as "this character" (`at`, `at + 1`) split a surrogate pair when the character is
 * outside the BMP (an emoji, 𝔸): editors cannot place a position there. Widen such edges to whole
 * code points, staying inside the text.
 */
import { range, type OffsetRange } from './range.js';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function splits(text: string, at: number): boolean {
  return at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
}

/** `r` clamped to the text and widened so that neither edge falls inside a surrogate pair. */
export function wholeCodePoints(text: string, r: OffsetRange): OffsetRange {
  let start = Math.max(0, Math.min(r.start, text.length));
  let end = Math.max(start, Math.min(r.end, text.length));
  if (splits(text, start)) start--;
  if (splits(text, end)) end++;
  return start === r.start && end === r.end ? r : range(start, end);
}
