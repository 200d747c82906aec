import { describe, expect, it } from 'vitest';
import { referenceSymbols } from '../../../server/src/analysis/workspace-symbols.js';
import { snapshotOf } from '../fixture.js';

describe('workspace symbols for references', () => {
  it('finds entries by key prefix, substring or subsequence, best first, with a summary', async () => {
    const { snapshot, fixture } = await snapshotOf(`//- /p.md
---
bibliography: r.bib
---
Text.
//- /r.bib
@article{katz2012russia, author = {Katz, Mark N.}, title = {{Russia} and {Iran}}, year = {2012}}
@book{bronk2022russian, author = {Bronk, Justin}, title = {The Russian Air War}, year = {2022}}
@misc{kozhanov2015understanding, title = {Understanding}}
`);
    const found = referenceSymbols([snapshot], '#russia');
    // Both contain the query: equal rank, then by key.
    expect(found.map((f) => [f.key, f.detail])).toEqual([
      ['bronk2022russian', 'Bronk 2022 · The Russian Air War'],
      ['katz2012russia', 'Katz 2012 · Russia and Iran'],
    ]);
    expect(fixture.files['/r.bib']!.slice(found[1]!.range.start, found[1]!.range.end)).toBe('katz2012russia');
    expect(referenceSymbols([snapshot], 'katz').map((f) => f.key)).toEqual(['katz2012russia']);
    expect(referenceSymbols([snapshot], 'kzh').map((f) => f.key)).toEqual(['kozhanov2015understanding']);
    expect(referenceSymbols([snapshot], 'zzz')).toEqual([]);
  });
});
