/**
 * A bibliography's entries as the claims model's bibliography match reads them
 * (model/claims/bibliography-match.ts): each key's first definition, its indexed text as the suggestions'
 * index reads it (reference-index.ts), its authors and year. The host builds the matcher once per
 * bibliography version; scripts/train-claims.mjs builds it with this same code.
 */
import { summarise } from '../bibliography/summary.js';
import type { BibEntry } from '../bibliography/types.js';
import { BibliographyMatcher, type BibliographyDocument } from '../model/claims/bibliography-match.js';
import { documentOf } from './reference-index.js';

export function bibliographyDocuments(entries: Iterable<BibEntry>): BibliographyDocument[] {
  const seen = new Set<string>();
  const out: BibliographyDocument[] = [];
  for (const entry of entries) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    const d = documentOf(entry);
    const summary = summarise(entry);
    out.push({
      key: entry.key,
      title: d.title,
      abstract: d.abstract,
      keywords: d.keywords,
      container: d.container,
      authors: summary.authors,
      ...(summary.year ? { year: summary.year } : {}),
      ...(summary.title ? { displayTitle: summary.title } : {}),
    });
  }
  return out;
}

/** The matcher of these entries; undefined when too few have a title to say what the manuscript is about. */
export function claimBibliographyMatcher(entries: Iterable<BibEntry>): BibliographyMatcher | undefined {
  return BibliographyMatcher.build(bibliographyDocuments(entries));
}
