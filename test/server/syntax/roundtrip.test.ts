import { describe, expect, it } from 'vitest';
import { parseMarkdown, stringifyMarkdown } from '../../../server/src/syntax/parse.js';
import { listCitations } from '../../../server/src/syntax/citations.js';
import { spans } from './helpers.js';

function summary(text: string) {
  const { tree } = parseMarkdown(text);
  return {
    cites: listCitations(tree).map(({ key, mode, prefix, suffix, locator, bracketed, editorial }) => ({ key, mode, prefix, suffix, locator, bracketed, editorial })),
    spans: spans(tree).map((s) => ({ id: s.attributes.id?.value, classes: s.attributes.classes.map((c) => c.value), pairs: s.attributes.pairs.map((p) => [p.key, p.value]) })),
  };
}

const documents = [
  '[see @a, pp. 33-35; also -@c] and @d [p. 3] and @e [@f; @g, ch. 2].',
  '[*see* @a, **p.** 3] and [@{braced key:1}] and @{x}y.',
  '[see @a and @b] then [@k; see [x](y) @j].',
  'Claim [[@kozhanov2015understanding]]{.editorial} and [text *x*]{#id .c1 key=value key2="quoted value" e=""}.',
  '[a [b]{.i}]{.o} [@a]{.x} \\@literal foo@bar.com `@code` [plain; text] [x]{-}',
  '---\ntitle: T\n---\n\n# Head [@h]\n\n> quote [@q; @r]\n\n- item @i [p. 1]\n\nText[^1].\n\n[^1]: Note [@n].',
  'این متن [@rahimi2020، ص. ۳] و @karimi است',
];

describe('round trip: parse -> stringify -> parse', () => {
  it.each(documents)('%j', (text) => {
    const printed = stringifyMarkdown(parseMarkdown(text).tree);
    expect(summary(printed)).toEqual(summary(text));
    expect(summary(text).cites.length + summary(text).spans.length).toBeGreaterThan(0);
  });

  it('prints Pandoc syntax', () => {
    const printed = stringifyMarkdown(parseMarkdown('[see @a, p. 3; -@b] @c [p. 4] [x]{.y k="a b"} @{a:} @{x}y @{a b}').tree);
    expect(printed).toBe('[see @a, p. 3; -@b] @c [p. 4] [x]{.y k="a b"} @{a:} @{x}y \\@{a b}\n');
  });
});
