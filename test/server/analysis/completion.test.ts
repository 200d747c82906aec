import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeKey } from '../../../server/src/analysis/completion.js';
import { KeySearch } from '../../../server/src/analysis/key-search.js';
import type { ResolvedEntry } from '../../../server/src/analysis/snapshot.js';
import { parseBibTeX } from '../../../server/src/bibliography/bibtex.js';
import { sharedData } from '../../shared-data.js';
import { snapshotOf } from '../fixture.js';

const bib = `//- /refs.bib
@article{katz2012russia, author = {Katz, Mark N.}, title = {{Russia} and {Iran}}, year = {2012}, journal = {Middle East Policy}}
@article{shaw2007global, author = {Shaw, Timothy M. and Cooper, Andrew F. and Antkiewicz, Agata}, title = {Global and/or Regional Development}, year = {2007}}
@book{mousavi2017military, author = {Mousav{\\'\\i}, S. R.}, title = {Military relations}, year = {2017}}
@article{iranpolicy, author = {Smith, J.}, title = {Policy}, year = {2012}}
@article{smith2012trade, author = {Katzenstein, P.}, title = {Trade and Iran}, year = {2012}}
`;

async function complete(md: string, limit?: number) {
  const { snapshot, fixture } = await snapshotOf(`//- /paper.md\n---\nbibliography: refs.bib\n---\n${md}\n${bib}`);
  const r = completeKey(snapshot, fixture.cursor!.offset, undefined, limit);
  return r && { ...r, typed: snapshot.manuscript.text.slice(r.range.start, r.range.end), keys: r.items.map((i) => i.key) };
}

describe('citation-key completion', () => {
  it('offers every key with author, year and title when nothing is typed, cited keys first', async () => {
    const r = await complete('Cited [@smith2012trade]. New [@‸]');
    expect(r!.typed).toBe('');
    expect(r!.keys).toEqual(['smith2012trade', 'iranpolicy', 'katz2012russia', 'mousavi2017military', 'shaw2007global']);
    expect(r!.items.find((i) => i.key === 'katz2012russia')!.detail).toBe('Katz 2012 · Russia and Iran');
    expect(r!.items.find((i) => i.key === 'shaw2007global')!.detail).toBe('Shaw et al. 2007 · Global and/or Regional Development');
    expect(r!.items.find((i) => i.key === 'mousavi2017military')!.detail).toBe('Mousaví 2017 · Military relations');
    expect(r!.items.map((i) => i.sortText)).toEqual(['0', '1', '2', '3', '4']);
    expect(r!.incomplete).toBe(false);
  });

  it("offers this document's cross-reference labels, custom kinds too, first once a kind's prefix is typed", async () => {
    const doc = [
      '---',
      'bibliography: refs.bib',
      'crossref:',
      '  custom:',
      '    - key: appfig',
      '---',
      '![Trade](t.png){#fig-trade}',
      '',
      '![Tariffs](f.png){#fig-tariffs}',
      '',
      '::: {#appfig-prior}',
      'A prior.',
      ':::',
      '',
      '# Method {#sec-method}',
      '',
    ].join('\n');
    const at = async (typed: string) => {
      const { snapshot, fixture } = await snapshotOf(`//- /paper.md\n${doc}\nAs shown in @${typed}\u2038.\n${bib}`);
      return completeKey(snapshot, fixture.cursor!.offset);
    };
    const figures = await at('fig-t');
    expect(figures!.items.map((i) => [i.key, i.detail, i.crossReference])).toEqual([
      ['fig-tariffs', 'figure (Quarto cross-reference)', true],
      ['fig-trade', 'figure (Quarto cross-reference)', true],
    ]);
    expect(figures!.items.map((i) => i.sortText)).toEqual(['0', '1']);
    expect((await at('appfig-'))!.items.map((i) => [i.key, i.detail])).toEqual([['appfig-prior', "custom float 'appfig' (Quarto cross-reference)"]]);
    // Before a separator `@fi` may as well be a key: labels come after the keys (the editor filters on).
    const early = await at('');
    expect(early!.items.slice(-4).map((i) => i.key)).toEqual(['appfig-prior', 'fig-tariffs', 'fig-trade', 'sec-method']);
    expect(early!.items.slice(0, -4).every((i) => !i.crossReference)).toBe(true);
    // Labels come before the keys that also match.
    const section = await at('sec-');
    expect(section!.items[0]).toMatchObject({ key: 'sec-method', crossReference: true });
  });

  it('ranks an exact key prefix first, then title words', async () => {
    expect((await complete('[@iran‸'))!.keys).toEqual(['iranpolicy', 'katz2012russia', 'smith2012trade']);
  });

  it('finds a work by author and year when no key starts that way', async () => {
    // Katzenstein 2012 is found through its author, after the key that starts with the query.
    expect((await complete('[@katz2012‸'))!.keys).toEqual(['katz2012russia', 'smith2012trade']);
    expect((await complete('[@katzenstein‸'))!.keys).toEqual(['smith2012trade']);
  });

  it('matches the journal, a key substring, accents and a key subsequence', async () => {
    expect((await complete('[@middle‸'))!.keys).toEqual(['katz2012russia']);
    expect((await complete('[@military‸'))!.keys).toEqual(['mousavi2017military']);
    expect((await complete('[@cooper‸'))!.keys).toEqual(['shaw2007global']);
    expect((await complete('[@k2r‸'))!.keys).toEqual(['katz2012russia']);
    expect((await complete('[@zzz‸'))!.keys).toEqual([]);
  });

  it('returns at most the limit and says the list is incomplete', async () => {
    const r = await complete('[@‸', 2);
    expect(r!.keys).toHaveLength(2);
    expect(r!.incomplete).toBe(true);
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

const wals = sharedData('bib/wals-sources.bib');

describe.skipIf(!wals.present)(`key search on wals-sources.bib${wals.skipNote}`, () => {
  it('narrows as the user types to exactly what a fresh search finds', () => {
    const entries = new Map<string, ResolvedEntry[]>();
    for (const entry of parseBibTeX(readFileSync(wals.path, 'utf8')).entries)
      if (!entries.has(entry.key)) entries.set(entry.key, [{ entry, file: '/wals.bib' }]);
    const typing = new KeySearch(entries);
    const other = new KeySearch(entries);
    const cited = new Set(['Abbott-2000']);
    for (const word of ['Haspelmath-1993', 'dixon', 'grammar2003', 'tur', 'xq']) {
      for (let n = 0; n <= word.length; n++) {
        const query = word.slice(0, n);
        const narrowed = typing.search(query, cited, 50);
        // A query no later one extends, so that the next search scans every entry.
        other.search('\u0000', cited, 1);
        const fresh = other.search(query, cited, 50);
        expect(narrowed.matches.map((m) => [m.key, m.tier])).toEqual(fresh.matches.map((m) => [m.key, m.tier]));
        expect(narrowed.incomplete).toBe(fresh.incomplete);
      }
    }
    expect(typing.search('Haspelmath-1993', cited, 50).matches[0]!.key).toBe('Haspelmath-1993');
  });

  it('lists the first keys that start with the query as ranking every entry does, cited ones first', () => {
    const entries = new Map<string, ResolvedEntry[]>();
    for (const entry of parseBibTeX(readFileSync(wals.path, 'utf8')).entries)
      if (!entries.has(entry.key)) entries.set(entry.key, [{ entry, file: '/wals.bib' }]);
    // With no limit every row is ranked; a short list of a query many keys start with is taken from the sorted keys.
    const ranked = new KeySearch(entries);
    const short = new KeySearch(entries);
    const cited = new Set(['Abbott-2000', 'Haspelmath-1993', 'Dixon-1994', 'missing-key', 'Haan-2001']);
    for (const query of ['', 'h', 'ha', 'HA', 'd', 'dixon', 'a', 'z', 'smith', 'haspelmath-1993']) {
      ranked.search('\u0000', cited, 1);
      const all = ranked.search(query, cited, Number.MAX_SAFE_INTEGER).matches;
      // Also exactly as many as start with the query: whether the list is complete then depends on the other rows.
      const prefixed = all.filter((m) => m.tier === 0).length;
      for (const limit of [1, 3, 50, 150, prefixed]) {
        const listed = short.search(query, cited, limit);
        expect(listed.matches.map((m) => [m.key, m.tier])).toEqual(all.slice(0, limit).map((m) => [m.key, m.tier]));
        expect(listed.incomplete).toBe(all.length > limit);
      }
    }
  });
});
