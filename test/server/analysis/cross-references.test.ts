/** Cross-references written as citations (Quarto `@fig-map`, pandoc-crossref `@fig:map`) are not citation keys. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { crossReferenceLabels } from '../../../server/src/analysis/cross-references.js';
import { crossReferenceOf } from '../../../server/src/syntax/cross-reference.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { coverage } from '../../../server/src/analysis/coverage.js';
import { snapshotOf } from '../fixture.js';

const manuscript = `//- /paper.qmd
---
bibliography: refs.bib
---
# Results {#sec-results}

Sanctions doubled trade (@fig-trade; @tbl-deals), as @katz2012russia expected.
The model @eq-gravity and @fig-missing and @fig:old-style and @sec-result‸s.

![Trade](trade.png){#fig-trade}

$$ T = G \\frac{M_1 M_2}{D} $$ {#eq-gravity}

\`\`\`{r}
#| label: tbl-deals
knitr::kable(deals)
\`\`\`
//- /refs.bib
@article{katz2012russia, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}
@book{fig-1999, author = {Fig, Ann}, title = {A key that looks like a figure}, year = {1999}}
`;

describe('cross-references', () => {
  it('are never unknown keys; a label the document does not define is a warning that says what Quarto prints', async () => {
    const { snapshot } = await snapshotOf(manuscript);
    const findings = diagnose(snapshot, defaultConfig).filter((d) => d.code === 'unknown-key' || d.code === 'unknown-cross-reference');
    expect(findings.map((f) => [f.code, f.severity, f.message])).toEqual([
      ['unknown-cross-reference', 'warning', "Cross-reference to a figure labelled 'fig-missing', which this document does not define ({#fig-missing}): Quarto would print '?@fig-missing'"],
      ['unknown-cross-reference', 'warning', "Cross-reference to a figure labelled 'fig:old-style', which this document does not define ({#fig:old-style}): pandoc-crossref would print '¿fig:old-style?'"],
    ]);
  });

  it('a key the bibliography defines stays a citation, whatever its form', async () => {
    const { snapshot } = await snapshotOf(manuscript.replace('@katz2012russia expected', '@fig-1999 expected'));
    expect(diagnose(snapshot, defaultConfig).filter((d) => d.message.includes('fig-1999'))).toEqual([]);
    expect(snapshot.entries.has('fig-1999')).toBe(true);
  });

  it('does not guess when a Quarto include may hold the label', async () => {
    const { snapshot } = await snapshotOf(manuscript.replace('# Results', '{{< include tables.qmd >}}\n\n# Results'));
    expect(diagnose(snapshot, defaultConfig).filter((d) => d.code === 'unknown-cross-reference')).toEqual([]);
  });

  it('do not cite: a sentence that only points to a figure or table is not a cited sentence, nor is its footnote', async () => {
    const { snapshot } = await snapshotOf(`//- /p.md
---
bibliography: refs.bib
---
[Exports fell by half after 2018]{.claim} (@fig-trade).
[Imports fell too]{.claim} [@katz2012russia; see @tbl:deals].
[Prices rose]{.claim}.[^1]

[^1]: See @fig-prices.

![Trade](t.png){#fig-trade}
//- /refs.bib
@article{katz2012russia, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}
`);
    const cited = snapshot.manuscript.sentences.filter((x) => x.isClaim).map((x) => [x.text.slice(0, 16), x.cited]);
    expect(cited).toEqual([
      ['Exports fell by ', false],
      ['Imports fell too', true],
      ['Prices rose.', false],
    ]);
    expect(coverage(snapshot)).toMatchObject({ claims: 3, cited: 1 });
  });

  it('hovers with what the key refers to', async () => {
    const { snapshot, fixture } = await snapshotOf(manuscript);
    expect(hover(snapshot, fixture.cursor!.offset, { config: defaultConfig })?.markdown).toBe(
      'Cross-reference to the section labelled `sec-results` (Quarto), not a citation.',
    );
  });

  it('knows the kinds by prefix: Quarto with a hyphen, pandoc-crossref with a colon', () => {
    expect(crossReferenceOf('fig-map')).toEqual({ kind: 'figure', tool: 'Quarto' });
    expect(crossReferenceOf('thm-main')).toEqual({ kind: 'theorem', tool: 'Quarto' });
    expect(crossReferenceOf('tbl:deals')).toEqual({ kind: 'table', tool: 'pandoc-crossref' });
    expect(crossReferenceOf('thm:main')).toBeUndefined(); // pandoc-crossref has no theorems
    expect(crossReferenceOf('figueroa2010')).toBeUndefined();
    expect(crossReferenceOf('fig-')).toBeUndefined();
    expect([...crossReferenceLabels('# A {#sec-a}\n\n::: {#fig-b}\n:::\n\n```{python}\n#| label: "tbl-c"\n```\n')]).toEqual(['sec-a', 'fig-b', 'tbl-c']);
    // knitr chunk headers: the first unnamed option is the label, or label="…".
    expect([...crossReferenceLabels('```{r fig-d, fig.width=6}\nplot(x)\n```\n\n```{r echo=FALSE, label="tbl-e"}\n```\n```{r}\n```\n')]).toEqual(['fig-d', 'tbl-e']);
  });
});
