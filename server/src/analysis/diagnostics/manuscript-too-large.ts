/**
 * manuscript-too-large (warning): the manuscript is over `marginalia.limits.manuscriptBytes`, so it is
 * not analysed at all — a visible notice instead of an editor frozen for minutes (issue #11: a 50 MB
 * manuscript ran for minutes at gigabytes of memory). Raise the limit to analyse it anyway.
 */
import { finding, type Finding } from '../diagnostic.js';
import { firstLine } from './analysis-failed.js';

export function manuscriptTooLarge(file: string, text: string, bytes: number, limit: number): Finding {
  return finding(
    'manuscript-too-large',
    file,
    firstLine(text),
    `This manuscript is ${size(bytes)}, over the limit of ${size(limit)} (marginalia.limits.manuscriptBytes): it is not analysed`,
  );
}

function size(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}
