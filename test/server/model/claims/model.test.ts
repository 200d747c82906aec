import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledClaimModel } from '../../../../server/src/model/claims/bundled';
import { cueFunction, paragraphFeatures } from '../../../../server/src/model/claims/features';
import { judgeParagraph } from '../../../../server/src/model/claims/judge';
import { ClaimModel, parseSensitivity, SENSITIVITIES } from '../../../../server/src/model/claims/model';

const weightsPath = path.resolve(__dirname, '../../../../server/src/model/claims/weights.json');

describe('the claims model', () => {
  it('loads the committed model file: weights, calibration and ordered thresholds', () => {
    const model = ClaimModel.load(JSON.parse(readFileSync(weightsPath, 'utf8')));
    expect(model.size).toBeGreaterThan(1000);
    const t = model.thresholds;
    expect(t.precise).toBeGreaterThan(t.balanced);
    expect(t.balanced).toBeGreaterThan(t.thorough);
    expect(t.thorough).toBeGreaterThan(0);
    expect(t.precise).toBeLessThan(1);
  });

  it('refuses what is not a model file, saying why', () => {
    expect(() => ClaimModel.load({})).toThrow(/marginalia-claims\/1/);
    expect(() => ClaimModel.load({ format: 'marginalia-claims/1', bias: 0, weights: {}, calibration: { a: 1, b: 0 }, thresholds: { precise: 0.1, balanced: 0.5, thorough: 0.2 } })).toThrow(/precise >= balanced >= thorough/);
  });

  it('explains a sentence the same whether or not it was the last one scored (the wording gathered while scoring)', () => {
    const model = bundledClaimModel();
    const sentences = [
      'Recent work has shown that deep neural networks outperform earlier methods on protein structure.',
      'Historically, Iran and Russia have engaged in a strategic partnership for decades.',
    ].map((text) => ({ text, cited: false }));
    const [a, b] = paragraphFeatures(sentences, ['Introduction'], cueFunction(undefined));
    const alone = model.explain(a!);
    model.scoreSentence(b!);
    expect(model.explain(a!)).toEqual(alone);
    model.scoreSentence(a!);
    const afterScoring = model.explain(a!);
    expect(afterScoring).toEqual(alone);
    expect(afterScoring.some((c) => c.text.startsWith('its wording'))).toBe(true);
  });

  it('scores in [0, 1], higher sensitivity flagging at least as much', () => {
    const model = bundledClaimModel();
    const js = judgeParagraph(model, [{ text: 'Historically, studies have shown that 40% of alliances fail within four decades.', cited: false }, { text: 'We thank the reviewers.', cited: false }], ['Introduction'], cueFunction(undefined));
    for (const j of js) {
      expect(j.score).toBeGreaterThanOrEqual(0);
      expect(j.score).toBeLessThanOrEqual(1);
      if (j.claimAt.precise) expect(j.claimAt.balanced).toBe(true);
      if (j.claimAt.balanced) expect(j.claimAt.thorough).toBe(true);
    }
    expect(js[0]!.score).toBeGreaterThan(js[1]!.score);
    expect(SENSITIVITIES.map(parseSensitivity)).toEqual(['precise', 'balanced', 'thorough']);
    expect(parseSensitivity('paranoid')).toBeUndefined();
  });

  it('explains a score in words, naming the evidence, never feature ids', () => {
    const model = bundledClaimModel();
    const authors = new Set(['waltz']);
    const [j] = judgeParagraph(model, [{ text: 'Waltz argues that over the past four decades the structure of the system has shaped 40% of alliances.', cited: false }], ['Introduction'], cueFunction(authors), authors);
    expect(j!.evidence.length).toBeGreaterThan(0);
    expect(j!.evidence.join('; ')).toMatch(/Waltz|number|percentage|background/);
    for (const e of j!.evidence) expect(e).not.toMatch(/^(?:w|b|cue|sec|num|pos|prev|next|p|n):|\w+:\w+_/);
  });
});
