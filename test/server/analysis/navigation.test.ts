import { describe, expect, it } from 'vitest';
import { definition, entryKeyAt, references } from '../../../server/src/analysis/navigation.js';
import { snapshotOf } from '../fixture.js';

const text = `//- /paper.md
---
bibliography: refs.bib
---
First [@ka‸tz2012russia]. Then @katz2012russia [p. 3] and [@other].
//- /refs.bib
@misc{other, title = {Other}}
@article{katz2012russia, title = {Russia and Iran}, year = {2012}}
`;

describe('navigation', () => {
  it('goes from a citation key to its bibliography entry', async () => {
    const { snapshot, fixture } = await snapshotOf(text);
    const [loc] = definition(snapshot, fixture.cursor!.offset);
    expect(loc!.file).toBe('/refs.bib');
    expect(fixture.files['/refs.bib']!.slice(loc!.range.start, loc!.range.end)).toBe('katz2012russia');
  });

  it('finds every citation of a key, with or without its declaration', async () => {
    const { snapshot } = await snapshotOf(text);
    const uses = references(snapshot, 'katz2012russia', false);
    expect(uses.map((u) => snapshot.manuscript.text.slice(u.range.start, u.range.end))).toEqual(['katz2012russia', 'katz2012russia']);
    expect(references(snapshot, 'katz2012russia', true).map((u) => u.file)).toEqual(['/refs.bib', '/paper.md', '/paper.md']);
  });

  it('knows which entry an offset of the bibliography file is in', async () => {
    const { snapshot, fixture } = await snapshotOf(text);
    const bib = fixture.files['/refs.bib']!;
    expect(entryKeyAt(snapshot, '/refs.bib', bib.indexOf('Russia and'))).toBe('katz2012russia');
    expect(entryKeyAt(snapshot, '/refs.bib', bib.indexOf('Other'))).toBe('other');
  });
});
