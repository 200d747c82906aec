// Types for the trainer (learn.mjs), so that tests in TypeScript can call it.
export interface Example {
  readonly ids: Int32Array;
  readonly label: number;
  readonly weight?: number;
}
export interface Hyper {
  readonly l2: number;
  readonly epochs: number;
  readonly rate: number;
  readonly seed: number;
}
export interface Fitted {
  readonly w: Float64Array;
  readonly bias: number;
}
export function rng(seed: number): () => number;
export class FeatureIndex {
  readonly keys: string[];
  id(key: string): number;
  encode(examples: readonly { keys: readonly string[] }[], repo: string): Int32Array[];
  allowed(minRepos: number, heldOut?: string, exclude?: RegExp): Uint8Array;
}
export function train(examples: readonly Example[], size: number, allowed: Uint8Array, hyper: Hyper): Fitted;
export function rawScore(model: Fitted, ids: Int32Array, allowed: Uint8Array): number;
export function fitPlatt(pairs: readonly [number, number][]): { a: number; b: number };
export function prf(pairs: readonly [number, number][], threshold: number): { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
export function averagePrecision(pairs: readonly [number, number][]): number;
export function precisionAtRecall(pairs: readonly [number, number][], r: number): { precision: number; threshold: number };
export function thresholdForRecall(pairs: readonly [number, number][], r: number): number;
export function bestF1(pairs: readonly [number, number][]): { f1: number; threshold: number };
export function pct(x: number): string;
