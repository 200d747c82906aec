/** The citation style: the front matter's `csl:` first, then the setting, APA when neither is usable. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host, type HostOptions } from '../../../server/src/workspace/host.js';
import { fixture } from '../fixture.js';

const csl = readFileSync(path.join(__dirname, '../bibliography/fixtures/minimal-author-date.csl'), 'utf8');

async function hoverWith(frontMatter: string, options: HostOptions = {}) {
  const f = fixture(`//- /doc/paper.md
---
bibliography: refs.bib
${frontMatter}
---
See [@ka‸tz].
//- /doc/refs.bib
@article{katz, author = {Katz, Mark N.}, title = {{Russia} and {Iran}}, journal = {Middle East Policy}, year = {2012}}
//- /doc/styles/minimal.csl
${csl}
`);
  const host = new Host(new MemoryFileSystem(f.files), options);
  const s = (await host.snapshot(f.main))!;
  return {
    markdown: hover(s, f.cursor!.offset, { config: defaultConfig })!.markdown.split('\n')[0],
    findings: diagnose(s, defaultConfig).map((x) => `${x.code} ${s.manuscript.text.slice(x.range.start, x.range.end)}: ${x.message}`),
  };
}

describe('citation style', () => {
  it('uses the style file the front matter names, relative to the manuscript', async () => {
    const r = await hoverWith('csl: styles/minimal.csl');
    expect(r.markdown).toBe('Katz, Mark N. :: *Russia and Iran*');
    expect(r.findings).toEqual([]);
  });

  it('uses the setting when the front matter names none', async () => {
    expect((await hoverWith('', { citationStyle: '/doc/styles/minimal.csl' })).markdown).toBe('Katz, Mark N. :: *Russia and Iran*');
    expect((await hoverWith('', { citationStyle: 'apa' })).markdown).toBe('Katz, M. N. (2012). Russia and Iran. *Middle East Policy*.');
  });

  it('warns on a missing style file and formats in APA', async () => {
    const r = await hoverWith('csl: styles/missing.csl');
    expect(r.markdown).toBe('Katz, M. N. (2012). Russia and Iran. *Middle East Policy*.');
    expect(r.findings).toEqual([
      "style-not-found styles/missing.csl: Citation style 'styles/missing.csl' not found (looked for /doc/styles/missing.csl); hovers use APA",
    ]);
  });
});

describe('citation style files that cannot be used', () => {
  it('reports a csl: file that is not a CSL style, and formats in APA', async () => {
    const f = fixture(`//- /doc/paper.md
---
bibliography: refs.bib
csl: notes.csl
---
See [@ka‸tz].
//- /doc/refs.bib
@article{katz, author = {Katz, Mark N.}, title = {{Russia} and {Iran}}, journal = {Middle East Policy}, year = {2012}}
//- /doc/notes.csl
# My notes, not a style
`);
    const host = new Host(new MemoryFileSystem(f.files));
    const s = (await host.snapshot(f.main))!;
    expect(hover(s, f.cursor!.offset, { config: defaultConfig })!.markdown.split('\n')[0]).toBe('Katz, M. N. (2012). Russia and Iran. *Middle East Policy*.');
    expect(diagnose(s, defaultConfig).map((x) => `${x.code} ${s.manuscript.text.slice(x.range.start, x.range.end)}: ${x.message}`)).toEqual([
      expect.stringMatching(/^style-not-found notes\.csl: Citation style 'notes\.csl' is not a usable CSL style: citeproc-js cannot read it \(.*\) \(\/doc\/notes\.csl\); hovers use APA$/),
    ]);
  });

  it('skips a style file over marginalia.limits.styleBytes, saying so', async () => {
    const f = fixture(`//- /doc/paper.md
---
csl: big.csl
---
Text.
//- /doc/big.csl
${csl}
`);
    const host = new Host(new MemoryFileSystem(f.files), { limits: { styleBytes: 100 } });
    const s = (await host.snapshot(f.main))!;
    expect(diagnose(s, defaultConfig).map((x) => x.message)).toEqual([
      `Citation style 'big.csl' is ${Buffer.byteLength(csl) + 1} bytes, over the limit of 100 bytes (marginalia.limits.styleBytes); not read (/doc/big.csl); hovers use APA`,
    ]);
  });
});
