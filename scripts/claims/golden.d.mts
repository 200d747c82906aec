// Types for golden.mjs, so that the golden test in TypeScript can call it. `code` is the project's
// exports the records need (judgeParagraph, cueFunction, claimCues, classifyClaim).
import type { ParagraphContainer, ParagraphSentence } from '../../server/src/model/claims/features.js';
import type { ClaimModel } from '../../server/src/model/claims/model.js';
import type { ClaimBibliography } from '../../server/src/model/claims/bibliography-features.js';

export interface ParagraphInput {
  readonly sentences: readonly ParagraphSentence[];
  readonly headings: readonly string[];
  readonly authors?: ReadonlySet<string>;
  readonly container?: ParagraphContainer;
  /** The manuscript's bibliography and scale (data.mjs manuscriptBibliography); none without one. */
  readonly bibliography?: ClaimBibliography;
}
export function canonical(value: unknown): string;
export function paragraphRecord(code: object, model: ClaimModel, input: ParagraphInput): unknown;
export function corpusParagraphs(code: object, m: object, framing: string): ParagraphInput[];
export const FRAMINGS: readonly string[];
export function corpusDigest(code: object, model: ClaimModel, m: object, framing: string): string;
export function fixtureDir(root: string): string;
