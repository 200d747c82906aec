import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { parseLocator } from '../../../server/src/syntax/citation/locator.js';
import { cites, keys } from './helpers.js';

describe('bracketed groups', () => {
  it('single key', () => {
    expect(cites('x [@a] y')).toEqual([{ key: 'a', mode: 'normal', keyText: 'a', group: '[@a]' }]);
  });

  it('several items, prefixes, suffixes and locators', () => {
    expect(cites('[see @a, pp. 33-35; also @c]')).toEqual([
      { key: 'a', mode: 'normal', prefix: 'see', suffix: ', pp. 33-35', locator: { label: 'page', value: '33-35' }, keyText: 'a', group: '[see @a, pp. 33-35; also @c]' },
      { key: 'c', mode: 'normal', prefix: 'also', keyText: 'c', group: '[see @a, pp. 33-35; also @c]' },
    ]);
  });

  it('item ranges cover prefix to suffix, trimmed', () => {
    const input = '[ see @a, p. 3 ;  also -@b ]';
    const tree = parseMarkdown(input).tree;
    const para = tree.children[0];
    if (para?.type !== 'paragraph' || para.children[0]?.type !== 'citation') throw new Error('no citation');
    expect(para.children[0].items.map((i) => input.slice(i.range.start, i.range.end))).toEqual(['see @a, p. 3', 'also -@b']);
  });

  it('suppress-author and chapters', () => {
    expect(cites('[@a, p. 3; -@b]').map((c) => [c.key, c.mode, c.locator])).toEqual([
      ['a', 'normal', { label: 'page', value: '3' }],
      ['b', 'suppress-author', undefined],
    ]);
    expect(cites('[see @a; @b, ch. 2]').map((c) => [c.prefix, c.key, c.locator])).toEqual([
      ['see', 'a', undefined],
      [undefined, 'b', { label: 'chapter', value: '2' }],
    ]);
  });

  it('markup in prefix and suffix is parsed, then flattened', () => {
    expect(cites('[*see* @a, **p.** 3]')).toMatchObject([{ prefix: 'see', suffix: ', p. 3', locator: { label: 'page', value: '3' } }]);
  });

  it('segments without a key make the bracket text (Pandoc)', () => {
    expect(cites('[@a; see]')).toEqual([{ key: 'a', mode: 'author-in-text', keyText: 'a', group: '@a', inText: true }]);
    expect(keys('[see; @a]')).toEqual(['a']);
    expect(cites('[see; @a]')[0]?.mode).toBe('author-in-text');
  });

  it('a second key in a suffix is a nested in-text citation (Pandoc)', () => {
    expect(cites('[see @a and @b]')).toEqual([
      { key: 'a', mode: 'normal', prefix: 'see', suffix: 'and @b', keyText: 'a', group: '[see @a and @b]' },
      { key: 'b', mode: 'author-in-text', keyText: 'b', group: '@b', inText: true },
    ]);
  });

  it('groups across lines and in block quotes', () => {
    const input = '> text [see\n> @a, p. 4;\n> @b]';
    expect(cites(input)).toEqual([
      { key: 'a', mode: 'normal', prefix: 'see', suffix: ', p. 4', locator: { label: 'page', value: '4' }, keyText: 'a', group: '[see\n> @a, p. 4;\n> @b]' },
      { key: 'b', mode: 'normal', keyText: 'b', group: '[see\n> @a, p. 4;\n> @b]' },
    ]);
  });
});

describe('in-text citations', () => {
  it('plain, with locator, with more items', () => {
    expect(cites('@a says')).toEqual([{ key: 'a', mode: 'author-in-text', keyText: 'a', group: '@a', inText: true }]);
    expect(cites('@a [p. 3] says')).toEqual([
      { key: 'a', mode: 'author-in-text', suffix: 'p. 3', locator: { label: 'page', value: '3' }, keyText: 'a', group: '@a [p. 3]', inText: true },
    ]);
    expect(cites('@a\n[p. 3]')[0]).toMatchObject({ suffix: 'p. 3', group: '@a\n[p. 3]' });
    expect(cites('@a [p. 3; @b]').map((c) => [c.key, c.mode, c.group])).toEqual([
      ['a', 'author-in-text', '@a [p. 3; @b]'],
      ['b', 'normal', '@a [p. 3; @b]'],
    ]);
    expect(cites('@a [@b]').map((c) => [c.key, c.mode])).toEqual([
      ['a', 'author-in-text'],
      ['b', 'normal'],
    ]);
  });

  it('`-@a` in text is `-` then an author-in-text citation (Pandoc 2.17)', () => {
    expect(cites('x -@a')).toEqual([{ key: 'a', mode: 'author-in-text', keyText: 'a', group: '@a', inText: true }]);
  });

  it('a bracket that is a link, footnote or span is not a locator', () => {
    expect(cites('@a [p. 3](url)')[0]?.suffix).toBeUndefined();
    expect(cites('@a [^1]\n\n[^1]: n')[0]?.suffix).toBeUndefined();
    expect(cites('@a [^x]')[0]?.suffix).toBeUndefined();
  });
});

describe('keys', () => {
  it.each([
    ['x @doi:10.1000/xyz.', 'doi:10.1000/xyz'],
    ['x @key, more', 'key'],
    ['x @a:b', 'a:b'],
    ['x @a::b', 'a'],
    ['x @a//b', 'a//b'],
    ['x @http://x.org/p', 'http://x.org/p'],
    ['x @a$b%c&d+e?f~g', 'a$b%c&d+e?f~g'],
    ["x @a'b", 'a'],
    ['x @_a', '_a'],
    ['x @1a', '1a'],
    ['x @*', '*'],
    ['x @é', 'é'],
    ['x @a<b>', 'a<b'],
    ['x @{a b}', undefined],
    ['x @{a.b}.', 'a.b'],
    ['x @{a{b}c}', 'a{b}c'],
    ['x @{a@b}', 'a@b'],
    ['x @{a', undefined],
    ['x @-a', undefined],
  ])('%s -> %s', (input, key) => {
    expect(keys(input)[0]).toBe(key);
  });

  it('braced key ranges exclude the braces; `@{}` is an empty key', () => {
    expect(cites('[@{a b.c}]')).toEqual([]);
    expect(cites('[@{Smith:2020}]')).toMatchObject([{ key: 'Smith:2020', keyText: 'Smith:2020', group: '[@{Smith:2020}]' }]);
    expect(cites('x @{}')).toMatchObject([{ key: '', keyText: '' }]);
  });

  it('astral letters are key characters, emoji are not', () => {
    expect(keys('x @𝐀b')).toEqual(['𝐀b']);
    expect(cites('x @a😀')).toMatchObject([{ key: 'a', keyText: 'a' }]);
  });
});

describe('not citations', () => {
  it.each([
    ['code span', '`@a` and `[@b]`'],
    ['code block', '```\n@a [@b]\n```'],
    ['indented code', '    @a [@b]'],
    ['autolink', '<https://x.org/@foo>'],
    ['e-mail', 'write to anikunahad@gmail.com'],
    ['after a letter', 'foo@bar'],
    ['after a digit', '1@a'],
    ['after a dot', 'x .@a'],
    ['after a non-Latin letter', 'بب@a'],
    ['escaped', '\\@a'],
    ['link destination', '[x](https://x.org/@foo)'],
    ['reference definition', '[x]: https://x.org/@foo'],
    ['HTML', '<span data-x="@a">y</span>'],
    ['front matter', '---\ntitle: "@a"\n---\n\ntext'],
  ])('%s', (_name, input) => {
    expect(keys(input)).toEqual([]);
  });

  it('but after punctuation, emoji or combining marks it is (Pandoc)', () => {
    expect(keys('x (@a) _@b -@c "@d 😀@e e\u0301@f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('links, footnotes and brackets keep working', () => {
  it('links and images', () => {
    const tree = parseMarkdown('[text](u) ![alt](i.png) [ref] [full][ref] [@a](u)\n\n[ref]: /r').tree;
    const para = tree.children[0];
    if (para?.type !== 'paragraph') throw new Error('no paragraph');
    expect(para.children.map((n) => n.type)).toEqual(['link', 'text', 'image', 'text', 'linkReference', 'text', 'linkReference', 'text', 'link']);
    expect(keys('[@a](u)')).toEqual(['a']);
  });

  it('a defined shortcut reference `[@a]` is still a citation (Pandoc)', () => {
    expect(cites('[@a]\n\n[x]: /u')).toMatchObject([{ key: 'a', mode: 'normal' }]);
  });

  it('`[@a]: url` is no link definition but a citation (Pandoc; Manubot citation-tag aliases)', () => {
    expect(cites('[@a]\n\n[@a]: /u')).toMatchObject([
      { key: 'a', mode: 'normal', group: '[@a]' },
      { key: 'a', mode: 'normal', group: '[@a]' },
    ]);
    expect(cites('[see @a]: /u\n[-@b]: /v')).toMatchObject([{ key: 'a', prefix: 'see' }, { key: 'b', mode: 'suppress-author' }]);
    // Not a citation: still a definition, so the reference link resolves.
    const tree = parseMarkdown('[x]\n\n[x]: /u\n[a@b]: /v').tree;
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'definition', 'definition']);
  });

  it('a bare URL is text, as in Pandoc (no autolink_bare_uris): a citation after it or inside it is found', () => {
    expect(cites('https://doi.org/10.5281/ZENODO.3517248[@raw:repo].')).toMatchObject([{ key: 'raw:repo', mode: 'normal' }]);
    expect(cites('see https://x.org/@foo/bar')).toMatchObject([{ key: 'foo/bar', mode: 'author-in-text' }]);
    expect(cites('write to anikunahad@gmail.com or www.x.org')).toEqual([]);
  });

  it('`[@a][ref]` is a reference link, not a group', () => {
    expect(cites('[@a][ref]\n\n[ref]: /u')).toMatchObject([{ key: 'a', mode: 'author-in-text' }]);
  });

  it('footnotes', () => {
    const tree = parseMarkdown('Text[^1] and [@a].\n\n[^1]: Note with @b.').tree;
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'footnoteDefinition']);
    expect(keys('Text[^1] and [@a].\n\n[^1]: Note with @b.')).toEqual(['a', 'b']);
  });

  it('plain brackets stay text', () => {
    const tree = parseMarkdown('[text] and [a; b] and [x] [y]').tree;
    expect(JSON.stringify(tree)).not.toMatch(/citation|bracketedSpan|link/);
  });

  it('emphasis does not pair across a group', () => {
    const tree = parseMarkdown('*a [see @k; also* @j] b*').tree;
    expect(keys('*a [see @k; also* @j] b*')).toEqual(['k', 'j']);
    const para = tree.children[0];
    if (para?.type !== 'paragraph') throw new Error('no paragraph');
    expect(para.children.map((n) => n.type)).toEqual(['emphasis']);
  });
});

describe('unicode and line endings', () => {
  it('combining marks and emoji keep offsets exact', () => {
    const input = 'Cafe\u0301 😀 [see @a, p. 3] 👩‍🔬 @b';
    expect(cites(input).map((c) => [c.keyText, c.group])).toEqual([
      ['a', '[see @a, p. 3]'],
      ['b', '@b'],
    ]);
  });

  it('RTL Persian text next to keys', () => {
    const input = 'این متن [@rahimi2020، ص. ۳] و @karimi است';
    expect(cites(input).map((c) => [c.key, c.keyText, c.group])).toEqual([
      ['rahimi2020', 'rahimi2020', '[@rahimi2020، ص. ۳]'],
      ['karimi', 'karimi', '@karimi'],
    ]);
    expect(cites('فارسی@a')).toEqual([]);
  });

  it('CRLF', () => {
    const input = 'a [see\r\n@a; @b]\r\n\r\n@c [p. 3]\r\n';
    expect(cites(input).map((c) => [c.keyText, c.group])).toEqual([
      ['a', '[see\r\n@a; @b]'],
      ['b', '[see\r\n@a; @b]'],
      ['c', '@c [p. 3]'],
    ]);
  });
});

describe('locators', () => {
  it.each([
    [', pp. 33-35', { label: 'page', value: '33-35' }],
    ['p. 3', { label: 'page', value: '3' }],
    ['33', { label: 'page', value: '33' }],
    [', chap. 4', { label: 'chapter', value: '4' }],
    ['§ 12', { label: 'section', value: '12' }],
    ['§§ 1–3', { label: 'section', value: '1–3' }],
    ['vol. iv', { label: 'volume', value: 'iv' }],
    ['fig. 2a', { label: 'figure', value: '2a' }],
    ['n. 7', { label: 'note', value: '7' }],
    ['para. 5', { label: 'paragraph', value: '5' }],
    ['l. 10, 12', { label: 'line', value: '10, 12' }],
    ['pages 3 and more', { label: 'page', value: '3' }],
    ['p. {III, 2}', { label: 'page', value: 'III, 2' }],
    ['emphasis added', undefined],
    ['pagesx 3', undefined],
  ])('%s', (suffix, locator) => {
    expect(parseLocator(suffix)).toEqual(locator);
  });
});

describe('robustness', () => {
  // Not timed (the project measures speed in bench/, and growth in linear.test.ts): each input must
  // return a tree within the test's time limit; 200k `[` are set aside by the nesting guard.
  const returns = (input: string): void => {
    expect(parseMarkdown(input).tree.type).toBe('root');
  };

  it('200k unclosed `[` returns', () => {
    returns('['.repeat(200_000));
  }, 120_000);

  it('a paragraph full of brackets, spans and keys returns', () => {
    returns('[a]{k="[b] @c; '.repeat(5_000));
    returns('@{'.repeat(50_000));
    returns('[see @a, p. 3; @b] '.repeat(5_000));
  }, 120_000);

  it('never throws', () => {
    expect(parseMarkdown('\u0000[@\u0000]{\u0000}').errors).toEqual([]);
  });
});
