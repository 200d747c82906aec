/**
 * A manuscript that declares no bibliography, beside a file that defines its keys (a build that passes
 * `--bibliography` itself): the keys stay unknown, as Pandoc alone would leave them, but the message
 * names the file and a quick fix declares it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { codeActions, type CodeAction } from '../../../server/src/analysis/code-actions.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const bib = '@book{Carothers:2015, author = {Carothers, Thomas}, title = {The Closing Space Challenge}, year = {2015}}\n';
const body = 'Donors retreat where civil society is restricted [@Carothers:2015; @Missing:2020].\n';

async function analyse(files: Record<string, string>, file = '/ms/manuscript.Rmd') {
  const host = new Host(new MemoryFileSystem(files));
  const s = (await host.snapshot(file))!;
  const unknown = diagnose(s, defaultConfig).filter((d) => d.code === 'unknown-key');
  return { s, unknown };
}

function apply(text: string, action: CodeAction): string {
  const edits = [...action.edits].sort((a, b) => b.range.start - a.range.start);
  for (const e of edits) text = text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
  return text;
}

async function declareAndRecheck(manuscript: string): Promise<{ fixed: string; after: string[] }> {
  const { s } = await analyse({ '/ms/manuscript.Rmd': manuscript, '/ms/bibliography.bib': bib });
  const at = manuscript.indexOf('@Carothers') + 2;
  const action = codeActions(s, { start: at, end: at }).find((a) => a.title.startsWith('Declare'));
  expect(action?.title).toBe('Declare bibliography.bib as the bibliography in the front matter');
  expect(action?.preferred).toBe(true);
  const fixed = apply(manuscript, action!);
  const { unknown } = await analyse({ '/ms/manuscript.Rmd': fixed, '/ms/bibliography.bib': bib });
  return { fixed, after: unknown.map((d) => d.message) };
}

describe('a bibliography beside a manuscript that declares none', () => {
  it('names the file that defines an unknown key; a key it does not define keeps the plain message', async () => {
    const { unknown } = await analyse({ '/ms/manuscript.Rmd': `---\ntitle: Giving\n---\n\n${body}`, '/ms/bibliography.bib': bib });
    expect(unknown.map((d) => d.message)).toEqual([
      "Unknown citation key 'Carothers:2015': not in any bibliography (the front matter declares none); bibliography.bib beside the manuscript defines it: declare it in the front matter, or set marginalia.bibliography (CLI --bibliography) if your build passes it to Pandoc",
      "Unknown citation key 'Missing:2020': not in any bibliography (the front matter declares none)",
    ]);
  });

  it('says so in the hover of the key', async () => {
    const manuscript = `---\ntitle: Giving\n---\n\n${body}`;
    const { s } = await analyse({ '/ms/manuscript.Rmd': manuscript, '/ms/bibliography.bib': bib });
    expect(hover(s, manuscript.indexOf('@Carothers') + 2, { config: defaultConfig })!.markdown).toBe(
      '**Unknown key** `Carothers:2015`: not in any bibliography (the front matter declares none). `bibliography.bib` beside the manuscript defines it; Pandoc reads it only when the front matter declares it (`bibliography: bibliography.bib`) or the build passes `--bibliography`.',
    );
  });

  it('declares it in the existing front matter, after which the key resolves', async () => {
    const { fixed, after } = await declareAndRecheck(`---\ntitle: Giving\n---\n\n${body}`);
    expect(fixed).toBe(`---\ntitle: Giving\nbibliography: bibliography.bib\n---\n\n${body}`);
    expect(after).toEqual(["Unknown citation key 'Missing:2020': not in bibliography.bib"]);
  });

  it('makes a front matter when there is none', async () => {
    const { fixed, after } = await declareAndRecheck(body);
    expect(fixed).toBe(`---\nbibliography: bibliography.bib\n---\n\n${body}`);
    expect(after).toEqual(["Unknown citation key 'Missing:2020': not in bibliography.bib"]);
  });

  it('offers no fix when the front matter has a bibliography field already, and reads only the declared file', async () => {
    const manuscript = `---\nbibliography: other.bib\n---\n\n${body}`;
    const { s, unknown } = await analyse({ '/ms/manuscript.Rmd': manuscript, '/ms/bibliography.bib': bib, '/ms/other.bib': '' });
    expect(s.nearby).toBeUndefined();
    expect(unknown.map((d) => d.message)[0]).toBe("Unknown citation key 'Carothers:2015': not in other.bib");
    const at = manuscript.indexOf('@Carothers') + 2;
    expect(codeActions(s, { start: at, end: at }).filter((a) => a.title.startsWith('Declare'))).toEqual([]);
  });

  it('sees a bibliography file added to the folder later (the listing is kept under the folder stamp)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-nearby-'));
    try {
      const file = path.join(dir, 'manuscript.md');
      writeFileSync(file, body);
      const host = new Host(new NodeFileSystem());
      const messages = async () => diagnose((await host.snapshot(file))!, defaultConfig).filter((d) => d.code === 'unknown-key').map((d) => d.message);
      expect((await messages())[0]).toBe("Unknown citation key 'Carothers:2015': not in any bibliography (the front matter declares none)");
      writeFileSync(path.join(dir, 'bibliography.bib'), bib);
      expect((await messages())[0]).toContain('bibliography.bib beside the manuscript defines it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes CSL-JSON only when its name says references, and never declares a file settings already give', async () => {
    const csl = JSON.stringify([{ id: 'Carothers:2015', type: 'book', title: 'The Closing Space Challenge' }]);
    const data = await analyse({ '/ms/manuscript.Rmd': body, '/ms/data.json': csl });
    expect(data.unknown[0]!.message).toBe("Unknown citation key 'Carothers:2015': not in any bibliography (the front matter declares none)");
    const refs = await analyse({ '/ms/manuscript.Rmd': body, '/ms/references.json': csl });
    expect(refs.unknown[0]!.message).toContain('references.json beside the manuscript defines it');
    const host = new Host(new MemoryFileSystem({ '/ms/manuscript.Rmd': body, '/ms/bibliography.bib': bib }), { defaultBibliography: ['/ms/bibliography.bib'] });
    const s = (await host.snapshot('/ms/manuscript.Rmd'))!;
    expect(diagnose(s, defaultConfig).filter((d) => d.code === 'unknown-key').map((d) => d.message)).toEqual([
      "Unknown citation key 'Missing:2020': not in /ms/bibliography.bib",
    ]);
  });
});
