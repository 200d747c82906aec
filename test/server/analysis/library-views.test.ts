/** Code lenses in bibliography files, document links in front matter, highlights of a key. */
import { describe, expect, it } from 'vitest';
import { citationLenses } from '../../../server/src/analysis/citation-lens.js';
import { documentHighlights } from '../../../server/src/analysis/document-highlight.js';
import { documentLinks } from '../../../server/src/analysis/document-links.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';
import { fixture, snapshotOf } from '../fixture.js';

describe('code lens on bibliography entries', () => {
  it('says where each entry is cited, over every manuscript using the file', async () => {
    const f = fixture(`//- /a.md
---
bibliography: refs.bib
---
One [@katz; @waltz] and @katz again.
//- /b.md
---
bibliography: refs.bib
---
Two [@katz].
//- /c.md
---
bibliography: refs.bib
references:
- id: waltz
  type: book
  title: Inline wins
---
Inline [@waltz].
//- /refs.bib
@article{katz, title = {Russia and Iran}}
@book{waltz, title = {Theory}}
@misc{hurrell, title = {Unused}}
`);
    const host = new Host(new MemoryFileSystem(f.files));
    const manuscripts = await Promise.all(['/a.md', '/b.md', '/c.md'].map(async (p) => (await host.snapshot(p))!));
    const lenses = citationLenses('/refs.bib', manuscripts);
    expect(lenses.map((l) => [l.key, l.title, l.citations.map((c) => c.file)])).toEqual([
      ['katz', 'cited in a.md (2), b.md (1)', ['/a.md', '/a.md', '/b.md']],
      // c.md's waltz is its inline entry, not this one.
      ['waltz', 'cited once in a.md', ['/a.md']],
      ['hurrell', 'not cited', []],
    ]);
    expect(f.files['/refs.bib']!.slice(lenses[0]!.range.start, lenses[0]!.range.end)).toBe('katz');
    expect(citationLenses('/elsewhere.bib', manuscripts)).toEqual([]);
  });
});

describe('document links', () => {
  it('links the bibliography and csl paths that exist, without their quotes', async () => {
    const { snapshot: s } = await snapshotOf(`//- /doc/p.md
---
bibliography: [refs.bib, "../shared/more.json", missing.bib]
csl: 'styles/apa.csl'
---
Text.
//- /doc/refs.bib
@misc{a, title = {A}}
//- /shared/more.json
[]
//- /doc/styles/apa.csl
<style/>
`);
    const text = s.manuscript.text;
    expect(documentLinks(s).map((l) => [text.slice(l.range.start, l.range.end), l.target])).toEqual([
      ['refs.bib', '/doc/refs.bib'],
      ['../shared/more.json', '/shared/more.json'],
      ['styles/apa.csl', '/doc/styles/apa.csl'],
    ]);
  });

  it('gives no link for a missing style or a bibliography from the settings', async () => {
    const f = fixture(`//- /p.md
---
csl: nowhere.csl
---
Text.
//- /refs.bib
@misc{a, title = {A}}
`);
    const host = new Host(new MemoryFileSystem(f.files), { defaultBibliography: ['/refs.bib'] });
    const s = (await host.snapshot('/p.md'))!;
    expect(s.bibliographies[0]?.file).toBeDefined();
    expect(documentLinks(s)).toEqual([]);
  });
});

describe('document highlight', () => {
  it('highlights every citation of the key under the cursor, and its inline definition', async () => {
    const { snapshot: s, fixture: f } = await snapshotOf(`//- /p.md
---
references:
- id: katz
  type: book
---
One [@ka‸tz; @waltz], @katz [p. 3] and [-@katz].
`);
    const text = s.manuscript.text;
    const hs = documentHighlights(s, f.cursor!.offset);
    expect(hs.map((h) => [h.kind, text.slice(h.range.start, h.range.end)])).toEqual([
      ['definition', 'katz'],
      ['citation', 'katz'],
      ['citation', 'katz'],
      ['citation', 'katz'],
    ]);
    expect(documentHighlights(s, text.indexOf('One'))).toEqual([]);
  });
});
