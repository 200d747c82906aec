/**
 * First authors' family names: one entry's (`firstAuthor`), and the distinct names of a whole library
 * (`firstAuthors`), which the claim rules need before the first diagnostics. The library's scan reads each
 * name in place from the parse's source, in one loop: run once, before the engine has compiled it, its
 * cost is its calls and its garbage rather than its characters.
 */
import { locateFields, TextSpan, type BibTeXEntry } from './bibtex.js';
import { splitNames } from './bibtex-to-csl.js';
import { familyName, isBibTeX, plainFamily, summarise } from './summary.js';
import type { BibEntry } from './types.js';

/**
 * The first author's (or editor's) family name, exactly `summarise(entry).authors[0]`, reading only
 * that name.
 */
export function firstAuthor(entry: BibEntry): string | undefined {
  if (!isBibTeX(entry)) return summarise(entry).authors[0];
  const span = new TextSpan();
  if (!entry.locate('author', span) && !entry.locate('editor', span)) return undefined;
  return narrowToFirstFamily(span) ? span.text.slice(span.start, span.end) : generalFirstAuthor(entry);
}

/**
 * The distinct first authors' family names of `entries` (`firstAuthor` of each, without the undefined
 * ones). One loop over the located name lists: no call per entry but the scan's.
 */
export function firstAuthors(entries: readonly BibEntry[]): ReadonlySet<string> {
  const { texts, at } = locateFields(entries, 'author', 'editor');
  const names = new Set<string>();
  const span = new TextSpan();
  const oneWord = oneWordFamily();
  for (let e = 0; e < entries.length; e++) {
    const t = at[3 * e]!;
    if (t === -1) continue;
    let name: string | undefined;
    if (t >= 0) {
      const text = texts[t]!;
      const start = at[3 * e + 1]!;
      const end = at[3 * e + 2]!;
      oneWord.lastIndex = start;
      if (oneWord.test(text) && oneWord.lastIndex <= end) {
        // The family is the word before the first comma, less the spaces around it.
        let from = start;
        while (isAsciiSpace(text.charCodeAt(from))) from++;
        let to = text.indexOf(',', from);
        while (isAsciiSpace(text.charCodeAt(to - 1))) to--;
        names.add(text.slice(from, to));
        continue;
      }
      span.text = text;
      span.start = start;
      span.end = end;
      if (narrowToFirstFamily(span)) {
        names.add(span.text.slice(span.start, span.end));
        continue;
      }
      name = generalFirstAuthor(entries[e] as BibTeXEntry);
    } else name = summarise(entries[e]!).authors[0];
    if (name !== undefined) names.add(name);
  }
  return names;
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * What `narrowToFirstFamily` reads as `Family, Given` with a one-word family (most names), tested by the
 * regular expression engine's native code from a value's start (sticky): ASCII spaces, one word (no space,
 * comma, LaTeX character `\{}~$``, `--`, `''` or space beyond ASCII's), spaces, a comma, spaces and commas,
 * and the given names' first character; no space before `and` and a space (where the scan stops: the next
 * name). A match that ends past the value is no match. A fresh one per scan: its `lastIndex` is state.
 */
function oneWordFamily(): RegExp {
  return /(?:[\t\n\v\f\r ](?![aA][nN][dD]\s))*(?:[^\t\n\v\f\r ,\\{}~$`'\-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|(['-])(?!\1))+(?:[\t\n\v\f\r ](?![aA][nN][dD]\s))*,(?:[\t\n\v\f\r ](?![aA][nN][dD]\s)|,)*[^\t\n\v\f\r ,\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/y;
}

/** ` and ` between names, as splitNames reads it (tested only where the next character is an `a`). */
const AND = /^\s+and\s/i;

/** The whitespace `\s` matches beyond ASCII's (plain names have none): a test without a regex or a string per character. */
function isOtherSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * `plainFamily(plainFirstName(list))` in one scan that allocates nothing, for names whose family words
 * are plain and single-spaced: `Family, Given` (`van der Berg, H.`, `Crawford Jr, J.`, any given names)
 * and `Given Family` (`Jean de la Fontaine`). Narrows `span` (a name list) to that family name and says
 * true; false for anything else (the general path decides). The tests of spaces and of ` and ` are
 * written out: until the engine has compiled this loop, a call per character is most of its cost.
 */
function narrowToFirstFamily(span: TextSpan): boolean {
  const list = span.text;
  const to = span.end;
  let start = -1; // the name's first non-space character
  let comma = -1; // the first comma
  let wordStart = -1; // the word being read, or the last one
  let wordEnd = to;
  let inWord = false;
  // The family name starts after the last particle (a lower-case word that is not the last word).
  let familyStart = -1;
  let afterParticle = false; // familyStart moved past a particle
  let previousLower = false;
  let oddSpace = -1; // the start of the last word after a space other than one ' ' (the family is then not a slice)
  for (let i = span.start; i < to; i++) {
    const c = list.charCodeAt(i);
    if (c > 127 && isOtherSpace(c)) return false;
    const space = c === 32 || (c >= 9 && c <= 13);
    if (comma >= 0 && c !== 44 && !space) {
      // `Family, X`: the given names (LaTeX or not) do not change the family name.
      if (comma === start || oddSpace > familyStart) return false;
      span.start = familyStart;
      span.end = wordEnd;
      return true;
    }
    // \ { } ~ $ `, a dash (`--`) or a TeX '' quote: LaTeX. One hyphen is itself to latexToUnicode
    // (`Abdel-Massih`, `Jean-Paul`).
    if (c === 92 || c === 123 || c === 125 || c === 126 || c === 36 || c === 96) return false;
    if ((c === 39 || c === 45) && i + 1 < to && list.charCodeAt(i + 1) === c) return false;
    if (space) {
      // AND's ` and` then a space of `\s`, the `a` right after this one space.
      if (i + 4 < to && (list.charCodeAt(i + 1) | 32) === 97 && (list.charCodeAt(i + 2) | 32) === 110 && (list.charCodeAt(i + 3) | 32) === 100) {
        const after = list.charCodeAt(i + 4);
        if (after === 32 || (after >= 9 && after <= 13) || (after > 127 && isOtherSpace(after))) {
          if (inWord) wordEnd = i;
          inWord = false;
          break;
        }
      }
      if (inWord) {
        inWord = false;
        wordEnd = i;
      }
      continue;
    }
    if (start < 0) start = i;
    if (c === 44) {
      if (comma >= 0) continue;
      comma = i;
      if (inWord) {
        inWord = false;
        wordEnd = i;
      }
      continue;
    }
    if (!inWord) {
      if (wordStart < 0) familyStart = i;
      else {
        if (i - wordEnd !== 1 || list.charCodeAt(wordEnd) !== 32) oddSpace = i;
        if (previousLower) {
          familyStart = i;
          afterParticle = true;
        }
      }
      previousLower = c >= 97 && c <= 122;
      inWord = true;
      wordStart = i;
      wordEnd = to;
    }
  }
  // Nothing after the comma (`Smith,`), or nothing at all: the general path decides.
  if (start < 0 || wordStart < 0 || comma >= 0) return false;
  // `Given Family`: the last word, or the words after the last particle.
  if (afterParticle) {
    if (oddSpace > familyStart) return false;
    span.start = familyStart;
  } else span.start = wordStart;
  span.end = wordEnd;
  return true;
}

/** The first family name of an entry whose names the one scan does not take. */
function generalFirstAuthor(entry: BibTeXEntry): string | undefined {
  const names = entry.field('author') ?? entry.field('editor');
  if (!names) return undefined;
  const plain = plainFirstName(names);
  if (plain !== undefined) return plainFamily(plain);
  const first = splitNames(names, 1)[0];
  return first === undefined ? undefined : familyName(first);
}

/**
 * `splitNames(list)[0]` in one scan when that name has no LaTeX (so `plainFamily` applies), or
 * undefined: then the general path decides.
 */
function plainFirstName(list: string): string | undefined {
  let end = list.length;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    // \ { } ~ $ - `, a TeX '' quote, or an unusual space: not plain.
    if (c === 92 || c === 123 || c === 125 || c === 126 || c === 36 || c === 45 || c === 96) return undefined;
    if (c === 39 && list.charCodeAt(i + 1) === 39) return undefined;
    if (c > 127 && isOtherSpace(c)) return undefined;
    if ((c === 32 || (c >= 9 && c <= 13)) && (list.charCodeAt(i + 1) | 32) === 97 && AND.test(list.slice(i, i + 6))) {
      end = i;
      break;
    }
  }
  // An empty first name (` and Smith`) is skipped by splitNames: the general path handles that.
  const name = list.slice(0, end).trim();
  return name === '' ? undefined : name;
}
