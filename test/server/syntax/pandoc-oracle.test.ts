/**
 * Pandoc 2.17 as the oracle: every input goes through `pandoc -f markdown -t json` (one call for
 * all of them, separated by horizontal rules) and the citations and spans Pandoc finds must be
 * the ones we find. Deliberate differences are listed in `differences` with the reason.
 */
import { describe, expect, it } from 'vitest';
import { hasPandoc } from '../../pandoc.js';
import { ours, pandoc, type Found } from './pandoc-citations.js';


const inputs = [
  '[@a]',
  '[@a; @b]',
  '[see @key, pp. 33-35; also @c]',
  '[@a, see [p. 3; @c]] and [see [x; y] @b; @d]',
  '[-@key]',
  '@key says',
  '@key [p. 3] says',
  'x -@key',
  '@a [p. 3; @b]',
  '@a [@b]',
  '@a\n[p. 3]',
  '[@a, p. 3; -@b]',
  '[see @a; @b, ch. 2]',
  '[*see* @a, **p.** 3]',
  '[see @a and @b]',
  '[@a @b]',
  'see @doi:10.1000/xyz.',
  '[@doi:10.1000/xyz]',
  'see @key.',
  'see @key, then',
  'x @{a b}',
  'x @{a.b}',
  'x @{a}b',
  'x @{}',
  'x @a::b @c//d @http://x.org @a:',
  'x @*',
  'foo@bar.com',
  'x .@a 1@b é@c _@d x-@e',
  '[ @a ]',
  '\\@a',
  '[@a]{.x}',
  '[@a](url)',
  '[see @a](url)',
  '[@a][]',
  '[@a; see]',
  '[see; @a]',
  '[@a;]',
  '`@a` and <https://x.org/@foo>',
  '[x](https://x.org/@foo)',
  '[see [x](y) @a]',
  '[`]` @a]',
  '[see @a `;` b]',
  'x[@a]',
  '@a [^1]',
  '[[@kozhanov2015understanding]]{.editorial}',
  '[text]{#id .c1 .c2 key=value key2="quoted value"}',
  "[a]{k='v w' k2= data-x=1}",
  '[a]{-}',
  '[]{.x}',
  '[*a* [b]{.i}]{.o}',
  '[a]{#x #y}',
  '[a] {.x}',
  '[a]{.x}{.y}',
  'Café @a 😀 [@b]',
  'این متن [@rahimi2020] و @karimi است',
  // Captions cite (issue #11): mdast keeps only an image's alt text, the parser keeps its nodes.
  '![A caption [@key].](fig.png)',
  '![see @a and [@b, p. 3]](x.png "title")',
  '![plain caption](x.png) and [@c]',
  // An inline note is not a citation group: its author-in-text citations stay author-in-text.
  'Text.^[See @key for more.]',
  'Text^[@a; @b] and [@c]',
  // Pandoc has no link definition whose label is a citation, and does not link bare URLs (corpus findings).
  'x [@a] y\n\n[@a]: http://x',
  'x [see @a; @b] y\n\n[see @a; @b]: http://x\n[-@c]: doi:10.1/x',
  'x [@a][] y\n\n[@a]: http://x',
  '[x]\n\n[x]: /u\n[a@b]: /v',
  'https://doi.org/10.5281/ZENODO.3517248[@raw:repo].',
  'see https://x.org/a/@foo/bar and www.x.org/@b x@y.org',
  // Differential fuzzing: `--` is an en dash before a normal citation, not a dash and `-@`.
  '[--@a]',
  '[see --@a; -@b] [---@c]',
  // Link destinations as Pandoc reads them (syntax/link/): spaces, nested parentheses and line breaks are
  // part of one, which holds no citation (jaybee84/ml-in-rd, BIRSBiointegration/whitePaper).
  '[@doi:10.1/x](Figure [@fig:5]a-c) and [@b]',
  '[@doi:10.1016/j.cell.2018.08.039](Figure {@fig:proteomics}B) [@c]',
  '[text](a b "title [@t]") [@c]',
  "[text](a 'b) [@c]",
  '[text](a (b c) d) [@c]',
  '[text](a\nb [@x]) [@c]',
  '[text]( a b ) [@c]',
  '[see [@x] here](a b)',
  '![cap [@k]](a b.png)',
  '[t](a [@b] "x y") z',
  '[x [y](a b) z](c d) [@e]',
  "[t](a \"b\"c\") [@d]",
];

/** Inputs where we deliberately differ: what we produce instead, and why. */
const differences: Record<string, { why: string; ours: Found }> = {
  '@a [p. 3]{.x}': {
    why: 'a bracket followed by `{` is a span for us even after an in-text citation; Pandoc takes it as the locator and prints `{.x}`',
    ours: { cites: [{ key: 'a', mode: 'AuthorInText', prefix: '', suffix: '' }], spans: [{ id: '', classes: ['x'], pairs: [] }] },
  },
  '[@a [p. 3]]': {
    why: 'an item whose key already took a bracket is not regrouped; Pandoc makes `[p. 3]` part of a normal citation suffix',
    ours: { cites: [{ key: 'a', mode: 'AuthorInText', prefix: '', suffix: 'p. 3' }], spans: [] },
  },
  '[a]{.claim foo}': {
    why: 'malformed attributes still give a span (with errors) so the server can report them; Pandoc prints the text',
    ours: { cites: [], spans: [{ id: '', classes: ['claim'], pairs: [] }] },
  },
  '[a]{=}': {
    why: 'malformed attributes still give a span (with errors); Pandoc prints the text',
    ours: { cites: [], spans: [{ id: '', classes: [], pairs: [] }] },
  },
  '[@a]{foo}': {
    why: 'malformed attributes still give a span (with errors) holding the in-text citation; Pandoc prints `[`, the citation and `]{foo}`',
    ours: { cites: [{ key: 'a', mode: 'AuthorInText', prefix: '', suffix: '' }], spans: [{ id: '', classes: [], pairs: [] }] },
  },
  '[b]{.x\n.y}': {
    why: 'attribute blocks must fit on one line (keeps the `]{` scan linear); Pandoc allows line breaks',
    ours: { cites: [], spans: [] },
  },
};

describe('pandoc oracle', () => {
  const all = [...inputs, ...Object.keys(differences)];
  const expected = hasPandoc ? pandoc(all) : [];

  it.skipIf(!hasPandoc)(`batch separates into ${all.length} results`, () => {
    expect(expected).toHaveLength(all.length);
  });

  it.skipIf(!hasPandoc).each(inputs)(`same as pandoc: %j${hasPandoc ? '' : ' (skipped: pandoc not installed)'}`, (input) => {
    expect(ours(input)).toEqual(expected[all.indexOf(input)]);
  });

  it.skipIf(!hasPandoc).each(Object.entries(differences))(
    `deliberately differs: %j${hasPandoc ? '' : ' (skipped: pandoc not installed)'}`,
    (input, { ours: ourResult }) => {
      const theirs = expected[all.indexOf(input)];
      expect(theirs).not.toEqual(ourResult);
      expect(ours(input)).toEqual(ourResult);
    },
  );
  // The real manuscripts (deep-review and the corpus): pandoc-corpus.test.ts.
});
