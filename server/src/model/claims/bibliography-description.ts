/**
 * An entry of the manuscript's bibliography as a reader knows it, in the words of the evidence that a
 * sentence reads like it ("reads like the title of Katz (2012), 'Russia and Iran'").
 */
import type { BibliographyDocument } from './bibliography-match.js';

/** "reads like the title of Katz (2012), 'Russia and Iran…'": the entry as a reader knows it, short. */
export function describeMatch(d: BibliographyDocument, byTitle: boolean): string {
  const [first, second] = d.authors;
  const who = !first ? '' : d.authors.length === 1 ? first : d.authors.length === 2 ? `${first} and ${second}` : `${first} et al.`;
  const when = d.year ? ` (${d.year})` : '';
  const work = [who ? who + when : '', shortTitle(d.displayTitle ?? d.title)].filter(Boolean).join(', ') || d.key;
  return byTitle ? `reads like the title of ${work}` : `reads like ${work}`;
}

const TITLE_WORDS = 4;

function shortTitle(title: string): string {
  const ws = title.trim().split(/\s+/).filter(Boolean);
  if (!ws.length) return '';
  const cut = ws.slice(0, TITLE_WORDS).join(' ').replace(/[.,:;]$/, '');
  return `'${cut}${ws.length > TITLE_WORDS ? '…' : ''}'`;
}
