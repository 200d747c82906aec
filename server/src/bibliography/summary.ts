/**
 * A one-line summary of an entry (first author, year, title) for completion lists and symbol
 * details. Cheap on purpose: BibTeX entries are summarised from their raw fields, without the full
 * CSL conversion, so listing a 7,000-entry library does not stall the editor.
 */
import type { BibTeXEntry } from './bibtex.js';
import { parseName, splitNames } from './bibtex-to-csl.js';
import { latexToUnicode } from './latex.js';
import type { BibEntry } from './types.js';

export interface EntrySummary {
  /** Family names of the authors (or editors), in order. */
  readonly authors: readonly string[];
  readonly year?: string;
  readonly title?: string;
  /** Journal, book or proceedings the work appeared in. */
  readonly container?: string;
}

/** Pure and cheap: whoever shows the same summaries again keeps them (the completion index does). */
export function summarise(entry: BibEntry): EntrySummary {
  return isBibTeX(entry) ? fromFields(entry) : fromCsl(entry);
}

/**
 * The first author's (or editor's) family name, exactly `summarise(entry).authors[0]`, reading only
 * that name: the claim rules need it for every entry of the library before the first diagnostics.
 */
export function firstAuthor(entry: BibEntry): string | undefined {
  if (!isBibTeX(entry)) return summarise(entry).authors[0];
  const simple = entry.readField('author', simpleFirstFamily) ?? entry.readField('editor', simpleFirstFamily);
  if (simple === undefined) return undefined;
  if (simple !== false) return simple;
  const names = entry.field('author') ?? entry.field('editor');
  if (!names) return undefined;
  const plain = plainFirstName(names);
  if (plain !== undefined) return plainFamily(plain);
  const first = splitNames(names, 1)[0];
  return first === undefined ? undefined : familyName(first);
}

/** Text that `latexToUnicode` only trims and collapses: no commands, braces, dashes or TeX quotes. */
const LATEX = /[\\{}~$-]|``|''|!`|\?`/;
/** Whitespace other than ASCII's: plain names have none. */
const OTHER_SPACE = /[^\S \t\n\r\f\v]/;
/** ` and ` between names, as splitNames reads it (tested only where the next character is an `a`). */
const AND = /^\s+and\s/i;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** The whitespace `\s` matches beyond ASCII's (plain names have none): a test without a regex or a string per character. */
function isOtherSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * `plainFamily(plainFirstName(list))` in one scan that allocates only the result, for names whose family
 * words are plain and single-spaced: `Family, Given` (`van der Berg, H.`, `Crawford Jr, J.`, any given
 * names) and `Given Family` (`Jean de la Fontaine`). The claim rules ask it of every entry of the library
 * before the first diagnostics. False for anything else: the general paths decide. Reads `list` from
 * `from` to `to` (offsets of the field's value in the library's source).
 */
function simpleFirstFamily(list: string, from: number, to: number): string | false {
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
  for (let i = from; i < to; i++) {
    const c = list.charCodeAt(i);
    if (c > 127 && isOtherSpace(c)) return false;
    if (comma >= 0 && c !== 44 && !isSpace(c)) {
      // `Family, X`: the given names (LaTeX or not) do not change the family name.
      return comma === start || oddSpace > familyStart ? false : list.slice(familyStart, wordEnd);
    }
    // \ { } ~ $ `, a dash (`--`) or a TeX '' quote: LaTeX. One hyphen is itself to latexToUnicode
    // (`Abdel-Massih`, `Jean-Paul`).
    if (c === 92 || c === 123 || c === 125 || c === 126 || c === 36 || c === 96) return false;
    if ((c === 39 || c === 45) && i + 1 < to && list.charCodeAt(i + 1) === c) return false;
    if (isSpace(c)) {
      if (i + 1 < to && (list.charCodeAt(i + 1) | 32) === 97 && AND.test(list.slice(i, Math.min(i + 6, to)))) {
        if (inWord) wordEnd = i;
        inWord = false;
        break;
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
  // Nothing after the comma (`Smith,`), or nothing at all: the general paths decide.
  if (start < 0 || wordStart < 0 || comma >= 0) return false;
  // `Given Family`: the last word, or the words after the last particle.
  if (!afterParticle) return list.slice(wordStart, wordEnd);
  return oddSpace > familyStart ? false : list.slice(familyStart, wordEnd);
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
    if (isSpace(c) && (list.charCodeAt(i + 1) | 32) === 97 && AND.test(list.slice(i, i + 6))) {
      end = i;
      break;
    }
  }
  // An empty first name (` and Smith`) is skipped by splitNames: the general path handles that.
  const name = list.slice(0, end).trim();
  return name === '' ? undefined : name;
}

/** Whitespace-separated words (ASCII whitespace: plain names have no other). */
function wordsOf(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const space = i === s.length || isSpace(s.charCodeAt(i));
    if (space && start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return out;
}

function startsLower(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/**
 * `parseName(name).family` for a plain, trimmed, non-empty name, by `parseName`'s rules for commas
 * and von particles; `parseName` itself is much slower (it splits character by character around braces).
 */
function plainFamily(name: string): string {
  const parts = name.indexOf(',') < 0 ? undefined : name.split(',').map((p) => p.trim()).filter((p) => p !== '');
  let rest: string[];
  if (parts && parts.length >= 2) rest = wordsOf(parts[0]!);
  else {
    const words = wordsOf(name);
    let von = words.length - 1;
    for (let i = 0; i < words.length - 1; i++)
      if (startsLower(words[i]!)) {
        von = i;
        break;
      }
    rest = words.slice(von);
  }
  let lastVon = -1;
  for (let i = 0; i < rest.length - 1; i++) if (startsLower(rest[i]!)) lastVon = i;
  return rest.slice(lastVon + 1).join(' ');
}

/** `parseName(name).family` as Unicode; plain names take the direct path. */
function familyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed !== '' && !LATEX.test(name) && !OTHER_SPACE.test(name)) return plainFamily(trimmed);
  const p = parseName(name);
  return latexToUnicode(p.family ?? p.literal ?? name).trim();
}

/** "Katz 2012 · Russia and Iran" / "Katz & Ezzati 2017 · …" / "Shaw et al. 2007 · …" */
export function summaryLine(s: EntrySummary): string {
  const who = s.authors.length > 2 ? `${s.authors[0]} et al.` : s.authors.join(' & ');
  const head = [who, s.year].filter(Boolean).join(' ');
  return [head, s.title].filter(Boolean).join(' · ');
}

function isBibTeX(entry: BibEntry): entry is BibTeXEntry {
  return typeof (entry as Partial<BibTeXEntry>).field === 'function';
}

function fromFields(entry: BibTeXEntry): EntrySummary {
  const field = (name: string) => entry.field(name);
  const names = field('author') ?? field('editor');
  const authors = names ? splitNames(names).map(familyName) : [];
  const year = field('year') ?? field('date')?.slice(0, 4);
  const title = field('title');
  const container = field('journaltitle') ?? field('journal') ?? field('booktitle');
  return {
    authors,
    ...(year ? { year: latexToUnicode(year).trim() } : {}),
    ...(title ? { title: latexToUnicode(title).replace(/\s+/g, ' ').trim() } : {}),
    ...(container ? { container: latexToUnicode(container).replace(/\s+/g, ' ').trim() } : {}),
  };
}

function fromCsl(entry: BibEntry): EntrySummary {
  let csl;
  try {
    csl = entry.csl();
  } catch {
    return { authors: [] };
  }
  const people = (Array.isArray(csl['author']) ? csl['author'] : Array.isArray(csl['editor']) ? csl['editor'] : []) as unknown[];
  const authors = people.flatMap((p) => {
    if (!p || typeof p !== 'object') return [];
    const { family, literal } = p as { family?: unknown; literal?: unknown };
    return typeof family === 'string' ? [family] : typeof literal === 'string' ? [literal] : [];
  });
  const issued = csl['issued'] as { 'date-parts'?: unknown[][]; raw?: string; literal?: string } | undefined;
  const first = issued?.['date-parts']?.[0]?.[0];
  const year = first !== undefined ? String(first) : (issued?.raw ?? issued?.literal)?.slice(0, 4);
  const title = typeof csl['title'] === 'string' ? csl['title'] : undefined;
  const container = typeof csl['container-title'] === 'string' ? csl['container-title'] : undefined;
  return { authors, ...(year ? { year } : {}), ...(title ? { title } : {}), ...(container ? { container } : {}) };
}
