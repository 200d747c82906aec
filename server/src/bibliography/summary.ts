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

const cache = new WeakMap<BibEntry, EntrySummary>();

export function summarise(entry: BibEntry): EntrySummary {
  let s = cache.get(entry);
  if (!s) cache.set(entry, (s = isBibTeX(entry) ? fromFields(entry) : fromCsl(entry)));
  return s;
}

/**
 * The first author's (or editor's) family name, exactly `summarise(entry).authors[0]`, reading only
 * that name: the claim rules need it for every entry of the library before the first diagnostics.
 */
export function firstAuthor(entry: BibEntry): string | undefined {
  if (!isBibTeX(entry)) return summarise(entry).authors[0];
  const names = entry.field('author') ?? entry.field('editor');
  const first = names ? splitNames(names, 1)[0] : undefined;
  return first === undefined ? undefined : familyName(first);
}

/** Text that `latexToUnicode` only trims and collapses: no commands, braces, dashes or TeX quotes. */
const LATEX = /[\\{}~$-]|``|''|!`|\?`/;
const SPACES = /\s+/;
const isLower = (w: string): boolean => /^[a-z]/.test(w);

/**
 * `parseName(name).family`, as Unicode. Names without LaTeX (most of any library) take a direct
 * path with the same von/last rules as `parseName`, which is much slower (it splits character by
 * character around braces).
 */
function familyName(name: string): string {
  if (!LATEX.test(name)) {
    const parts = name.indexOf(',') < 0 ? [] : name.split(',').map((p) => p.trim()).filter((p) => p !== '');
    let rest: string[];
    if (parts.length >= 2) {
      rest = parts[0]!.split(SPACES).filter((w) => w !== '');
    } else {
      const words = name.split(SPACES).filter((w) => w !== '');
      let von = words.findIndex((w, i) => i < words.length - 1 && isLower(w));
      if (von < 0) von = words.length - 1;
      rest = words.slice(von);
    }
    let lastVon = -1;
    for (let i = 0; i < rest.length - 1; i++) if (isLower(rest[i]!)) lastVon = i;
    if (rest.length > lastVon + 1) return rest.slice(lastVon + 1).join(' ');
  }
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
