/**
 * Sentence splitting over the plain text of one paragraph.
 *
 * The caller projects Markdown to plain text (citations become U+FFFC) and maps offsets back, so this
 * module only sees prose. It is a single left-to-right pass: a boundary can only fall on whitespace that
 * follows a terminator, so it never cuts a surrogate pair or a combining sequence, and every character is
 * inspected a bounded number of times (linear time, no regular expression over the whole text).
 */

export interface SentenceRange {
  start: number;
  end: number;
}

/** The placeholder the caller substitutes for every citation. */
export const CITATION_PLACEHOLDER = '\uFFFC';

// Terminators. CJK full stops end a sentence without a following space.
const TERMINATORS = new Set(['.', '?', '!', '\u2026', '\u061F', '\u06D4', '\u3002', '\uFF1F', '\uFF01', '\u203C', '\u2047', '\u2048', '\u2049']);
const NO_SPACE_NEEDED = new Set(['\u3002', '\uFF1F', '\uFF01']);
// Characters that belong to the sentence they follow: closing quotes and brackets.
const CLOSERS = new Set(['"', "'", '\u201D', '\u2019', '\u00BB', '\u203A', ')', ']', '}', '\u300D', '\u300F', '\uFF09']);
// Characters that may open the next sentence before its first letter.
const OPENERS = new Set(['"', "'", '\u201C', '\u2018', '\u00AB', '\u2039', '(', '[', '{', '\u300C', '\u300E', '\u2014', '\u2013', '-', '*', '_', '\u00BF', '\u00A1']);

/** Abbreviations that do not end a sentence whatever follows (compared lower-case, without the final dot). */
const ALWAYS_ABBREV = new Set([
  'e.g', 'i.e', 'cf', 'vs', 'viz', 'dr', 'prof', 'mr', 'mrs', 'ms', 'mt', 'st', 'vol', 'vols', 'pp', 'p', 'ch',
  'chap', 'fig', 'figs', 'tbl', 'tab', 'suppl', 'eq', 'eqs', 'sec', 'ref', 'refs', 'approx', 'ca', 'gen', 'col', 'capt', 'lt', 'sgt',
  'gov', 'sen', 'rev', 'hon', 'dept', 'univ', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'op',
]);
/** Abbreviations that may end a sentence; they end it only before a capitalised or uncased word. */
const SOMETIMES_ABBREV = new Set(['etc', 'al', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'ibid', 'ed', 'eds', 'ph.d', 'esq', 'bros']);
/** Abbreviations that are such only before a number ("No. 3", "Art. 51"). */
const NUMBER_ABBREV = new Set(['no', 'nos', 'art', 'arts', 'nr', 'para', 'paras']);
/**
 * Words that typically start a sentence; after an initial or a dotted acronym ("U.S.", "J.") a boundary is
 * assumed only before one of these, since names ("J. M. Mearsheimer") are far more common there.
 */
const STARTERS = new Set([
  'the', 'this', 'these', 'that', 'those', 'there', 'their', 'they', 'it', 'its', 'in', 'on', 'at', 'as', 'by',
  'for', 'from', 'we', 'our', 'however', 'moreover', 'furthermore', 'thus', 'therefore', 'hence', 'although',
  'while', 'when', 'since', 'a', 'an', 'if', 'such', 'both', 'also', 'finally', 'consequently', 'additionally',
  'here', 'most', 'many', 'some', 'one', 'to', 'with', 'after', 'before', 'during', 'he', 'she', 'his', 'her',
  'i', 'but', 'and', 'yet', 'so', 'because', 'what', 'why', 'how', 'who', 'all', 'each', 'other', 'another',
]);

const LIST_LABEL = /^(?:\(?[A-Za-z]|\(?\d{1,3}|\(?[ivxlcdm]{1,6})[.)]$/;
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}$/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}|\p{Lt}/u;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const DIGIT = /\p{Nd}/u;
const SPACE = /\s/u;
/** Abbreviations are short; bounding the look-back keeps a 100k-character token linear. */
const MAX_TOKEN = 32;

/** Splits one paragraph's plain text into sentences; ranges exclude surrounding whitespace. */
export function splitSentences(text: string): SentenceRange[] {
  const out: SentenceRange[] = [];
  const n = text.length;
  let start = skipSpace(text, 0);
  let i = start;
  while (i < n) {
    const ch = text[i] as string;
    if (!TERMINATORS.has(ch)) {
      i++;
      continue;
    }
    // Absorb runs like "?!", "...", the closing quotes/brackets, an adjacent citation and combining marks.
    const termStart = i;
    let j = i + 1;
    while (j < n && TERMINATORS.has(text[j] as string)) j++;
    const termEnd = j;
    while (j < n) {
      const c = text[j] as string;
      if (CLOSERS.has(c) || c === CITATION_PLACEHOLDER || MARK.test(c)) j++;
      else break;
    }
    const after = skipSpace(text, j);
    if (j < n && after === j && !NO_SPACE_NEEDED.has(text[termEnd - 1] as string)) {
      // No whitespace follows (decimals, "10.1000", "e.g.,", URLs): not a boundary.
      i = j;
      continue;
    }
    if (after >= n) break; // the last sentence runs to the end of the text
    if (isBoundary(text, start, termStart, termEnd, after)) {
      push(out, text, start, j);
      start = after;
    }
    i = after;
  }
  const end = trimEnd(text, start, n);
  if (end > start) push(out, text, start, end);
  return out;
}

/** Nothing but citations and punctuation: "Trade fell. [@a]" cites the sentence before it. */
const CITATIONS_ONLY = new RegExp(`^[${CITATION_PLACEHOLDER}\\s.,;:!?()\\[\\]"'”’]*$`);

function push(out: SentenceRange[], text: string, start: number, end: number): void {
  const previous = out.at(-1);
  if (previous && CITATIONS_ONLY.test(text.slice(start, end))) out[out.length - 1] = { start: previous.start, end };
  else out.push({ start, end });
}

function isBoundary(text: string, sentStart: number, termStart: number, termEnd: number, next: number): boolean {
  const nextKind = classifyNext(text, next);
  // A lower-case continuation ("e.g. the", '"Stop?" he said') never starts a sentence.
  if (nextKind === 'lower') return false;
  const run = text.slice(termStart, termEnd);
  const isEllipsis = run === '\u2026' || run.startsWith('..');
  if (isEllipsis) return nextKind === 'upper' || nextKind === 'uncased';
  if (run !== '.') return true; // ?, !, ؟, ۔ and friends
  const token = tokenBefore(text, sentStart, termStart);
  if (token === '') return true;
  // A list label at the start of the paragraph ("a.", "1.", "iv.") belongs to the first sentence.
  if (termStart - token.length === sentStart && sentStart === skipSpace(text, 0) && LIST_LABEL.test(token + '.')) return false;
  const lower = token.toLowerCase();
  if (ALWAYS_ABBREV.has(lower)) return false;
  if (NUMBER_ABBREV.has(lower)) return !(nextKind === 'digit' || nextKind === 'placeholder' || nextKind === 'other');
  if (SOMETIMES_ABBREV.has(lower)) return nextKind === 'upper' || nextKind === 'uncased';
  if (INITIALS.test(token) || /^(?:\p{L}\.)+\p{L}$/u.test(token)) {
    // "J. M. Mearsheimer", "J.A. Iran", "U.S. policy" — unless a typical sentence opener follows.
    return nextKind === 'upper' && STARTERS.has(nextWord(text, next).toLowerCase());
  }
  return true;
}

type NextKind = 'lower' | 'upper' | 'uncased' | 'digit' | 'placeholder' | 'other';

function classifyNext(text: string, at: number): NextKind {
  let k = at;
  const limit = Math.min(text.length, at + 4);
  while (k < limit && OPENERS.has(text[k] as string)) k++;
  const cp = text.codePointAt(k);
  if (cp === undefined) return 'other';
  const c = String.fromCodePoint(cp);
  if (c === CITATION_PLACEHOLDER) return 'placeholder';
  if (LOWER.test(c)) return 'lower';
  if (UPPER.test(c)) return 'upper';
  if (LETTER.test(c)) return 'uncased';
  if (DIGIT.test(c)) return 'digit';
  return 'other';
}

/** The word right before a terminator, without leading brackets/quotes (bounded look-back). */
function tokenBefore(text: string, sentStart: number, termStart: number): string {
  let k = termStart;
  const floor = Math.max(sentStart, termStart - MAX_TOKEN);
  while (k > floor && !SPACE.test(text[k - 1] as string)) k--;
  if (k === floor && k > sentStart && !SPACE.test(text[k - 1] as string)) return ''; // too long to be an abbreviation
  let token = text.slice(k, termStart);
  // "data—e.g." and "(cf." : the abbreviation is what follows the last dash, slash or bracket.
  const cut = Math.max(token.lastIndexOf('\u2014'), token.lastIndexOf('\u2013'), token.lastIndexOf('/'), token.lastIndexOf('('));
  if (cut >= 0) token = token.slice(cut + 1);
  while (token.length > 0 && OPENERS.has(token[0] as string)) token = token.slice(1);
  return token;
}

function nextWord(text: string, at: number): string {
  let k = at;
  while (k < text.length && OPENERS.has(text[k] as string)) k++;
  const begin = k;
  while (k < text.length && k - begin < 16 && LETTER.test(text[k] as string)) k++;
  // "A." is another initial, not the article.
  if (text[k] === '.') return '';
  return text.slice(begin, k);
}

function skipSpace(text: string, from: number): number {
  let k = from;
  while (k < text.length && SPACE.test(text[k] as string)) k++;
  return k;
}

function trimEnd(text: string, start: number, end: number): number {
  let k = end;
  while (k > start && SPACE.test(text[k - 1] as string)) k--;
  return k;
}
