/**
 * Trimming a set of characters from the end of a string in one backward pass. `s.replace(/[…]+$/, '')`
 * looks equivalent but is quadratic: the regex engine tries every start of a long run that does not
 * reach the end (the regular-expression audit in test/server/regex-audit.test.ts flags it).
 */
export function trimEndOf(s: string, chars: string | ((c: string) => boolean)): string {
  const drop = typeof chars === 'string' ? (c: string) => chars.includes(c) : chars;
  let end = s.length;
  while (end > 0 && drop(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** White space as `\s` means it. */
export const isSpace = (c: string): boolean => /\s/.test(c);

const isQuote = (c: number): boolean => c === 0x27 || c === 0x2019;

/** `s.replace(/['’]s?$/, '')` without a regular expression: a name without its possessive ("Waltz's" -> "Waltz"). */
export function withoutPossessive(s: string): string {
  const n = s.length;
  if (n >= 2 && s.charCodeAt(n - 1) === 0x73 && isQuote(s.charCodeAt(n - 2))) return s.slice(0, -2);
  return n >= 1 && isQuote(s.charCodeAt(n - 1)) ? s.slice(0, -1) : s;
}
