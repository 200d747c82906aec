import { describe, expect, it } from 'vitest';
import { completeKey } from '../../../server/src/analysis/completion.js';
import { snapshotOf } from '../fixture.js';

const bib = `//- /refs.bib
@article{katz2012russia, author = {Katz, Mark N.}, title = {{Russia} and {Iran}}, year = {2012}}
@article{shaw2007global, author = {Shaw, Timothy M. and Cooper, Andrew F. and Antkiewicz, Agata}, title = {Global and/or Regional Development}, year = {2007}}
@book{mousavi2017military, author = {Mousav{\\'\\i}, S. R.}, title = {Military relations}, year = {2017}}
`;

async function complete(md: string) {
  const { snapshot, fixture } = await snapshotOf(`//- /paper.md\n---\nbibliography: refs.bib\n---\n${md}\n${bib}`);
  const r = completeKey(snapshot, fixture.cursor!.offset);
  return r && { ...r, typed: snapshot.manuscript.text.slice(r.range.start, r.range.end) };
}

describe('citation-key completion', () => {
  it('offers every key with author, year and title, cited keys first', async () => {
    const r = await complete('Cited [@katz2012russia]. New [@sh‸]');
    expect(r!.typed).toBe('sh');
    expect(r!.items.map((i) => [i.key, i.detail, i.sortText[0]])).toEqual([
      ['katz2012russia', 'Katz 2012 · Russia and Iran', '0'],
      ['shaw2007global', 'Shaw et al. 2007 · Global and/or Regional Development', '1'],
      ['mousavi2017military', 'Mousaví 2017 · Military relations', '1'],
    ]);
    expect(r!.items[1]!.filterText).toContain('Cooper');
  });

  it('works for in-text and braced keys and after a semicolon', async () => {
    expect((await complete('As @‸ says'))?.typed).toBe('');
    expect((await complete('[@a; @ka‸'))?.typed).toBe('ka');
    expect((await complete('See @{ka‸'))?.braced).toBe(true);
  });

  it('stays quiet in e-mail addresses and code', async () => {
    expect(await complete('mail me at someone@exa‸')).toBeUndefined();
    expect(await complete('Use `@ka‸` here')).toBeUndefined();
  });
});
