import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../../../server/src/analysis/code-actions.js';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { invalidKey, renameKey, renameTarget } from '../../../server/src/analysis/rename.js';
import { fixture } from '../fixture.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

/** Renames the key under the cursor to `newKey` across every `.md` file of the fixture, and applies the edits. */
async function rename(text: string, newKey: string) {
  const f = fixture(text);
  const fs = new MemoryFileSystem(f.files);
  const host = new Host(fs);
  const manuscripts = await Promise.all(Object.keys(f.files).filter((p) => p.endsWith('.md')).map(async (p) => (await host.snapshot(p))!));
  const cursor = f.cursor!;
  const origin = manuscripts.find((m) => m.path === cursor.file) ?? manuscripts[0]!;
  const target = renameTarget(origin, cursor.file, cursor.offset);
  if (!target) return { target };
  const result = renameKey(origin, manuscripts, target.key, newKey);
  if (!result.ok) return { target, reason: result.reason };
  const files: Record<string, string> = { ...f.files };
  for (const [file, edits] of result.edits) files[file] = apply(files[file]!, edits);
  for (const [file, content] of Object.entries(files)) fs.write(file, content);
  const after = await Promise.all(manuscripts.map(async (m) => (await host.snapshot(m.path))!));
  const problems = after.flatMap((s) => diagnose(s, defaultConfig)).filter((d) => d.code === 'unknown-key' || d.code === 'duplicate-key' || d.code === 'malformed-bibliography');
  return { target, files, changed: [...result.edits.keys()].sort(), problems };
}

describe('rename a citation key', () => {
  it('renames every citation in every manuscript using the bibliography, and the BibTeX entry', async () => {
    const r = await rename(
      `//- /a.md
---
bibliography: refs.bib
---
As shown [@ka‸tz; @waltz], and @katz [p. 3] again.
//- /b.md
---
bibliography: refs.bib
---
Also [-@katz].
//- /other.md
---
bibliography: other.bib
---
A different katz [@katz].
//- /refs.bib
@article{katz, title = {Russia and Iran}}
@book{waltz, title = {Theory}}
//- /other.bib
@misc{katz, title = {Another}}
`,
      'katz2012russia',
    );
    expect(r.target?.key).toBe('katz');
    expect(r.changed).toEqual(['/a.md', '/b.md', '/refs.bib']);
    expect(r.files!['/a.md']).toContain('As shown [@katz2012russia; @waltz], and @katz2012russia [p. 3] again.');
    expect(r.files!['/b.md']).toContain('Also [-@katz2012russia].');
    expect(r.files!['/refs.bib']).toContain('@article{katz2012russia, title = {Russia and Iran}}');
    expect(r.files!['/other.md']).toContain('[@katz]');
    expect(r.problems).toEqual([]);
  });

  it('starts from the entry in the bibliography file too', async () => {
    const r = await rename(
      `//- /a.md
---
bibliography: refs.json
---
See [@katz].
//- /refs.json
[{"id": "ka‸tz", "type": "book", "title": "Russia and Iran"}]
`,
      'katz:2012',
    );
    expect(r.files!['/refs.json']).toBe('[{"id": "katz:2012", "type": "book", "title": "Russia and Iran"}]\n');
    expect(r.files!['/a.md']).toContain('See [@katz:2012].');
    expect(r.problems).toEqual([]);
  });

  it("renames a Manubot manual reference's key inside its note, without quotes", async () => {
    const r = await rename(
      `//- /a.md
---
bibliography: refs.json
---
See [@Art‸hur2007].
//- /refs.json
[{"id": "MxGpAiPu", "type": "book", "title": "k-means", "note": "Loaded by Manubot.\\nstandard_id: Arthur2007"}]
`,
      'arthur2007kmeans',
    );
    expect(r.files!['/refs.json']).toBe('[{"id": "MxGpAiPu", "type": "book", "title": "k-means", "note": "Loaded by Manubot.\\nstandard_id: arthur2007kmeans"}]\n');
    expect(r.files!['/a.md']).toContain('See [@arthur2007kmeans].');
    expect(r.problems).toEqual([]);
  });

  it('quotes the key where a YAML plain scalar or a JSON number stood, and renames inline references', async () => {
    const yaml = await rename(
      `//- /a.md
---
bibliography: refs.yaml
---
See [@katz‸].
//- /refs.yaml
references:
- id: katz
  type: book
  title: Russia and Iran
`,
      '2012katz',
    );
    expect(yaml.files!['/refs.yaml']).toContain('- id: "2012katz"\n');
    expect(yaml.problems).toEqual([]);

    const json = await rename(
      `//- /a.md
---
bibliography: refs.json
---
See [@1‸2].
//- /refs.json
[{"id": 12, "type": "book", "title": "A number"}]
`,
      'twelve',
    );
    expect(json.files!['/refs.json']).toBe('[{"id": "twelve", "type": "book", "title": "A number"}]\n');
    expect(json.problems).toEqual([]);

    const inline = await rename(
      `//- /a.md
---
references:
- id: katz
  type: book
  title: Russia and Iran
---
See [@‸katz].
`,
      'katz2012',
    );
    expect(inline.files!['/a.md']).toContain('- id: katz2012\n');
    expect(inline.files!['/a.md']).toContain('See [@katz2012].');
    expect(inline.problems).toEqual([]);
  });

  it('renames the key where the front matter cites it (nocite), but not a longer key that starts the same', async () => {
    const r = await rename(
      `//- /a.md
---
bibliography: refs.bib
nocite: '@katz, @katz2'
---
See [@‸katz].
//- /refs.bib
@article{katz, title = {Russia and Iran}}
@article{katz2, title = {Other}}
`,
      'katz2012',
    );
    expect(r.files!['/a.md']).toContain("nocite: '@katz2012, @katz2'");
    expect(r.problems).toEqual([]);
  });

  it('refuses a key that is taken or that Pandoc cannot read, saying why', async () => {
    const text = `//- /a.md
---
bibliography: refs.bib
---
See [@‸katz] and [@waltz].
//- /refs.bib
@article{katz, title = {Russia and Iran}}
@book{waltz, title = {Theory}}
`;
    expect((await rename(text, 'waltz')).reason).toBe('@waltz is already the key of an entry in refs.bib');
    expect((await rename(text, 'katz 2012')).reason).toMatch(/contains a space/);
    expect((await rename(text, '-katz')).reason).toMatch(/is not a key Pandoc reads as `@-katz`/);
    expect((await rename(text, 'katz%2012')).reason).toMatch(/BibTeX/);
    expect(invalidKey('')).toMatch(/empty/);
    expect(invalidKey('doi:10.1000/xyz')).toBeUndefined();
  });

  it('has nothing to rename away from a key', async () => {
    expect((await rename(`//- /a.md\nPlain ‸text [@katz].\n`, 'x')).target).toBeUndefined();
  });
});
