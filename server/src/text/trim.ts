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
