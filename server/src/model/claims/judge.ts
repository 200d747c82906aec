/**
 * Judges the sentences of one paragraph: features (features.ts), the model's calibrated score and the
 * evidence behind it (model.ts). The language server, the CLI and bench/claims.mjs all go through here.
 */
import type { ClaimBibliography } from './bibliography-features.js';
import { paragraphFeatures, type CueFunction, type ParagraphContainer, type ParagraphSentence } from './features.js';
import { type ClaimModel, type Sensitivity } from './model.js';

export interface ClaimJudgement {
  /** Calibrated probability that the authors would cite the sentence (0..1). */
  readonly score: number;
  /** Whether the score reaches each sensitivity's threshold. */
  readonly claimAt: Readonly<Record<Sensitivity, boolean>>;
  /** The strongest evidence for a claim, in words, strongest first (empty for a sentence no sensitivity flags). */
  readonly evidence: readonly string[];
  /** Persons or bodies the sentence attributes a view to, e.g. ['Waltz']. */
  readonly named: readonly string[];
  /**
   * The sentence continues the previous one about the same work ("They trained it on 100,000 images")
   * and that one cites: its citation covers this sentence.
   */
  readonly coveredByPrevious: boolean;
  /** The id of the strongest rule cue that fired (docs/claims.md), or 'model' when none did. */
  readonly rule: string;
}

export function judgeParagraph(
  model: ClaimModel,
  sentences: readonly ParagraphSentence[],
  headings: readonly string[],
  cues: CueFunction,
  knownAuthors?: ReadonlySet<string>,
  container?: ParagraphContainer,
  bibliography?: ClaimBibliography,
): ClaimJudgement[] {
  const features = paragraphFeatures(sentences, headings, cues, knownAuthors, container, bibliography);
  return features.map((f, i) => {
    const score = model.scoreSentence(f);
    const claimCue = f.cues.find((c) => c.claim);
    const claimAt: Record<Sensitivity, boolean> = { precise: model.isClaim(score, 'precise'), balanced: model.isClaim(score, 'balanced'), thorough: model.isClaim(score, 'thorough') };
    // Explained only where a diagnostic may quote it: an uncited claim at some sensitivity, or a cited
    // sentence naming someone (it may cite only others). A cited claim is never reported: no words needed.
    const cited = sentences[i]!.cited;
    const explained = cited ? f.named.length > 0 : claimAt.thorough;
    return {
      score,
      claimAt,
      evidence: explained ? model.explain(f).map((c) => c.text) : [],
      named: f.named,
      coveredByPrevious: f.continuation && i > 0 && sentences[i - 1]!.cited && !sentences[i]!.cited,
      rule: claimCue?.id ?? f.cues[0]?.id ?? 'model',
    };
  });
}
