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

/** Text that `latexToUnicode` only trims and collapses: no commands, braces, dashes or TeX quotes. */
const LATEX = /[\\{}~$-]|``|''|!`|\?`/;
/** Whitespace other than ASCII's: plain names have none. */
const OTHER_SPACE = /[^\S \t\n\r\f\v]/;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
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
export function plainFamily(name: string): string {
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
export function familyName(name: string): string {
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

export function isBibTeX(entry: BibEntry): entry is BibTeXEntry {
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
