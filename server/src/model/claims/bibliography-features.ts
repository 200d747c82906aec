/**
 * The bibliography-match features of a sentence (features.ts adds them; scripts/train-claims.mjs trains
 * on them through the same call): the best BM25 match relative to the manuscript's typical sentence
 * (`bib:bm`), its margin over the second entry (`bibx:margin`), the title words shared with the best
 * entry (`bibt:title`), title words that point at few works (`bibr:rare`), the share of the sentence's
 * words found in titles (`bibc:cover`), a year that is a reference's (`biby:year`); `bib:none` without a
 * bibliography with titles. Their evidence names the best entry in words.
 */
import { quantiseScale, type BibliographyDocument, type BibliographyMatcher, type SentenceMatch } from './bibliography-match.js';
import { describeMatch } from './bibliography-description.js';

export { describeMatch };

/** The bibliography as one manuscript's judgements read it. */
export interface ClaimBibliography {
  /** A sentence's match (the host passes one memoised by the sentence's text). */
  match(text: string): SentenceMatch;
  /** The manuscript's typical best match, quantised (bibliography-match.ts quantiseScale); 0 when none. */
  readonly scale: number;
  readonly documents: readonly BibliographyDocument[];
  /** describeMatch of an entry (the matcher builds each once). */
  describe(entry: number, byTitle: boolean): string;
}

/** A matcher with a manuscript's scale; `match` may be a memoised `matcher.match`. */
export function claimBibliography(
  matcher: BibliographyMatcher,
  median: number,
  match: (text: string) => SentenceMatch = (text) => matcher.match(text),
): ClaimBibliography {
  return { match, scale: quantiseScale(median), documents: matcher.documents, describe: (entry, byTitle) => matcher.describe(entry, byTitle) };
}

// Keys built once (a key built per sentence is a string the model's lookup must hash again).
const keys = (name: string, n: number) => Array.from({ length: n + 1 }, (_, k) => `${name}:${k}`);
const BM = { edges: [0.01, 0.5, 1, 1.5, 2.5, 4], keys: keys('bib:bm', 6) };
const MARGIN = { edges: [1.2, 1.6, 2.5], keys: keys('bibx:margin', 3) };
const TITLE = { edges: [1, 2, 3, 4], keys: keys('bibt:title', 4) };
const RARE = { edges: [1, 2], keys: keys('bibr:rare', 2) };
const COVER = { edges: [0.01, 0.2, 0.4, 0.6], keys: keys('bibc:cover', 4) };
export const NO_BIBLIOGRAPHY = 'bib:none';
const YEAR = 'biby:year';

function bin(x: number, b: { edges: readonly number[]; keys: readonly string[] }): string {
  let k = 0;
  while (k < b.edges.length && x >= b.edges[k]!) k++;
  return b.keys[k]!;
}

/** Adds the sentence's bibliography features (and their evidence) through `add`. */
export function addBibliographyFeatures(text: string, bibliography: ClaimBibliography | undefined, add: (key: string, why?: string) => void): void {
  if (!bibliography) return add(NO_BIBLIOGRAPHY);
  const m = bibliography.match(text);
  const why = m.entry >= 0 ? bibliography.describe(m.entry, m.titleShared > 0) : undefined;
  add(bin(bibliography.scale ? m.best / bibliography.scale : 0, BM), why);
  add(bin(m.second ? m.best / m.second : m.best ? 9 : 0, MARGIN), why);
  add(bin(m.titleShared, TITLE), why);
  add(bin(m.rareTitleTerms, RARE), why);
  add(bin(m.cover, COVER), why);
  if (m.year) add(YEAR, `names the year of a reference ('${m.year}')`);
}
