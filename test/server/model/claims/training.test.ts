import { describe, expect, it } from 'vitest';
// The trainer is plain JavaScript (scripts/), shared by `npm run train:claims` and the bench.
import { FeatureIndex, train } from '../../../../scripts/claims/learn.mjs';

/** A tiny fixture: sentences that name a year or a known source are cited. */
const FIXTURE = [
  { keys: ['w:since', 'num:year', 'cue:date-or-event'], label: 1 },
  { keys: ['w:we', 'w:study', 'self'], label: 0 },
  { keys: ['w:according', 'cue:attribution'], label: 1 },
  { keys: ['w:we', 'w:thank', 'self'], label: 0 },
  { keys: ['w:in', 'num:year', 'w:war'], label: 1 },
  { keys: ['w:this', 'w:section', 'cue:signpost'], label: 0 },
];

function fit(seed: number) {
  const index = new FeatureIndex();
  const ids = index.encode(FIXTURE, 'repo');
  const examples = FIXTURE.map((e, i) => ({ ids: ids[i]!, label: e.label }));
  const model = train(examples, index.keys.length, index.allowed(1), { l2: 0.1, epochs: 20, rate: 0.5, seed });
  return { weights: Object.fromEntries(index.keys.map((k, i) => [k, model.w[i]])), bias: model.bias };
}

describe('training the claims model', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    const a = fit(7);
    expect(fit(7)).toEqual(a);
    expect(fit(8)).not.toEqual(a);
  });

  it('learns the fixture: evidence for citing weighs up, the authors\' voice down', () => {
    const { weights } = fit(7);
    expect(weights['num:year']!).toBeGreaterThan(0);
    expect(weights['self']!).toBeLessThan(0);
  });
});
