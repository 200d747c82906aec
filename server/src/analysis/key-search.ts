/**
 * Ranked search over a library's keys for citation completion: what a user types after `@` may be
 * the start of a key, an author and a year (`katz2012`), a word of the title or of the journal.
 *
 * One instance per key index (the host keeps it as long as the library is unchanged). The rows —
 * folded words of key, authors, year, title and container per entry, sorted by key — are built on
 * the first search. A query that extends the previous one (the user typed one more character) only
 * re-checks the previous matches: the match test is monotone, so nothing outside them can match.
 *
 * Tiers, best first (within a tier, keys cited in the document first, then by key):
 * 0 the key starts with the query; 1 the key contains it; 2 every part of the query starts a word of
 * the authors or the year (`katz 2012`); 3 every part starts a word of the key, authors, year, title
 * or container; 4 the query occurs somewhere in them; 5 the query is a subsequence of the key.
 */
import type { BibTeXEntry } from '../bibliography/bibtex.js';
import { summarise, type EntrySummary } from '../bibliography/summary.js';
import type { BibEntry } from '../bibliography/types.js';
import type { ResolvedEntry } from './snapshot.js';

export interface KeyMatch {
  readonly key: string;
  readonly entry: BibEntry;
  readonly summary: EntrySummary;
  /** 0 (key prefix) to 5 (fuzzy), see above. */
  readonly tier: number;
}

export interface KeySearchResult {
  readonly matches: readonly KeyMatch[];
  /** More entries matched than `limit`: the client must ask again as the user types. */
  readonly incomplete: boolean;
}

interface Row {
  readonly key: string;
  readonly entry: BibEntry;
  /** Folded key, for prefix, substring and subsequence tests. */
  readonly folded: string;
  /** Folded words, each preceded by a space: ` katz 2012` — `includes(' ' + part)` is a word-prefix test. */
  readonly people: string;
  readonly words: string;
  /** The entry's summary, made when the row is first shown (a completion list shows at most `limit`). */
  summary?: EntrySummary;
}

const TIERS = 6;

export class KeySearch {
  private rows: Row[] | undefined;
  private last: { query: string; matched: number[] } | undefined;

  constructor(private readonly entries: ReadonlyMap<string, readonly ResolvedEntry[]>) {}

  /** Builds the rows now (the server does it in the background after loading a library). */
  prepare(): void {
    this.table();
  }

  search(query: string, cited: ReadonlySet<string>, limit: number): KeySearchResult {
    const rows = this.table();
    const q = fold(query);
    // Keys that start with the query are one run of the sorted rows, and they come first: when there
    // are more of them than the list shows, the list is those and incomplete, with no row ranked (the
    // first characters typed after `[@` would otherwise rank all 30,000 rows). Narrowing goes on from
    // the last search that ranked rows, whose matches include this query's.
    const from = lowerBound(rows, (row) => row.folded < q);
    const to = lowerBound(rows, (row) => row.folded < q || row.folded.startsWith(q));
    if (to - from > limit) return { matches: this.prefixed(rows, from, to, cited, limit), incomplete: true };
    // Each part with the space before it: `includes(' ' + part)` tests a word prefix (made once, not per row).
    const parts = words([q]).split(' ').filter((p) => p !== '').map((p) => ' ' + p);
    const narrowing = this.last !== undefined && q.startsWith(this.last.query);
    const candidates = narrowing ? this.last!.matched : undefined;
    const matched: number[] = [];
    const tiers: number[][] = Array.from({ length: TIERS }, () => []);
    const visit = (i: number) => {
      const tier = rank(rows[i]!, q, parts);
      if (tier < 0) return;
      matched.push(i);
      tiers[tier]!.push(i);
    };
    if (candidates) for (const i of candidates) visit(i);
    else for (let i = 0; i < rows.length; i++) visit(i);
    this.last = { query: q, matched };

    const out: KeyMatch[] = [];
    for (let tier = 0; tier < TIERS && out.length < limit; tier++) {
      const list = tiers[tier]!;
      // Rows are in key order; cited keys move to the front of their tier, keeping that order.
      for (const pass of [true, false])
        for (const i of list) {
          if (out.length >= limit) break;
          const row = rows[i]!;
          if (cited.has(row.key) !== pass) continue;
          out.push({ key: row.key, entry: row.entry, summary: (row.summary ??= summarise(row.entry)), tier });
        }
    }
    return { matches: out, incomplete: matched.length > out.length };
  }

  /** The first `limit` rows of [from, to), cited keys first, as tier 0 of `search` lists them. */
  private prefixed(rows: readonly Row[], from: number, to: number, cited: ReadonlySet<string>, limit: number): KeyMatch[] {
    const first: number[] = [];
    for (const key of cited) {
      const folded = fold(key);
      const i = lowerBound(rows, (row) => row.folded < folded || (row.folded === folded && row.key < key));
      if (i >= from && i < to && rows[i]!.key === key) first.push(i);
    }
    first.sort((a, b) => a - b);
    const out: KeyMatch[] = [];
    const take = (i: number) => {
      const row = rows[i]!;
      out.push({ key: row.key, entry: row.entry, summary: (row.summary ??= summarise(row.entry)), tier: 0 });
    };
    for (const i of first) if (out.length < limit) take(i);
    for (let i = from; i < to && out.length < limit; i++) if (!cited.has(rows[i]!.key)) take(i);
    return out;
  }

  private table(): Row[] {
    if (this.rows) return this.rows;
    const rows: Row[] = [];
    for (const [key, defs] of this.entries) {
      const entry = defs[0]!.entry;
      const t = searchable(entry);
      rows.push({ key, entry, folded: fold(key), people: words(t.people), words: words([key, ...t.people, ...t.other]) });
    }
    rows.sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.rows = rows;
    return rows;
  }
}

/** What a row is searched by: names and year (`people`), title and container (`other`). */
function searchable(entry: BibEntry): { people: string[]; other: string[] } {
  const raw = entry as Partial<BibTeXEntry>;
  if (typeof raw.field === 'function') {
    // Raw BibTeX, stripped of LaTeX crudely but well enough to search: the full conversion of every
    // title of a 30,000-entry library would cost seconds.
    const f = (name: string) => raw.field!(name) ?? '';
    const plain = (v: string) => v.replace(/\\[^a-zA-Z]|[{}\\]/g, '');
    return {
      people: [plain(f('author') || f('editor')), f('year') || f('date').slice(0, 4)],
      other: [plain(f('title')), plain(f('journaltitle') || f('journal') || f('booktitle'))],
    };
  }
  const s = summarise(entry);
  return { people: [...s.authors, s.year ?? ''], other: [s.title ?? '', s.container ?? ''] };
}

/** The tier of a row for a folded query and its parts (each with a space before it), or -1 when it does not match. */
function rank(row: Row, q: string, parts: readonly string[]): number {
  if (q === '') return 0;
  if (row.folded.startsWith(q)) return 0;
  if (row.folded.includes(q)) return 1;
  if (parts.length > 0) {
    if (allIn(row.people, parts)) return 2;
    if (allIn(row.words, parts)) return 3;
  }
  if (row.words.includes(q)) return 4;
  return isSubsequence(q, row.folded) ? 5 : -1;
}

/** The first index whose row `before` is false for (`before` holds for a prefix of the rows). */
function lowerBound(rows: readonly Row[], before: (row: Row) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(rows[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function allIn(s: string, parts: readonly string[]): boolean {
  for (let i = 0; i < parts.length; i++) if (!s.includes(parts[i]!)) return false;
  return true;
}

function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay.charCodeAt(i) === needle.charCodeAt(j)) j++;
  return j === needle.length;
}

/** Lower case without diacritics: `Mousaví` and `mousavi` are the same to someone typing. */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  return /[^\u0000-\u007f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}+/gu, '') : lower;
}

/** ` word word ...`: folded words split at non-alphanumerics and at letter/digit boundaries. */
function words(values: readonly string[]): string {
  const out: string[] = [''];
  for (const v of values) {
    const f = fold(v);
    let start = 0;
    let previous = 0; // 0 separator, 1 letter, 2 digit
    for (let i = 0; i <= f.length; i++) {
      const c = i < f.length ? f.charCodeAt(i) : 32;
      const kind = c >= 48 && c <= 57 ? 2 : (c >= 97 && c <= 122) || (c > 127 && /[\p{L}\p{N}]/u.test(f[i]!)) ? 1 : 0;
      if (kind !== previous) {
        if (previous !== 0) out.push(f.slice(start, i));
        start = i;
      }
      previous = kind;
    }
  }
  return out.join(' ');
}
