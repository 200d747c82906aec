/**
 * The locator citeproc (pandoc-citeproc / citeproc-hs) would take from a suffix: an optional
 * comma, a locator term (`p.`, `pp.`, `chap.`, `§`, ...) and a value (`33-35`, `iv`, `{III, 2}`).
 * A suffix starting with a number is a page. Labels are CSL locator names.
 */
const terms: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['book', ['book', 'books', 'bk.', 'bks.']],
  ['chapter', ['chapter', 'chapters', 'chap.', 'chaps.', 'ch.', 'chs.']],
  ['column', ['column', 'columns', 'col.', 'cols.']],
  ['figure', ['figure', 'figures', 'fig.', 'figs.']],
  ['folio', ['folio', 'folios', 'fol.', 'fols.']],
  ['number', ['number', 'numbers', 'no.', 'nos.']],
  ['line', ['line', 'lines', 'l.', 'll.']],
  ['note', ['note', 'notes', 'n.', 'nn.']],
  ['opus', ['opus', 'opera', 'op.', 'opp.']],
  ['page', ['page', 'pages', 'p.', 'pp.']],
  ['paragraph', ['paragraph', 'paragraphs', 'para.', 'paras.', '¶¶', '¶']],
  ['part', ['part', 'parts', 'pt.', 'pts.']],
  ['section', ['section', 'sections', 'sec.', 'secs.', '§§', '§']],
  ['sub verbo', ['sub verbo', 'sub verbis', 's.v.', 's.vv.']],
  ['verse', ['verse', 'verses', 'v.', 'vv.']],
  ['volume', ['volume', 'volumes', 'vol.', 'vols.']],
];

/** Longest spelling first so `pp.` wins over `p.` and `§§` over `§`. */
const spellings = terms
  .flatMap(([label, words]) => words.map((word) => ({ label, word })))
  .sort((a, b) => b.word.length - a.word.length);

/** A number, roman numeral or `12a`, possibly ranges and lists: `33-35`, `iv–vi`, `3, 5`. */
const value = /^(?:[\p{N}]+[\p{L}]?|[ivxlcdm]+|[IVXLCDM]+)(?:\s*[-–—,&:]\s*(?:[\p{N}]+[\p{L}]?|[ivxlcdm]+|[IVXLCDM]+))*/u;

export function parseLocator(suffix: string): { label: string; value: string } | undefined {
  const text = suffix.replace(/^\s*,?\s*/u, '');
  if (/^\p{N}/u.test(text)) {
    const match = value.exec(text);
    return match ? { label: 'page', value: match[0].trim() } : undefined;
  }
  const lower = text.toLowerCase();
  for (const { label, word } of spellings) {
    if (!lower.startsWith(word)) continue;
    const rest = text.slice(word.length);
    // A word must end there (`pages`, not `pagesX`); abbreviations and symbols end themselves.
    if (/^\p{L}/u.test(rest) && /\p{L}$/u.test(word)) continue;
    const after = rest.replace(/^\s+/u, '');
    if (after.startsWith('{')) {
      const close = after.indexOf('}');
      if (close > 0) return { label, value: after.slice(1, close) };
    }
    const match = value.exec(after);
    if (match) return { label, value: match[0].trim() };
  }
  return undefined;
}
