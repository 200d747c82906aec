import { describe, expect, it } from 'vitest';
import { coverage, formatCoverage } from '../../../server/src/analysis/coverage.js';
import { snapshotOf } from '../fixture.js';

describe('coverage', () => {
  // Which sentences are claims is the model's business (test/server/model/claims); here overrides decide.
  it('counts claims, cited claims and claims supported only editorially', async () => {
    const { snapshot } = await snapshotOf(`//- /paper.md
---
bibliography: refs.bib
---
[Since 2011, Iran and Russia have increasingly focused on defense cooperation]{.claim} [@a].

[In 2022, a new phase of collaboration emerged between the two nations]{.claim} [[@a]]{.editorial}.

[Over the past four decades, Western policies have prompted an East-oriented approach.]{.claim}

[This research aims to explore the consequences of this cooperation.]{.no-claim}
//- /refs.bib
@misc{a, title = {A}, year = {2020}}
`);
    const c = coverage(snapshot);
    expect([c.claims, c.cited, c.editoriallyCited]).toEqual([3, 2, 1]);
    expect(c.uncited.map((s) => s.text)).toEqual(['Over the past four decades, Western policies have prompted an East-oriented approach.']);
    expect(formatCoverage(c)).toBe('Claims cited: 2/3 (67%) (1 only by editorial citations)');
  });
});
