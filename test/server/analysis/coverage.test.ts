import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  coverage,
  coverageBreakdown,
  formatCoverage,
  percent,
  sumFigures,
  type CoverageFigures,
  type SectionCoverage,
} from '../../../server/src/analysis/coverage.js';
import { uncitedClaims } from '../../../server/src/analysis/diagnostics/uncited-claim.js';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';
import { Host } from '../../../server/src/workspace/host.js';
import { snapshotOf } from '../fixture.js';

/** claims / by authors / editorial / uncited, compact. */
const f = (x: CoverageFigures) => `${x.claims} claims: ${x.byAuthors} authors, ${x.editorial} editorial, ${x.uncited} uncited`;
const rows = (list: readonly SectionCoverage[], indent = ''): string[] =>
  list.flatMap((s) => [`${indent}${s.title}: ${f(s.figures)}`, ...rows(s.children, indent + '  ')]);

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
    expect(formatCoverage(c)).toBe('Claims cited: 2/3 (66%) (1 only by editorial citations)');
  });
});

const nested = `//- /paper.md
---
bibliography: refs.bib
marginalia:
  categories:
    - id: positive
      label: Positive consequences
    - id: negative
      label: Negative consequences
---
[A preface sentence that needs a source.]{.claim}

# 1 Introduction

[Sanctions have grown since 2018]{.claim} [@a].

## 1.1 Background

[Trade fell by half]{.claim} [[@a]]{.editorial}. [Prices rose.]{.claim}

### 1.1.1 Detail

[The alliance deepened]{.claim} [@a] [[@b]]{.editorial}.

# 2 Discussion

[It brings [more deterrence]{.consequence category=positive key=deterrence}]{.claim} [@b].
[It risks [isolation]{.consequence category=negative key=isolation}.]{.claim}
We note [more deterrence]{.consequence category=positive key=deterrence} again, as our own view.
//- /refs.bib
@misc{a, title = {A}, year = {2020}}
@misc{b, title = {B}, year = {2021}}
`;

describe('coverage breakdown', () => {
  it('gives each section the claims of its subsections too, and the text before the first heading apart', async () => {
    const { snapshot } = await snapshotOf(nested);
    const b = coverageBreakdown(snapshot);
    expect(f(b.figures)).toBe('7 claims: 3 authors, 1 editorial, 3 uncited');
    expect(f(b.beforeFirstHeading!)).toBe('1 claims: 0 authors, 0 editorial, 1 uncited');
    expect(rows(b.sections)).toEqual([
      '1 Introduction: 4 claims: 2 authors, 1 editorial, 1 uncited',
      '  1.1 Background: 3 claims: 1 authors, 1 editorial, 1 uncited',
      '    1.1.1 Detail: 1 claims: 1 authors, 0 editorial, 0 uncited',
      '2 Discussion: 2 claims: 1 authors, 0 editorial, 1 uncited',
    ]);
  });

  it('counts a claim as editorial only when every citation it carries is editorial', async () => {
    const { snapshot } = await snapshotOf(nested);
    const b = coverageBreakdown(snapshot);
    expect(b.claims.map((c) => `${c.support}: ${c.sentence.text}`)).toEqual([
      'uncited: A preface sentence that needs a source.',
      'authors: Sanctions have grown since 2018 \uFFFC.',
      'editorial: Trade fell by half \uFFFC.',
      'uncited: Prices rose.',
      'authors: The alliance deepened \uFFFC \uFFFC.',
      'authors: It brings more deterrence \uFFFC.',
      'uncited: It risks isolation.',
    ]);
    expect(b.claims.filter((c) => c.support === 'uncited').every((c) => c.problem?.startsWith('Uncited claim: '))).toBe(true);
  });

  it('counts per consequence and per category the claims of the sentences that mention them', async () => {
    const { snapshot } = await snapshotOf(nested);
    const b = coverageBreakdown(snapshot);
    expect(
      b.categories.map((c) => [c.label, f(c.figures), c.consequences.map((k) => `${k.key} (${k.mentions.length} mentions, ${k.sentences} sentences): ${f(k.figures)}`)]),
    ).toEqual([
      ['Positive consequences', '1 claims: 1 authors, 0 editorial, 0 uncited', ['deterrence (2 mentions, 2 sentences): 1 claims: 1 authors, 0 editorial, 0 uncited']],
      ['Negative consequences', '1 claims: 0 authors, 0 editorial, 1 uncited', ['isolation (1 mentions, 1 sentences): 1 claims: 0 authors, 0 editorial, 1 uncited']],
    ]);
  });

  it('agrees with the uncited-claim diagnostics and with coverage()', async () => {
    const { snapshot } = await snapshotOf(nested);
    const b = coverageBreakdown(snapshot);
    expect(b.claims.filter((c) => c.support === 'uncited').map((c) => c.problem)).toEqual(uncitedClaims(snapshot).map((x) => x.message));
    const c = coverage(snapshot);
    expect([c.claims, c.cited, c.editoriallyCited]).toEqual([b.figures.claims, b.figures.cited, b.figures.editorial]);
  });

  it('sums figures across files and rounds the share down, so a gate never passes on rounding', () => {
    const total = sumFigures([
      { claims: 3, cited: 2, byAuthors: 1, editorial: 1, uncited: 1, share: 2 / 3 },
      { claims: 0, cited: 0, byAuthors: 0, editorial: 0, uncited: 0, share: 1 },
    ]);
    expect(total).toEqual({ claims: 3, cited: 2, byAuthors: 1, editorial: 1, uncited: 1, share: 2 / 3 });
    expect(percent(total)).toBe(66);
    expect(percent(sumFigures([]))).toBe(100);
  });

  // The model with the bibliography's evidence (docs/claims.md) flags two fewer of the Conclusion's recommendations
  // (4 uncited claims there, 6 before), which match no work of the bibliography better than the paper's typical sentence.
  it('on the edition: the figures of the status bar (8/20), all eight cited only editorially, by section', async () => {
    const file = path.resolve(__dirname, '../../../document/paper.md');
    const snapshot = (await new Host(new NodeFileSystem()).snapshot(file))!;
    const b = coverageBreakdown(snapshot);
    expect(formatCoverage(coverage(snapshot))).toBe('Claims cited: 8/20 (40%) (8 only by editorial citations)');
    expect(f(b.figures)).toBe('20 claims: 0 authors, 8 editorial, 12 uncited');
    expect(b.beforeFirstHeading).toBeUndefined();
    expect(rows(b.sections)).toEqual([
      '1 Introduction: 7 claims: 0 authors, 4 editorial, 3 uncited',
      '2 Method and Theoretical Framework: 5 claims: 0 authors, 1 editorial, 4 uncited',
      '3 Discussion: 3 claims: 0 authors, 2 editorial, 1 uncited',
      '4 Conclusion and Suggestions: 5 claims: 0 authors, 1 editorial, 4 uncited',
      '5 References: 0 claims: 0 authors, 0 editorial, 0 uncited',
    ]);
    expect(b.categories.map((c) => [c.id, c.consequences.length, c.consequences.reduce((n, k) => n + k.mentions.length, 0)])).toEqual([
      ['positive', 5, expect.any(Number)],
      ['negative', 5, expect.any(Number)],
    ]);
  });
});
