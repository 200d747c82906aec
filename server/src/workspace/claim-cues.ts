/**
 * Memoised claim-rule cues, one memo per set of known authors: the cues of a sentence depend on its
 * text, the names the previous sentence attributed a view to, and the bibliography's first authors,
 * and on nothing else. Lives in the host, keyed by all three.
 */
import { cueFunction, type CueFunction } from '../model/claims/features.js';
import { memoise } from '../model/memo.js';

/** Bibliographies in use at a time are few; the least recently used author set is forgotten. */
const AUTHOR_SETS = 8;
const SENTENCES_PER_SET = 16384;

export class ClaimCueCache {
  private readonly bySet = new Map<string, CueFunction>();

  /** `id` must identify `authors` by content (equal ids, equal sets). */
  forAuthors(id: string, authors: ReadonlySet<string> | undefined): CueFunction {
    const hit = this.bySet.get(id);
    if (hit) {
      this.bySet.delete(id);
      this.bySet.set(id, hit);
      return hit;
    }
    const base = cueFunction(authors?.size ? authors : undefined);
    const memo = memoise((text: string, named: string) => base(text, named ? named.split('\u0000') : []), SENTENCES_PER_SET);
    const cues: CueFunction = (text, previousNamed) => memo(text, previousNamed.join('\u0000'));
    this.bySet.set(id, cues);
    if (this.bySet.size > AUTHOR_SETS) this.bySet.delete(this.bySet.keys().next().value as string);
    return cues;
  }
}
