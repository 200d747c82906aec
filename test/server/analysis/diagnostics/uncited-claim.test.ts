import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type AnalysisConfig } from '../../../../server/src/analysis/config.js';
import { diagnose } from '../../../../server/src/analysis/diagnostics/index.js';
import type { Sensitivity } from '../../../../server/src/model/claims/model.js';
import { snapshotOf } from '../../fixture.js';

const at = (claimSensitivity: Sensitivity): AnalysisConfig => ({ ...defaultConfig, claimSensitivity });

async function uncited(text: string, config: AnalysisConfig = defaultConfig) {
  const { snapshot } = await snapshotOf(text);
  return diagnose(snapshot, config)
    .filter((f) => f.code === 'uncited-claim')
    .map((f) => ({ text: snapshot.manuscript.text.slice(f.range.start, f.range.end), message: f.message, data: f.data }));
}

const BIB = `//- /refs.bib
@article{smith2015deep, author = {Smith, Jane}, title = {Deep networks for images}, journal = {J}, year = {2015}}
`;

describe('uncited-claim', () => {
  it('flags more at each lower sensitivity, with the score and evidence in its data', async () => {
    const paper = readFileSync(path.resolve(__dirname, '../../../../document/paper.md'), 'utf8');
    const text = `//- /paper.md\n${paper.replace(/^bibliography:.*$/m, '')}`;
    const precise = await uncited(text, at('precise'));
    const balanced = await uncited(text, at('balanced'));
    const thorough = await uncited(text, at('thorough'));
    expect(precise.length).toBeGreaterThan(0);
    expect(balanced.length).toBeGreaterThan(precise.length);
    expect(thorough.length).toBeGreaterThan(balanced.length);
    for (const d of precise) {
      expect(d.data).toMatchObject({ sensitivity: 'precise' });
      if (d.data?.['override'] === undefined) {
        expect(d.data?.['score']).toBeGreaterThan(0);
        expect(d.message).toMatch(/\(score 0\.\d\d\)/);
      }
      // Reasons are in words: no feature ids such as cue:statistic or b:since_<year>.
      expect(d.message).not.toMatch(/\b(?:cue|sec|num|pos|prev|next|b|w):/);
    }
  });

  it('lets a cited sentence cover the next one when it continues about the same work', async () => {
    const cited = await uncited(`//- /paper.md
---
bibliography: refs.bib
---
# Results

Smith et al. found that dropout improves accuracy [@smith2015deep]. They reported that 73% of published models have been shown to overfit since 2015.
${BIB}`, at('thorough'));
    expect(cited.map((d) => d.text)).not.toContain('They reported that 73% of published models have been shown to overfit since 2015.');
    const uncitedFirst = await uncited(`//- /paper.md
---
bibliography: refs.bib
---
# Results

Smith et al. found that dropout improves accuracy. They reported that 73% of published models have been shown to overfit since 2015.
${BIB}`, at('thorough'));
    expect(uncitedFirst.map((d) => d.text)).toContain('They reported that 73% of published models have been shown to overfit since 2015.');
  });

  it('keeps {.claim} and {.no-claim} above the model', async () => {
    const out = await uncited(`//- /paper.md
# Introduction

[Our reading is the only sensible one.]{.claim}

[Since 2011, Russia has supplied 40% of the arms of Iran, according to Katz.]{.no-claim}
`, at('thorough'));
    expect(out.map((d) => [d.text, d.data?.['override']])).toEqual([['Our reading is the only sensible one.', 'claim']]);
  });
});
