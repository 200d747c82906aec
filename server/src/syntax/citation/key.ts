/**
 * Pandoc's citation-key character classes (Text.Pandoc.Parsing `citeKey`, pandoc 2.17):
 * a key starts with a letter, digit, `_` or `*`; continues with letters, digits and `_`;
 * `:.#$%&-+?<>~/` count only when followed by a key character, and `:`/`/` also before `/`
 * (so `@http://x.org` works). "Letter" and "digit" are Unicode (Haskell's isAlphaNum).
 */
import type { Code } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';

const letterOrDigit = /^[\p{L}\p{N}]$/u;

export function isLetterOrDigitCodePoint(codePoint: number): boolean {
  return letterOrDigit.test(String.fromCodePoint(codePoint));
}

/** A BMP key character (`code` is one UTF-16 unit as micromark hands them out). */
export function isKeyChar(code: Code): boolean {
  if (code === null || code < 0) return false;
  if (code === codes.underscore) return true;
  if (isHighSurrogate(code) || isLowSurrogate(code)) return false;
  return isLetterOrDigitCodePoint(code);
}

export function isKeyStart(code: Code): boolean {
  return isKeyChar(code) || code === codes.asterisk;
}

/** Punctuation allowed inside a key when a key character follows. */
export function isInternalPunctuation(code: Code): boolean {
  return code !== null && code > 0 && ':.#$%&-+?<>~/'.includes(String.fromCharCode(code));
}

export function isHighSurrogate(code: Code): code is number {
  return code !== null && code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: Code): code is number {
  return code !== null && code >= 0xdc00 && code <= 0xdfff;
}

/** Pandoc's `notAfterString`: no citation right after a letter, a digit or a `.`. */
export function allowsCitationAfter(previous: Code): boolean {
  if (previous === null || previous < 0) return true;
  if (previous === codes.dot) return false;
  // A lone low surrogate is the end of an astral character (emoji and the like in practice).
  if (isLowSurrogate(previous)) return true;
  return !isLetterOrDigitCodePoint(previous);
}

/** Whether `key` can be written as `@key` (else it needs `@{key}`). */
export function isSimpleKey(key: string): boolean {
  return /^[\p{L}\p{N}_*](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])|[:/](?=\/))*$/u.test(key);
}
