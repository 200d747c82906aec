/**
 * Front-matter paths computed by knitr's inline R code (papaja's template writes
 * csl: "`r system.file('rmd', 'apa7.csl', package = 'papaja')`"): reported as such, not as a file
 * named after the code, and a bibliography setting then applies.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { isKnitrInline } from '../../../server/src/model/knitr-inline.js';
import { Host } from '../../../server/src/workspace/host.js';

const bib = '@book{waltz1979theory, author = {Waltz, Kenneth N.}, title = {Theory of International Politics}, year = {1979}}\n';
const text = [
  '---',
  'bibliography: "`r rbbt::bbt_write_bib(\'refs.bib\')`"',
  'csl: "`r system.file(\'rmd\', \'apa7.csl\', package = \'papaja\')`"',
  '---',
  '',
  'Structure shapes behaviour [@waltz1979theory].',
  '',
].join('\n');

describe('knitr inline R code in front-matter paths', () => {
  it('recognises `r …` and nothing else', () => {
    expect(isKnitrInline("`r system.file('rmd', 'apa7.csl', package = 'papaja')`")).toBe(true);
    expect(isKnitrInline('refs.bib')).toBe(false);
    expect(isKnitrInline('`rrefs.bib`')).toBe(false);
  });

  it('says the path is computed by R; the bibliography setting applies in its place', async () => {
    const host = new Host(new MemoryFileSystem({ '/ms/paper.Rmd': text, '/lib/refs.bib': bib }), { defaultBibliography: ['/lib/refs.bib'] });
    const s = (await host.snapshot('/ms/paper.Rmd'))!;
    const found = diagnose(s, defaultConfig)
      .filter((d) => d.severity !== 'hint')
      .map((d) => `${d.code}: ${d.message}`);
    expect(found).toEqual([
      "bibliography-not-found: Bibliography '`r rbbt::bbt_write_bib('refs.bib')`' is computed by inline R code that knitr runs when it renders the manuscript; Marginalia does not run R: set marginalia.bibliography (CLI --bibliography) to the file it names",
      "style-not-found: Citation style '`r system.file('rmd', 'apa7.csl', package = 'papaja')`' is computed by inline R code that knitr runs when it renders the manuscript; Marginalia does not run R; hovers use APA",
    ]);
    expect(s.entries.has('waltz1979theory')).toBe(true);
  });
});
