/**
 * The citation-worthiness model: a logistic regression over the features of features.ts, trained by
 * scripts/train-claims.mjs, calibrated on held-out manuscripts (Platt scaling), with one documented
 * threshold per sensitivity. Inference is a sum of weights; explanations name the evidence that
 * contributed most, never feature ids.
 */
import type { SentenceFeatures } from './features.js';

export type Sensitivity = 'precise' | 'balanced' | 'thorough';
export const SENSITIVITIES: readonly Sensitivity[] = ['precise', 'balanced', 'thorough'];
export const DEFAULT_SENSITIVITY: Sensitivity = 'precise';

/** A sensitivity from a setting or a flag; undefined when it is not one. */
export function parseSensitivity(value: unknown): Sensitivity | undefined {
  return SENSITIVITIES.find((s) => s === value);
}

/** The model file's shape (server/src/model/claims/weights.json). */
export interface ClaimModelFile {
  readonly format: 'marginalia-claims/1';
  readonly bias: number;
  readonly weights: Readonly<Record<string, number>>;
  /** Platt scaling of the raw score, fitted on out-of-fold scores: p = sigmoid(a * z + b). */
  readonly calibration: { readonly a: number; readonly b: number };
  /** Minimum calibrated score for a sentence to count as a claim, by sensitivity. */
  readonly thresholds: Readonly<Record<Sensitivity, number>>;
}

export interface Contribution {
  readonly text: string;
  readonly weight: number;
}

export class ClaimModel {
  /**
   * The weights by what features.ts hands over: each word's own ('w:') and those of the pairs it starts
   * ('b:'; '^' starts a sentence), so that a sentence is scored from its tokens with one lookup a word and
   * no key string built; and the few other keys apart, in a table small enough to stay in the cache.
   */
  private readonly vocabulary = new Map<string, VocabularyEntry>();
  private readonly others = new Map<string, number>();
  /**
   * Walks over a sentence's tokens so far: a word or pair marked with the current walk was already
   * counted in it, so each counts once (as its key does once in the keys) without a set per sentence.
   */
  private walks = 0;
  /** How many weights the model has. */
  readonly size: number;

  private constructor(
    weights: Readonly<Record<string, unknown>>,
    private readonly bias: number,
    private readonly calibration: { readonly a: number; readonly b: number },
    readonly thresholds: Readonly<Record<Sensitivity, number>>,
  ) {
    let size = 0;
    for (const k of Object.keys(weights)) {
      const v = weights[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      size++;
      const cut = k.startsWith('b:') ? k.indexOf('_', 2) : -1;
      if (k.startsWith('w:')) this.entry(k.slice(2)).word = { weight: v, walk: 0 };
      // Tokens hold no '_' (features.ts tokenize): the first one after 'b:' separates the pair.
      else if (cut >= 0) (this.entry(k.slice(2, cut)).next ??= new Map()).set(k.slice(cut + 1), { weight: v, walk: 0 });
      else this.others.set(k, v);
    }
    this.size = size;
  }

  private entry(word: string): VocabularyEntry {
    let e = this.vocabulary.get(word);
    if (!e) this.vocabulary.set(word, (e = { word: undefined, next: undefined }));
    return e;
  }

  /** The weight of a feature key, wherever the constructor filed it. */
  private weight(k: string): number | undefined {
    if (k.startsWith('w:')) return this.vocabulary.get(k.slice(2))?.word?.weight;
    const cut = k.startsWith('b:') ? k.indexOf('_', 2) : -1;
    if (cut >= 0) return this.vocabulary.get(k.slice(2, cut))?.next?.get(k.slice(cut + 1))?.weight;
    return this.others.get(k);
  }

  /** Validates a parsed model file; throws with the reason when it is not one. */
  static load(file: unknown): ClaimModel {
    const f = file as Partial<ClaimModelFile> | null;
    if (!f || typeof f !== 'object' || f.format !== 'marginalia-claims/1') throw new Error('not a marginalia-claims/1 model');
    if (typeof f.bias !== 'number' || !f.weights || !f.calibration || !f.thresholds) throw new Error('claims model: missing bias, weights, calibration or thresholds');
    const t = f.thresholds;
    if (!(t.precise >= t.balanced && t.balanced >= t.thorough)) throw new Error('claims model: thresholds must be precise >= balanced >= thorough');
    return new ClaimModel(f.weights, f.bias, { a: f.calibration.a, b: f.calibration.b }, { ...t });
  }

  /** The uncalibrated score (log-odds). */
  raw(keys: readonly string[]): number {
    let z = this.bias;
    for (const k of keys) z += this.weight(k) ?? 0;
    return z;
  }

  /** The calibrated probability that the authors would cite this sentence. */
  score(keys: readonly string[]): number {
    return sigmoid(this.calibration.a * this.raw(keys) + this.calibration.b);
  }

  /**
   * `score(f.keys)`, to the last bit (the same weights added in the same order), without building the
   * word and word-pair keys: only a word or pair that has a weight needs to be remembered as seen.
   */
  scoreSentence(f: SentenceFeatures): number {
    let z = this.bias;
    const walk = ++this.walks;
    let after = this.vocabulary.get('^')?.next;
    for (const t of f.tokens) {
      const entry = this.vocabulary.get(t);
      const w = entry?.word;
      if (w !== undefined && w.walk !== walk) (w.walk = walk), (z += w.weight);
      const b = after?.get(t);
      if (b !== undefined && b.walk !== walk) (b.walk = walk), (z += b.weight);
      after = entry?.next;
    }
    for (const k of f.others) z += this.others.get(k) ?? 0;
    return sigmoid(this.calibration.a * z + this.calibration.b);
  }

  /**
   * The weighted words ({first}) and word pairs ({first, second}; '^' the sentence start) of a sentence's
   * tokens that weigh at least `min`, each once, in the order of its keys (features.ts wordingKeys).
   */
  private wording(tokens: readonly string[], min: number): { weight: number; first: string; second?: string }[] {
    const out: { weight: number; first: string; second?: string }[] = [];
    const walk = ++this.walks;
    let prev = '^';
    let after = this.vocabulary.get(prev)?.next;
    for (const t of tokens) {
      const entry = this.vocabulary.get(t);
      const w = entry?.word;
      if (w !== undefined && w.walk !== walk) (w.walk = walk), w.weight >= min && out.push({ weight: w.weight, first: t });
      const b = after?.get(t);
      if (b !== undefined && b.walk !== walk) (b.walk = walk), b.weight >= min && out.push({ weight: b.weight, first: prev, second: t });
      prev = t;
      after = entry?.next;
    }
    return out;
  }

  isClaim(score: number, sensitivity: Sensitivity = DEFAULT_SENSITIVITY): boolean {
    return score >= this.thresholds[sensitivity];
  }

  /**
   * The evidence that raised the score most, in words, strongest first. Features with the same words
   * (a cue and its section interaction) add up; words and word pairs are grouped as wording.
   */
  explain(f: SentenceFeatures, max = 3): Contribution[] {
    const byText = new Map<string, number>();
    for (const k of f.others) {
      const w = this.others.get(k);
      if (!w || w <= 0) continue;
      const text = f.evidence.get(k);
      if (text) byText.set(text, (byText.get(text) ?? 0) + w);
    }
    // Only wording that weighs at least MIN_WORDING is ever named (the loop below stops at the first lighter one).
    const wording = this.wording(f.tokens, MIN_WORDING);
    wording.sort((x, y) => y.weight - x.weight);
    const words: { word: string; weight: number }[] = [];
    for (const x of wording) {
      if (words.length === 3 || x.weight < MIN_WORDING) break;
      // Built only for the few entries read: a pair reads as its two words.
      const word = x.second === undefined || x.first === '^' ? (x.second ?? x.first) : `${x.first} ${x.second}`;
      if (word.includes('<') || FUNCTION_WORDS.has(word)) continue;
      // 'et al' says what 'et' and 'al' would, once.
      if (words.some((y) => ` ${y.word} `.includes(` ${word} `) || ` ${word} `.includes(` ${y.word} `))) continue;
      words.push({ word, weight: x.weight });
    }
    if (words.length) {
      const total = words.reduce((s, x) => s + x.weight, 0);
      byText.set(`its wording (${words.map((x) => `'${x.word}'`).join(', ')})`, total);
    }
    // Named evidence first, wording last: "states a number ('40%')" tells a reader more than words do.
    const isWording = (t: string) => t.startsWith('its wording');
    return [...byText.entries()]
      .map(([text, weight]) => ({ text, weight }))
      .sort((x, y) => y.weight - x.weight || (x.text < y.text ? -1 : 1))
      .slice(0, max)
      .sort((x, y) => Number(isWording(x.text)) - Number(isWording(y.text)));
  }
}

interface VocabularyEntry {
  /** The word's own weight ('w:'). */
  word: Weight | undefined;
  /** The weights of the pairs it starts ('b:'), by second word. */
  next: Map<string, Weight> | undefined;
}

interface Weight {
  readonly weight: number;
  /** The last walk that counted it (ClaimModel.walks). */
  walk: number;
}

/** The least weight of a word or pair an explanation names. */
const MIN_WORDING = 0.15;

/** Words too common to tell a reader anything on their own ("its wording ('to')"). */
const FUNCTION_WORDS = new Set(
  'a an and as at be by for from has have in is it its of on or that the their this to was were which with are been not but can et al'.split(' '),
);

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
