/** Cross-references written as citations (Quarto `@fig-map`, pandoc-crossref `@fig:map`) are not citation keys. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { crossReferenceLabelRanges, crossReferenceLabels } from '../../../server/src/analysis/cross-references.js';
import { definition, references } from '../../../server/src/analysis/navigation.js';
import { crossReferenceOf, customCrossReferenceKinds } from '../../../server/src/syntax/cross-reference.js';
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
      'Cross-reference to the section labelled `sec-results` (Quarto), not a citation. Labelled on line 4: `` # Results {#sec-results} ``',
    );
  });

  it('go to definition and find references lead from a cross-reference to its label, and back', async () => {
    const { snapshot } = await snapshotOf(manuscript);
    const text = snapshot.manuscript.text;
    const at = (needle: string, skip = 1) => text.indexOf(needle) + skip;
    const show = (ls: { file: string; range: { start: number; end: number } }[]) => ls.map((l) => text.slice(l.range.start - 2, l.range.end));
    expect(show(definition(snapshot, at('@fig-trade')))).toEqual(['{#fig-trade']);
    expect(show(definition(snapshot, at('@tbl-deals')))).toEqual([': tbl-deals']);
    expect(show(definition(snapshot, at('@eq-gravity')))).toEqual(['{#eq-gravity']);
    expect(definition(snapshot, at('@fig-missing'))).toEqual([]);
    expect(show(references(snapshot, 'fig-trade', true))).toEqual(['{#fig-trade', '(@fig-trade']);
    expect(crossReferenceLabelRanges('```{r fig-d, fig.width=6}\n```\n').get('fig-d')).toEqual({ start: 6, end: 11 });
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

  describe("Quarto's custom kinds (`crossref: custom:`)", () => {
    // As in a real Quarto appendix (andrewheiss/lemon-lucifer): floats of its own, "Figure A1", "Table A1".
    const appendix = `//- /appendix.qmd
---
bibliography: refs.bib
crossref:
  custom:
    - kind: float
      key: appfig
      reference-prefix: Figure A
    - kind: float
      key: apptbl
      reference-prefix: Table A
---
# Priors

We use weakly informative priors [@katz2012russia] (see @appfig-p‸rior).
Model 2 in @apptbl-results presents the results.
The treaty actions are in @appfig-missing.

::: {#appfig-prior}
A figure.
:::

::: {#apptbl-results}
A table.
:::
//- /refs.bib
@article{katz2012russia, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}
`;

    it('are cross-references, not unknown keys; an undefined label is reported by its kind', async () => {
      const { snapshot } = await snapshotOf(appendix);
      const findings = diagnose(snapshot, defaultConfig).filter((d) => d.code === 'unknown-key' || d.code === 'unknown-cross-reference');
      expect(findings.map((f) => [f.code, f.message])).toEqual([
        [
          'unknown-cross-reference',
          "Cross-reference to a custom float 'appfig' (Figure A) labelled 'appfig-missing', which this document does not define ({#appfig-missing}): Quarto would print '?@appfig-missing'",
        ],
      ]);
    });

    it('without the declaration the same keys are unknown citation keys, as Pandoc alone reads them', async () => {
      const { snapshot } = await snapshotOf(appendix.replace(/crossref:[\s\S]*?(?=---)/, ''));
      expect(diagnose(snapshot, defaultConfig).filter((d) => d.code === 'unknown-key').map((d) => /'([^']+)'/.exec(d.message)?.[1])).toEqual([
        'appfig-prior',
        'apptbl-results',
        'appfig-missing',
      ]);
    });

    it('do not cite, and hover as what they point to', async () => {
      const { snapshot, fixture } = await snapshotOf(appendix);
      const cited = snapshot.manuscript.sentences.map((x) => [x.text.slice(0, 12), x.cited]);
      // The divs' fences touch their content: no sentence holds a fence (model/manuscript.ts blankFenceLines).
      expect(cited).toEqual([
        ['We use weakl', true],
        ['Model 2 in \ufffc', false],
        ['The treaty a', false],
        ['A figure.', false],
        ['A table.', false],
      ]);
      expect(hover(snapshot, fixture.cursor!.offset, { config: defaultConfig })?.markdown).toBe(
        "Cross-reference to the custom float 'appfig' (Figure A) labelled `appfig-prior` (Quarto), not a citation. Labelled on line 18: `` ::: {#appfig-prior} ``",
      );
    });

    it("a project's `_quarto.yml` declares them for every chapter", async () => {
      const { snapshot } = await snapshotOf(`//- /book/chapter.qmd
# Results

As @appfig-prior shows, priors matter.
//- /book/_quarto.yml
project:
  type: book
book:
  chapters:
    - chapter.qmd
bibliography: refs.bib
crossref:
  custom:
    - kind: float
      key: appfig
//- /book/refs.bib
@article{katz2012russia, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}
`);
      expect(diagnose(snapshot, defaultConfig).filter((d) => d.code === 'unknown-key')).toEqual([]);
      expect(snapshot.manuscript.sentences.map((x) => x.cited)).toEqual([false]);
    });

    it('a chapter that names its own bibliography and style still belongs to its book (labels in other chapters, the book\'s kinds)', async () => {
      const { snapshot } = await snapshotOf(`//- /book/results.qmd
---
bibliography: refs.bib
csl: apa.csl
---
As @appfig-prior and @fig-map show, priors matter [@katz2012russia].
//- /book/_quarto.yml
book:
  chapters:
    - intro.qmd
    - results.qmd
crossref:
  custom:
    - key: appfig
//- /book/intro.qmd
![Map](map.png){#fig-map}
//- /book/apa.csl
<style/>
//- /book/refs.bib
@article{katz2012russia, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}
`);
      expect(snapshot.project?.chapters.length).toBe(2);
      const codes = diagnose(snapshot, defaultConfig).map((d) => d.code);
      expect(codes).not.toContain('unknown-key');
      expect(codes).not.toContain('unknown-cross-reference');
    });

    it('an edit that declares them re-reads which sentences cite (the per-block results are scoped by them)', async () => {
      const { host, fixture: f } = await snapshotOf(appendix.replace(/crossref:[\s\S]*?(?=---)/, ''));
      const before = await host.snapshot(f.main);
      expect(before!.manuscript.sentences.map((x) => x.cited)).toEqual([true, true, true, false, false]);
      const unknown = (s: typeof before) => host.blockFindings.diagnose(s!, defaultConfig, 1000).filter((d) => d.code === 'unknown-key').map((d) => /'([^']+)'/.exec(d.message)?.[1]);
      expect(unknown(before)).toEqual(['appfig-prior', 'apptbl-results', 'appfig-missing']);
      host.setOpen(f.main, f.files[f.main]!.replace('---\n# Priors', 'crossref:\n  custom:\n    - key: appfig\n---\n# Priors'));
      const after = await host.snapshot(f.main);
      // Only `appfig` now: `@apptbl-results` is still read as a citation.
      expect(after!.manuscript.sentences.map((x) => x.cited)).toEqual([true, true, false, false, false]);
      // The published diagnostics, kept per block by the host, follow: `@appfig-…` is no unknown key any more.
      expect(unknown(after)).toEqual(['apptbl-results']);
      host.setOpen(f.main, f.files[f.main]!.replace('---\n# Priors', 'crossref:\n  custom:\n    - key: appfig\n      reference-prefix: Figure A\n---\n# Priors'));
      const named = await host.snapshot(f.main);
      expect(host.blockFindings.diagnose(named!, defaultConfig, 1000).find((d) => d.code === 'unknown-cross-reference')?.message).toContain("custom float 'appfig' (Figure A)");
    });

    it('reads each entry with a usable key, and ignores the rest', () => {
      const kinds = customCrossReferenceKinds({
        custom: [{ kind: 'float', key: 'suppfig', 'reference-prefix': 'Figure S' }, { key: 'box' }, { key: 'bad-key' }, { kind: 'float' }, 'x', null],
      });
      expect([...kinds]).toEqual([
        ['suppfig', "custom float 'suppfig' (Figure S)"],
        ['box', "custom float 'box'"],
      ]);
      expect(crossReferenceOf('suppfig-umap', kinds)).toEqual({ kind: "custom float 'suppfig' (Figure S)", tool: 'Quarto' });
      expect(crossReferenceOf('suppfig-', kinds)).toBeUndefined();
      expect(crossReferenceOf('suppfig-umap')).toBeUndefined();
      expect(crossReferenceOf('fig-map', kinds)).toEqual({ kind: 'figure', tool: 'Quarto' });
      expect([...customCrossReferenceKinds(undefined)]).toEqual([]);
      expect([...customCrossReferenceKinds({ custom: 'appfig' })]).toEqual([]);
    });
  });
});
