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
   * The weights by what features.ts hands over: each word's own ('w:') and those of word pairs ('b:'; '^'
   * starts a sentence), so that a sentence is scored from its tokens with one lookup a word and no key
   * string built: a word's id, then its weight and the pair it ends with the previous word in typed arrays
   * (compact: the judgement's other work keeps little of a larger table in the cache). The few other
   * keys apart, in a table small enough to stay in the cache.
   */
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** By word id: its own weight, NaN for none. */
  private readonly wordWeights: Float64Array;
  /** The pairs: an open-addressing table of (first id, second id), their weights by slot. */
  private readonly pairs: PairTable;
  private readonly others = new Map<string, number>();
  /**
   * Walks over a sentence's tokens so far: a word or pair marked with the current walk was already
   * counted in it, so each counts once (as its key does once in the keys) without a set per sentence.
   */
  private walks = 0;
  private readonly wordWalks: Int32Array;
  /**
   * The words and pairs of the last sentence scoreSentence scored (`heavyOf`, its tokens) that weigh at
   * least MIN_WORDING, in order, two numbers each: the token's index (a pair: -1 - the index of its second
   * word) and the weight. Scratch reused from sentence to sentence.
   */
  private readonly heavy: number[] = [];
  private heavyOf: readonly string[] | undefined;
  /** How many weights the model has. */
  readonly size: number;

  private constructor(
    weights: Readonly<Record<string, unknown>>,
    private readonly bias: number,
    private readonly calibration: { readonly a: number; readonly b: number },
    readonly thresholds: Readonly<Record<Sensitivity, number>>,
  ) {
    let size = 0;
    const words: [number, number][] = [];
    const pairs: [number, number, number][] = [];
    for (const k of Object.keys(weights)) {
      const v = weights[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      size++;
      const cut = k.startsWith('b:') ? k.indexOf('_', 2) : -1;
      if (k.startsWith('w:')) words.push([this.id(k.slice(2)), v]);
      // Tokens hold no '_' (features.ts tokenize): the first one after 'b:' separates the pair.
      else if (cut >= 0) pairs.push([this.id(k.slice(2, cut)), this.id(k.slice(cut + 1)), v]);
      else this.others.set(k, v);
    }
    this.size = size;
    this.wordWeights = new Float64Array(this.words.length).fill(NaN);
    for (const [id, v] of words) this.wordWeights[id] = v;
    this.wordWalks = new Int32Array(this.words.length);
    this.pairs = new PairTable(pairs);
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) this.ids.set(word, (id = this.words.push(word) - 1));
    return id;
  }

  /** The weight of a feature key, wherever the constructor filed it. */
  private weight(k: string): number | undefined {
    if (k.startsWith('w:')) {
      const id = this.ids.get(k.slice(2));
      const w = id === undefined ? NaN : this.wordWeights[id]!;
      return Number.isNaN(w) ? undefined : w;
    }
    const cut = k.startsWith('b:') ? k.indexOf('_', 2) : -1;
    if (cut >= 0) {
      const first = this.ids.get(k.slice(2, cut));
      const second = this.ids.get(k.slice(cut + 1));
      const slot = first === undefined || second === undefined ? -1 : this.pairs.slot(first, second);
      return slot < 0 ? undefined : this.pairs.weights[slot];
    }
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

  /** A new walk's mark (at 2^31 walks the marks start again, clearing what they marked). */
  private nextWalk(): number {
    if (++this.walks === 0x7fffffff) (this.wordWalks.fill(0), this.pairs.walks.fill(0), (this.walks = 1));
    return this.walks;
  }

  /**
   * `score(f.keys)`, to the last bit (the same weights added in the same order), without building the
   * word and word-pair keys: only a word or pair that has a weight needs to be remembered as seen.
   */
  scoreSentence(f: SentenceFeatures): number {
    let z = this.walkWords(f.tokens, this.bias);
    for (const k of f.others) z += this.others.get(k) ?? 0;
    return sigmoid(this.calibration.a * z + this.calibration.b);
  }

  /**
   * `z` plus the weights of the tokens' words and word pairs, each counted once, in the order of their
   * keys; gathers on the way what an explanation names (`heavy`, for these tokens).
   */
  private walkWords(tokens: readonly string[], z: number): number {
    const walk = this.nextWalk();
    const { wordWeights, wordWalks, pairs, heavy } = this;
    heavy.length = 0;
    this.heavyOf = tokens;
    let prev = this.ids.get('^') ?? -1;
    for (let i = 0; i < tokens.length; i++) {
      const id = this.ids.get(tokens[i]!) ?? -1;
      if (id >= 0) {
        const w = wordWeights[id]!;
        if (!Number.isNaN(w) && wordWalks[id] !== walk) {
          wordWalks[id] = walk;
          z += w;
          if (w >= MIN_WORDING) heavy.push(i, w);
        }
        const slot = prev >= 0 ? pairs.slot(prev, id) : -1;
        if (slot >= 0 && pairs.walks[slot] !== walk) {
          pairs.walks[slot] = walk;
          const b = pairs.weights[slot]!;
          z += b;
          if (b >= MIN_WORDING) heavy.push(-1 - i, b);
        }
      }
      prev = id;
    }
    return z;
  }

  /**
   * The weighted words ({first}) and word pairs ({first, second}; '^' the sentence start) of a sentence's
   * tokens that weigh at least MIN_WORDING, each once, in the order of its keys (features.ts wordingKeys):
   * those the last walk gathered, walking these tokens first when the last scored sentence was another.
   */
  private wording(tokens: readonly string[]): { weight: number; first: string; second?: string }[] {
    if (this.heavyOf !== tokens) this.walkWords(tokens, 0);
    const out: { weight: number; first: string; second?: string }[] = [];
    const { heavy } = this;
    for (let k = 0; k < heavy.length; k += 2) {
      const at = heavy[k]!;
      const weight = heavy[k + 1]!;
      if (at >= 0) out.push({ weight, first: tokens[at]! });
      else out.push({ weight, first: at === -1 ? '^' : tokens[-2 - at]!, second: tokens[-1 - at]! });
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
    // The few keys with words first: most keys have none.
    for (const k of f.others) {
      const text = f.evidence.get(k);
      if (!text) continue;
      const w = this.others.get(k);
      if (w && w > 0) byText.set(text, (byText.get(text) ?? 0) + w);
    }
    // Only wording that weighs at least MIN_WORDING is ever named (the loop below stops at the first lighter one).
    const wording = this.wording(f.tokens);
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

/**
 * Word pairs by their words' ids: open addressing with linear probing over typed arrays, at most half
 * full, so that a pair's weight is found without a string or a map of its own.
 */
class PairTable {
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  readonly weights: Float64Array;
  /** The last walk that counted each slot's pair (ClaimModel.walks). */
  readonly walks: Int32Array;
  private readonly mask: number;

  constructor(pairs: readonly (readonly [number, number, number])[]) {
    let size = 16;
    while (size < pairs.length * 2) size *= 2;
    this.mask = size - 1;
    this.firsts = new Int32Array(size).fill(-1);
    this.seconds = new Int32Array(size);
    this.weights = new Float64Array(size);
    this.walks = new Int32Array(size);
    for (const [first, second, weight] of pairs) {
      let k = this.hash(first, second);
      while (this.firsts[k] !== -1 && !(this.firsts[k] === first && this.seconds[k] === second)) k = (k + 1) & this.mask;
      this.firsts[k] = first;
      this.seconds[k] = second;
      this.weights[k] = weight;
    }
  }

  private hash(first: number, second: number): number {
    return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & this.mask;
  }

  /** The slot of the pair, -1 when it has no weight. */
  slot(first: number, second: number): number {
    for (let k = this.hash(first, second); ; k = (k + 1) & this.mask) {
      const f = this.firsts[k]!;
      if (f === -1) return -1;
      if (f === first && this.seconds[k] === second) return k;
    }
  }
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
