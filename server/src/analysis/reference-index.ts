/**
 * A full-text index of a manuscript's bibliography, for suggesting which entry supports a sentence:
 * BM25 (MiniSearch) over each entry's title, abstract, keywords and container, with English stop
 * words removed and Porter stems cut to six letters, plus a table of the authors' family names. Built once per
 * bibliography by the host, on first use (it reads every entry), never by an analysis on its own.
 */
import MiniSearch from 'minisearch';
import { summarise } from '../bibliography/summary.js';
import type { BibTeXEntry } from '../bibliography/bibtex.js';
import { latexToUnicode } from '../bibliography/latex.js';
import type { BibEntry, CslItem } from '../bibliography/types.js';
import { indexTerm, indexWords, words } from '../text/index-terms.js';

export interface IndexedEntry {
  readonly key: string;
  readonly entry: BibEntry;
  /** Family names as written ("Waltz", "van Evera"). */
  readonly authors: readonly string[];
  readonly year?: string;
  readonly title?: string;
}

export interface TextMatch {
  readonly key: string;
  readonly score: number;
  /** The query's words (as typed) that matched, by field. */
  readonly matched: readonly { readonly word: string; readonly fields: readonly string[] }[];
}

export interface ReferenceIndex {
  readonly size: number;
  entry(key: string): IndexedEntry | undefined;
  /** BM25 matches of a text against the entries, best first. */
  search(text: string, limit: number): TextMatch[];
  /** Authors' family names (or institutional names) that a text mentions, capitalised as in the entry, with their entries. */
  authorsIn(text: string): { readonly name: string; readonly keys: readonly string[] }[];
}

const FIELDS = ['title', 'abstract', 'keywords', 'container'] as const;
/** A title says what a work is about more densely than its abstract; the container only hints. */
const BOOST = { title: 5, keywords: 2, abstract: 1, container: 0.2 };

/** The words and terms of text/index-terms.ts, where the claims model's bibliography match reads them too. */
export { indexTerm, words };

const tokenize = indexWords;

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(text).join(' ');
  return '';
}

export interface IndexDocument {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: string;
  readonly container: string;
}

/** An entry's indexed text. BibTeX entries are read from their fields: a full CSL conversion of a large library costs seconds. */
export function documentOf(entry: BibEntry): IndexDocument {
  if (typeof (entry as Partial<BibTeXEntry>).field === 'function') {
    // One field at a time: building an entry's field map keeps it (19 MB over WALS's 7,373 entries).
    const bibtex = entry as BibTeXEntry;
    const field = (...names: string[]) => names.map((n) => bibtex.field(n) ?? '').join(' ');
    return {
      id: entry.key,
      title: latexToUnicode(field('title', 'shorttitle', 'subtitle')),
      abstract: latexToUnicode(field('abstract')),
      keywords: latexToUnicode(field('keywords')),
      container: latexToUnicode(field('journal', 'journaltitle', 'booktitle', 'series')),
    };
  }
  let csl: CslItem;
  try {
    csl = entry.csl();
  } catch {
    csl = { id: entry.key, type: 'document' };
  }
  return {
    id: entry.key,
    title: [text(csl['title']), text(csl['title-short'])].join(' '),
    abstract: text(csl['abstract']),
    keywords: text(csl['keyword']),
    container: [text(csl['container-title']), text(csl['collection-title']), text(csl['event-title'])].join(' '),
  };
}

/** Indexes the first definition of every key; entries whose CSL conversion fails are indexed by key alone. */
export function buildReferenceIndex(entries: Iterable<BibEntry>): ReferenceIndex {
  const search = new MiniSearch<IndexDocument>({
    fields: [...FIELDS],
    tokenize,
    processTerm: (t) => indexTerm(t) ?? null,
    searchOptions: { boost: BOOST, combineWith: 'OR', prefix: false, fuzzy: false },
  });
  const byKey = new Map<string, IndexedEntry>();
  /** Names by their first word (lower case): "world" -> ["World Health Organization"]. */
  const names = new Map<string, Map<string, string[]>>();
  const docs: IndexDocument[] = [];
  for (const entry of entries) {
    if (byKey.has(entry.key)) continue;
    const summary = summarise(entry);
    byKey.set(entry.key, {
      key: entry.key,
      entry,
      authors: summary.authors,
      ...(summary.year ? { year: summary.year } : {}),
      ...(summary.title ? { title: summary.title } : {}),
    });
    for (const name of new Set(summary.authors)) {
      const first = words(name)[0];
      // Very short names ("Li", "Wu") would match ordinary words and initials.
      if (!first || name.length < 3) continue;
      const byName = names.get(first) ?? names.set(first, new Map()).get(first)!;
      const list = byName.get(name);
      if (list) list.push(entry.key);
      else byName.set(name, [entry.key]);
    }
    docs.push(documentOf(entry));
  }
  search.addAll(docs);

  return {
    size: byKey.size,
    entry: (key) => byKey.get(key),
    authorsIn(query) {
      const found = new Map<string, readonly string[]>();
      // A name is written capitalised: "Waltz argued", "the World Health Organization reported".
      for (const m of query.matchAll(/\p{Lu}[\p{L}'’-]*/gu)) {
        const candidates = names.get(m[0].toLowerCase().replace(/['’]s$/, ''));
        if (!candidates) continue;
        const rest = query.slice(m.index);
        for (const [name, keys] of candidates)
          if (rest.startsWith(name) && !/[\p{L}]/u.test(rest[name.length] ?? '')) found.set(name, keys);
      }
      return [...found].map(([name, keys]) => ({ name, keys }));
    },
    search(query, limit) {
      // MiniSearch reports matched terms processed; map them back to the words the sentence used.
      const original = new Map<string, string>();
      for (const w of tokenize(query)) {
        const t = indexTerm(w);
        if (t && !original.has(t)) original.set(t, w);
      }
      if (!original.size) return [];
      return search
        .search([...original.keys()].join(' '), { tokenize: (q) => q.split(' '), processTerm: (t) => t })
        .slice(0, limit)
        .map((r) => ({
          key: String(r.id),
          score: r.score,
          matched: Object.entries(r.match).map(([term, fields]) => ({ word: original.get(term) ?? term, fields })),
        }));
    },
  };
}
