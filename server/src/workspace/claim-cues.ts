/**
 * Memoised claim judgements, one memo per set of known authors. A paragraph's judgements depend on its
 * sentences' texts and citedness, its heading path, its container (list, quote, note), the bibliography's first authors, the model,
 * and the bibliography's match with the manuscript's scale (claim-bibliography.ts: one memo per id), and
 * on nothing else; a sentence's rule cues on its text, the names the previous sentence attributed a view
 * to, and the authors. Both live in the host, keyed by all of these, so that an edit re-judges only the
 * paragraph it touched.
 */
import { cueFunction, type CueFunction, type ParagraphContainer, type ParagraphSentence } from '../model/claims/features.js';
import { judgeParagraph, type ClaimJudgement } from '../model/claims/judge.js';
import type { ClaimModel } from '../model/claims/model.js';
import type { IdentifiedClaimBibliography } from './claim-bibliography.js';
import { memoise } from '../model/memo.js';

/** Bibliographies in use at a time are few; the least recently used author set is forgotten. */
const AUTHOR_SETS = 8;
const SENTENCES_PER_SET = 16384;
const PARAGRAPHS_PER_SET = 4096;
/** Bibliography versions and scales per model and author set: a scale moves rarely, back and forth. */
const BIBLIOGRAPHIES_PER_MODEL = 4;

export type ParagraphJudge = (
  sentences: readonly ParagraphSentence[],
  headings: readonly string[],
  container?: ParagraphContainer,
) => ClaimJudgement[];

interface PerAuthors {
  readonly cues: CueFunction;
  /** By model, then by bibliography id ('' without one). */
  readonly judges: Map<ClaimModel, Map<string, ParagraphJudge>>;
}

export class ClaimCueCache {
  private readonly bySet = new Map<string, PerAuthors>();

  /** `id` must identify `authors` by content (equal ids, equal sets). */
  forAuthors(id: string, authors: ReadonlySet<string> | undefined): CueFunction {
    return this.entry(id, authors).cues;
  }

  /** The paragraph judge for these authors, this model and this bibliography, memoised by the paragraph's inputs. */
  judge(id: string, authors: ReadonlySet<string> | undefined, model: ClaimModel, bibliography?: IdentifiedClaimBibliography): ParagraphJudge {
    const entry = this.entry(id, authors);
    let byBibliography = entry.judges.get(model);
    if (!byBibliography) entry.judges.set(model, (byBibliography = new Map()));
    const bibId = bibliography?.id ?? '';
    let judge = byBibliography.get(bibId);
    if (judge) {
      byBibliography.delete(bibId);
      byBibliography.set(bibId, judge);
    } else {
      const known = authors?.size ? authors : undefined;
      const memo = new Map<string, ClaimJudgement[]>();
      judge = (sentences, headings, container) => {
        // JSON keeps any text apart, separators included.
        const key = JSON.stringify([sentences.map((s) => [s.text, s.cited]), headings, container ?? null]);
        const hit = memo.get(key);
        if (hit) {
          memo.delete(key);
          memo.set(key, hit);
          return hit;
        }
        const judged = judgeParagraph(model, sentences, headings, entry.cues, known, container, bibliography);
        memo.set(key, judged);
        if (memo.size > PARAGRAPHS_PER_SET) memo.delete(memo.keys().next().value as string);
        return judged;
      };
      byBibliography.set(bibId, judge);
      if (byBibliography.size > BIBLIOGRAPHIES_PER_MODEL) byBibliography.delete(byBibliography.keys().next().value as string);
    }
    return judge;
  }

  private entry(id: string, authors: ReadonlySet<string> | undefined): PerAuthors {
    const hit = this.bySet.get(id);
    if (hit) {
      this.bySet.delete(id);
      this.bySet.set(id, hit);
      return hit;
    }
    const base = cueFunction(authors?.size ? authors : undefined);
    const memo = memoise((text: string, named: string) => base(text, named ? named.split('\u0000') : []), SENTENCES_PER_SET);
    const entry: PerAuthors = { cues: (text, previousNamed) => memo(text, previousNamed.join('\u0000')), judges: new Map() };
    this.bySet.set(id, entry);
    if (this.bySet.size > AUTHOR_SETS) this.bySet.delete(this.bySet.keys().next().value as string);
    return entry;
  }
}
