/** The model trained by `npm run train:claims`, bundled with the server (weights.json, report beside it). */
import weights from './weights.json';
import { ClaimModel } from './model.js';

// Loaded once, when the server starts: a constant, not a cache (bench/claims.mjs measures the load).
const BUNDLED = ClaimModel.load(weights);

export function bundledClaimModel(): ClaimModel {
  return BUNDLED;
}
