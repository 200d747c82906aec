/**
 * Words as a bibliography index sees them: lower-cased words of letters and digits, English and academic
 * stop words out, Porter stems cut to six letters. Shared by the suggestions' index
 * (analysis/reference-index.ts) and the claims model's bibliography match (model/claims/bibliography-match.ts),
 * so that a sentence and an entry meet on the same terms.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

const STOP = new Set([
  ...eng,
  // Words of academic prose that say nothing about a work's topic.
  'also', 'however', 'thus', 'may', 'might', 'can', 'could', 'would', 'one', 'two', 'use', 'used', 'using', 'et', 'al',
  'e.g', 'i.e', 'can', 'many', 'much', 'well', 'new', 'study', 'studies', 'paper', 'work', 'result', 'results', 'show',
  'shown', 'shows', 'found', 'find', 'finding', 'findings', 'research', 'approach', 'based', 'different', 'within',
  'across', 'among', 'often', 'including', 'include', 'includes', 'like', 'several', 'therefore', 'although',
]);

const STEM_LENGTH = 6;

/** Lower-cased words of letters and digits (Unicode), as the index and queries both see them. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

/** A word as indexed: undefined for stop words, numbers other than years and single letters; else its stem. */
export function indexTerm(word: string): string | undefined {
  const w = word.replace(/['’]s$/, '').replace(/['’]/g, '');
  // Years stay ("in 2016", "Giving USA 2019"); other numbers say little about a work.
  if (w.length < 2 || STOP.has(w) || (/^\d+$/.test(w) && !/^(1[5-9]|20)\d\d$/.test(w))) return undefined;
  // Hyphenated compounds are indexed whole; their parts come from the tokenizer splitting on hyphens too.
  // Porter leaves derived forms apart (Russia/Russian, democracy/democratic, politics/political); its
  // stem cut to six letters joins them (on the corpus: top-5 59.8% -> 60.8%, in both framings).
  return stemmer(w).slice(0, STEM_LENGTH);
}

/** A text's words with hyphenated compounds also split into their parts ("long-term" -> long-term, long, term). */
export function indexWords(text: string): string[] {
  return words(text).flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]));
}
