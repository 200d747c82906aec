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

  describe('names only a person as the author no reference is by', () => {
    const withBib = (body: string) => `//- /paper.md
---
bibliography: refs.bib
---
# Introduction

${body}
//- /refs.bib
@article{brech2017, author = {Brechenmacher, Saskia}, title = {Civil Society Under Assault}, journal = {J}, year = {2017}}
@article{kiai2013, author = {Kiai, Maina}, title = {Report of the Special Rapporteur}, journal = {J}, year = {2013}}
@article{mearsheimer2001, author = {Mearsheimer, John}, title = {The Tragedy of Great Power Politics}, journal = {J}, year = {2001}}
`;

    it('a state or an institution that "points out" is not an author a citation lacks', async () => {
      const out = await uncited(withBib(
        'As prior research in Egypt, Ethiopia, and Russia points out, governments may harass a few NGOs [@brech2017].\n\n' +
          'The UN Special Rapporteur on the Right to Freedom of Peaceful Assembly and Association has pointed out that funding is part of the right to association [@kiai2013].',
      ), at('thorough'));
      expect(out.filter((d) => / but no reference by /.test(d.message))).toEqual([]);
    });

    it('a person still is, without the title before the name; a cited family name counts whatever the first name', async () => {
      const out = await uncited(withBib(
        'Waltz argues that the structure of the international system shapes the behaviour of states [@mearsheimer2001].\n\n' +
          "In the organisation's 2016 report, Executive Director Kenneth Roth argued that civil society was under attack.\n\n" +
          'John Mearsheimer argues that great powers seek hegemony [@mearsheimer2001].',
      ), at('thorough'));
      const messages = out.map((d) => d.message);
      expect(messages.some((m) => m.endsWith('it cites mearsheimer2001 but no reference by Waltz'))).toBe(true);
      expect(messages.some((m) => m.endsWith('no reference by Kenneth Roth is cited'))).toBe(true);
      expect(messages.filter((m) => m.includes('no reference by John Mearsheimer'))).toEqual([]);
    });
  });
});
