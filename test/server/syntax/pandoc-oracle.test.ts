/**
 * Pandoc 2.17 as the oracle: every input goes through `pandoc -f markdown -t json` (one call for
 * all of them, separated by horizontal rules) and the citations and spans Pandoc finds must be
 * the ones we find. Deliberate differences are listed in `differences` with the reason.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPandoc } from '../../pandoc.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { listCitations } from '../../../server/src/syntax/citations.js';
import { spans } from './helpers.js';
import { sharedData } from '../../shared-data.js';


const inputs = [
  '[@a]',
  '[@a; @b]',
  '[see @key, pp. 33-35; also @c]',
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

interface Found {
  cites: { key: string; mode: string; prefix: string; suffix: string }[];
  spans: { id: string; classes: string[]; pairs: [string, string][] }[];
}

const modeName = { normal: 'NormalCitation', 'author-in-text': 'AuthorInText', 'suppress-author': 'SuppressAuthor' } as const;

function normalise(text: string): string {
  return text.replace(/[\u00a0\s]+/gu, ' ').replace(/[‘’]/gu, "'").replace(/[“”]/gu, '"').trim();
}

function ours(input: string): Found {
  const { tree } = parseMarkdown(input);
  return {
    cites: listCitations(tree).map((c) => ({ key: c.key, mode: modeName[c.mode], prefix: normalise(c.prefix), suffix: normalise(c.suffix) })),
    spans: spans(tree).map((s) => ({
      id: s.attributes.id?.value ?? '',
      classes: s.attributes.classes.map((c) => c.value),
      pairs: s.attributes.pairs.map((p): [string, string] => [p.key, p.value]),
    })),
  };
}

// Pandoc's JSON AST, loosely typed: only the parts read below.
interface PandocNode {
  t: string;
  c?: unknown;
}

function stringify(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes
    .map((node: PandocNode) => {
      switch (node.t) {
        case 'Str':
          return node.c as string;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Code':
          return (node.c as [unknown, string])[1];
        case 'Emph':
        case 'Strong':
        case 'Strikeout':
          return stringify(node.c);
        case 'Quoted':
          return stringify((node.c as [unknown, unknown])[1]);
        case 'Cite':
        case 'Link':
        case 'Span':
          return stringify((node.c as [unknown, unknown])[1]);
        default:
          return '';
      }
    })
    .join('');
}

function collect(value: unknown, found: Found): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, found);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const node = value as PandocNode;
  if (node.t === 'Cite') {
    const [citations] = node.c as [{ citationId: string; citationMode: { t: string }; citationPrefix: unknown; citationSuffix: unknown }[]];
    for (const citation of citations) {
      found.cites.push({
        key: citation.citationId,
        mode: citation.citationMode.t,
        prefix: normalise(stringify(citation.citationPrefix)),
        suffix: normalise(stringify(citation.citationSuffix)),
      });
      // Citations nested in suffixes come after their container, as in `listCitations`.
      collect(citation.citationPrefix, found);
      collect(citation.citationSuffix, found);
    }
    return;
  }
  if (node.t === 'Span') {
    const [[id, classes, pairs]] = node.c as [[string, string[], [string, string][]]];
    found.spans.push({ id, classes, pairs });
  }
  collect(node.c, found);
}

function pandoc(all: string[]): Found[] {
  const separator = '\n\n* * * * *\n\n';
  const json = execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: all.join(separator), encoding: 'utf8', maxBuffer: 1 << 28 });
  const blocks = (JSON.parse(json) as { blocks: PandocNode[] }).blocks;
  const results: Found[] = [{ cites: [], spans: [] }];
  for (const block of blocks) {
    if (block.t === 'HorizontalRule') results.push({ cites: [], spans: [] });
    else collect(block, results[results.length - 1]!);
  }
  return results;
}

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

  const deepReview = sharedData('deep-review');
  it.skipIf(!hasPandoc || !deepReview.present)(`the deep-review manuscript: same keys as pandoc${hasPandoc ? '' : ' (skipped: pandoc not installed)'}${deepReview.skipNote}`, async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = deepReview.path;
    const text = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(`${dir}/${f}`, 'utf8')).join('\n\n');
    const [theirs] = pandoc([text]);
    const mine = ours(text);
    expect(mine.cites.length).toBeGreaterThan(500);
    expect(mine.cites.map((c) => c.key)).toEqual(theirs!.cites.map((c) => c.key));
  });
});
