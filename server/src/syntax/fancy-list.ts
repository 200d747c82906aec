/**
 * Pandoc's `fancy_lists`: ordered list items marked by a letter, a roman numeral or `#` ("a.", "iv)",
 * "(B)", "#."). CommonMark, and so remark, reads such a line as paragraph text; Pandoc reads a
 * paragraph that starts with one as a list. The model asks this of a paragraph's first line so that
 * the claims model sees a list item where Pandoc does (list items are cited far less than prose).
 *
 * Pandoc's rules, checked against Pandoc 2.17 in test/server/syntax/fancy-list.test.ts: at most three
 * spaces of indentation; the marker is followed by whitespace or the end of the line; a single
 * upper-case letter followed by a period needs two spaces or a tab ("A. Smith" is a name, not a list).
 */
const ROMAN_LOWER = 'm*(?:cm|cd|d?c{0,4})(?:xc|xl|l?x{0,4})(?:ix|iv|v?i{0,4})';
const ROMAN_UPPER = ROMAN_LOWER.toUpperCase();
const ORDINAL = `#|[a-z]|[A-Z]|${ROMAN_LOWER}|${ROMAN_UPPER}`;
const MARKER = new RegExp(`^ {0,3}(?:\\((${ORDINAL})\\)|(${ORDINAL})([.)]))(?=[ \\t]|$)([ \\t]*)`);

/** The fancy list marker a line starts with ("a.", "(iv)", "#)"), or undefined when Pandoc reads text. */
export function fancyListMarker(line: string): string | undefined {
  const m = MARKER.exec(line);
  if (!m) return undefined;
  const [whole, enclosed, ordinal, delimiter, space] = m;
  if (enclosed === '' || ordinal === '') return undefined; // the roman pattern also matches nothing
  // "A. Smith": one capital and a period are an initial unless two spaces or a tab follow.
  if (ordinal && /^[A-Z]$/.test(ordinal) && delimiter === '.' && !(space!.length >= 2 || space!.includes('\t') || whole.trim() === line.trim()))
    return undefined;
  return (enclosed !== undefined ? `(${enclosed})` : `${ordinal}${delimiter}`).trim();
}
