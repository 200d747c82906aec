/**
 * Pandoc 2.17's HTML blocks (server/src/syntax/html/): each input is read by `pandoc -f markdown`, its
 * default extensions (`markdown_in_html_blocks`: Markdown between block tags, raw `<pre>`, `<script>`,
 * `<style>`, `<textarea>` and comments), as the corpus oracle reads manuscripts, one process per input
 * (an unclosed tag in one input could otherwise balance with a closing tag in another), and the
 * citations Pandoc finds outside raw HTML must be the ones we find. The block structure we give is
 * checked on a few inputs too.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { RootContent } from 'mdast';
import { hasPandoc } from '../../pandoc.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { parseInSlices } from '../../../server/src/syntax/sliced.js';
import { ours, pandoc, type Found } from './pandoc-citations.js';

const FROM = 'markdown';
const skip = hasPandoc ? '' : ' (skipped: pandoc not installed)';

/** Each input, named for what it shows. */
const inputs: Record<string, string> = {
  'a caption and cells after `<a name>` then `<table>` cite (sbonaretti/FAIR_metrics)':
    'Text.\n<a name="t"></a>\n<table>\n<caption>Table 1: as in [@a].</caption>\n<tr><td>x [@b]</td></tr>\n</table>\n',
  'a tag line after a paragraph line': 'Text [@a]\n<table>\n<tr><td>x [@b]</td></tr>\n</table>\n',
  'Markdown between a block tag and its closing tag, blank lines included':
    '<table>\n<tr><td>[@a]</td></tr>\n\n<tr><td>\n\n[@b]\n\n</td></tr>\n</table>\n\nAfter [@c].',
  'nested tables': '<table>\n<table>\n</table>\n[@a]\n</table>\nz [@b]',
  'a comment among the tags of a line': '<table><!-- </table> --><tr><td>[@a]</td></tr></table>\ntext [@b]',
  'an unclosed block tag: the lines after it are Markdown':
    '<table>\n<tr><td>x [@a]</td></tr>\nunclosed [@b]\n\nz [@c]',
  'a line of text between tags, then a paragraph line': '<p>x [@a]</p>\nText [@b]',
  'tag names in any case': '<TABLE>\n<tr><td>x [@a]</td></tr>\n</Table>\nafter [@c]',
  'an indented tag is inline HTML in a paragraph': ' <table>\n<tr><td>[@a]</td></tr>\n</table>',
  'an inline tag alone on a line is a paragraph (a CommonMark type 7 block)': '<span>x [@a]</span>\n\n<a name="x"></a>\nText [@b]',
  "a div's content is Markdown": '<div class="x">\nin div [@a]\n\nmore [@b]\n</div>\nafter [@c]',
  'a div with text on its line': '<div>in [@a]</div>\n',
  'tags that are block or inline (`<video>`, `<iframe>`)': '<video controls>\ntext [@b]\n</video>\n\n<iframe src="x">\ninside [@a]\n</iframe>',
  'a closing tag alone': '</table>\ntext [@b]',
  'a comment is a block over blank lines': '<!-- c1\n\n [@a] -->\ntext [@b]',
  'text after a comment on its line': '<!-- c1 --> tail [@a]\ntext [@b]',
  'a comment after a paragraph line hides its citations': 'para [@a]\n<!-- x\n\n[@b] -->\nmore [@c]',
  'an unclosed comment is text': '<!-- open [@a]\n\nz [@b]',
  'a processing instruction is a block; a doctype is text': '<?xml version="1.0"?>\ntext [@b]\n\n<!DOCTYPE html>\ntext [@c]',
  'an opening tag over two lines': '<table\n class="x">\n<tr><td>x [@a]</td></tr></table>\ntext [@b]',
  'a quoted attribute holding `>`': '<table title="a > b">\n[@a]\n</table>\nz [@b]',
  'in a block quote': '> <table>\n> <tr><td>[@a]</td></tr>\n>\n> </table>\n\nz [@b]',
  'in a list item': '- <table>\n  <tr><td>[@a]</td></tr>\n\n  </table>\n\nz [@b]',
  'self-closing tags': '<hr/>\ntext [@b]\n\n<table/>\ntext [@c]',
  '`<pre>` over blank lines': '<pre>\ncode [@a]\n\n more [@b]\n</pre>\nz [@c]',
  'a heading inside `<section>` is a heading': '<section>\n\n# Head [@a]\n\n</section>\n\nz [@b]',
  '`<br>` is not a block tag': '<br>\ntext [@b]',
  'table cells cite (BIRSBiointegration/whitePaper, greenelab/meta-review)': '<table>\n<tr><td>Cell [@a]</td><td>Other [@b; @c]</td></tr>\n</table>\n',
  'text after a closing tag on its line': '<table><tr><td>x</td></tr></table> after [@c]\nnext [@d]',
  'an indented table: the line after an opening tag is not code': '<table>\n    <tr>\n        <td>Text [@a]</td>\n    </tr>\n</table>\n',
  'the indentation after `<p>` is its own': '<p>\n    text [@a]\n</p>\n',
  'a heading and a list indented in a cell': '<td>\n        # Head [@a]\n</td>\n<td>\n    - item [@b]\n    - two [@c]\n</td>\n',
  'a fence indented in a cell closes': '<td>\n    ```\n    code [@a]\n    ```\n</td>\n[@b]',
  'a self-closing block tag takes the next line\'s indentation too': '<hr/>\n    text [@a]\n',
  'after a blank line, an indented line in an element is code': '<td>\n\n    code [@a]\n\n</td>\n[@b]',
  'after a closing tag, a comment or `</pre>`, an indented line is code':
    '<td></td>\n    code [@a]\n\n<!-- x -->\n    code [@b]\n\n<pre>\n</pre>\n    code [@c]\n',
  '`<script>`, `<style>` and `<textarea>` keep their content raw': '<script>\nvar a = "[@a]";\n\n</script>\n<style>\n[@b]\n</style>\n<textarea>\n[@c]\n</textarea>\n[@d]',
  '`<pre>` after a paragraph line ends it and stays raw': 'Text [@a]\n<pre>\n[@b]\n</pre>\n[@c]',
  'a table in a div': '<div>\n<table>\n<tr><td>in [@a]</td></tr>\n</table>\n</div>\n',
  'unclosed comments on many lines are text (each searched for its end once)': '<!-- x [@a]\n'.repeat(50) + 'y [@b] <!-- z\n\n<!-- w -->',
};

/** Inputs where we differ on purpose: what we find instead, and why. */
const differences: Record<string, { why: string; ours: Found['cites'] }> = {
  '<pre>x</pre> after [@c]\nnext [@d]': {
    why: 'text after the closing tag of a raw element stays in the HTML block (micromark blocks end at line ends); Pandoc starts a paragraph there',
    ours: [{ key: 'd', mode: 'NormalCitation', prefix: '', suffix: '' }],
  },
  'Text <pre>x [@a]</pre> y [@b]\n': {
    why: 'a raw-content tag inside a line of text is inline HTML to us; Pandoc ends the paragraph there and reads the element raw',
    ours: [
      { key: 'a', mode: 'NormalCitation', prefix: '', suffix: '' },
      { key: 'b', mode: 'NormalCitation', prefix: '', suffix: '' },
    ],
  },
  '<td><pre>\nx [@a]\n</pre></td>\n': {
    why: 'a raw-content tag after another tag on its line opens no raw element to us',
    ours: [{ key: 'a', mode: 'NormalCitation', prefix: '', suffix: '' }],
  },
  '<td>\n    Text [@a]\n\n    More [@b]\n</td>\n': {
    why: "Pandoc strips an element's indentation from each of its blocks; we only from the line after its opening tag, so a later block indented by four is code",
    ours: [{ key: 'a', mode: 'NormalCitation', prefix: '', suffix: '' }],
  },
  [`[x](${'a '.repeat(600)}[@c]) [@b]`]: {
    why: 'a Pandoc link destination (where CommonMark has none) is read up to 1,000 characters, so that a paragraph of unclosed `](` stays linear',
    ours: [
      { key: 'c', mode: 'NormalCitation', prefix: '', suffix: '' },
      { key: 'b', mode: 'NormalCitation', prefix: '', suffix: '' },
    ],
  },
};

describe('pandoc HTML blocks', () => {
  it.skipIf(!hasPandoc).each(Object.entries(inputs))(`same citations as pandoc: %s${skip}`, (_, input) => {
    const [theirs] = pandoc([input], FROM);
    expect(ours(input).cites).toEqual(theirs!.cites);
  });

  it.skipIf(!hasPandoc).each(Object.entries(differences))(`deliberately differs: %s${skip}`, (input, { ours: mine }) => {
    const [theirs] = pandoc([input], FROM);
    expect(theirs!.cites).not.toEqual(mine);
    expect(ours(input).cites).toEqual(mine);
  });
});

/** The top-level blocks: type, and the source line each starts on. */
function blocks(input: string): string[] {
  return parseMarkdown(input).tree.children.map((n: RootContent) => `${n.type}@${n.position!.start.line}`);
}

describe('HTML block structure', () => {
  it('a tag line ends a paragraph; a line of text between tags is a paragraph', () => {
    expect(blocks('Text.\n<a name="t"></a>\n<table>\n<tr><td>x</td></tr>\n</table>\n')).toEqual(['paragraph@1', 'html@3', 'paragraph@4', 'html@5']);
  });

  it('a raw element is one block over blank lines; the next line starts a paragraph', () => {
    const input = '<pre>\na [@a]\n\nb\n</pre>\nText';
    expect(blocks(input)).toEqual(['html@1', 'paragraph@6']);
    const html = parseMarkdown(input).tree.children[0]!;
    expect(html.position!.end.offset).toBe(input.indexOf('</pre>') + '</pre>'.length);
  });

  it('each tag line is a block; lines with text are paragraphs', () => {
    expect(blocks('<table>\n<tr>\n<td>a</td>\n</tr>\nText\n\nMore')).toEqual(['html@1', 'html@2', 'paragraph@3', 'html@4', 'paragraph@5', 'paragraph@7']);
  });

  it('the line after an opening tag is read unindented; after a blank line, indented code', () => {
    expect(blocks('<td>\n    text\n\n<td>\n\n    code\n')).toEqual(['html@1', 'paragraph@2', 'html@4', 'code@6']);
  });

  it('thousands of unclosed comments: the lines are one paragraph of text', () => {
    const input = '<!-- x\n'.repeat(5000) + 'Text [@a]\n';
    const tree = parseMarkdown(input).tree;
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph']);
    expect(ours(input).cites.map((c) => c.key)).toEqual(['a']);
  });

  it('thousands of unclosed raw-content tags: each is a block of one line', () => {
    // Each opener's search for a closing tag would run to the end of the text; searches are shared.
    const input = '<pre>\n<script>\n'.repeat(5000) + 'Text [@a]\n';
    const tree = parseMarkdown(input).tree;
    expect(tree.children).toHaveLength(10_001);
    expect(tree.children.at(-1)!.type).toBe('paragraph');
    expect(ours(input).cites.map((c) => c.key)).toEqual(['a']);
  });
});

/**
 * An HTML block that reads past its first line and then finds no end left micromark without the
 * containers of every line it read (syntax/html/retries.ts): the lists and block quotes after an
 * unclosed `<script>`, `<pre>` or `<!--` became paragraphs. Each input with its top-level blocks, which
 * are Pandoc's (but for the text after `<script>` on its line, left to the paragraph, as above).
 */
describe('lists and block quotes after an HTML block that does not close', () => {
  const inputs: Record<string, [string, string]> = {
    'an unclosed `<script>` with text, then a list and a quote': ['<script>No word.\n\n- a\n\n> q\n', 'paragraph list blockquote'],
    'unclosed `<script>` lines, then a list and a quote': ['<script>\n'.repeat(3) + '\n- a\n\n> q\n', 'html html html list blockquote'],
    'unclosed `<pre>` lines and lists in turn, the last one closed': ['<pre>\n\n- x\n\n'.repeat(3) + '</pre>\n\n- a\n', 'html list html list html list'],
    'an unclosed comment, then an ordered list': ['<!-- open\n\ntext\n\n1. a\n2. b\n', 'paragraph paragraph list'],
    'unclosed comments and `<script>`s with lists and quotes between': ['<!-- a\n\n- x\n\n<script>\n\n> q\n\n'.repeat(2), 'paragraph list html blockquote paragraph list html blockquote'],
    'an unclosed processing instruction, then a list': ['<?xml open\n\n- a\n', 'paragraph list'],
    'an unclosed `<pre>` in a block quote, then a list': ['> <pre>\n>\n> - a\n\n- b\n', 'blockquote list'],
  };
  const containers = (kinds: string) => kinds.split(' ').filter((k) => k === 'list' || k === 'blockquote');
  const pandocKinds = (input: string): string => {
    const names: Record<string, string> = { BulletList: 'list', OrderedList: 'list', BlockQuote: 'blockquote', Para: 'paragraph', Plain: 'paragraph', RawBlock: 'html' };
    const json = execFileSync('pandoc', ['-f', FROM, '-t', 'json'], { input, encoding: 'utf8' });
    return (JSON.parse(json) as { blocks: { t: string }[] }).blocks.map((b) => names[b.t] ?? b.t).join(' ');
  };

  it.each(Object.entries(inputs))('%s', (_, [input, expected]) => {
    expect(parseMarkdown(input).tree.children.map((n) => n.type).join(' ')).toBe(expected);
  });

  it.skipIf(!hasPandoc).each(Object.entries(inputs))(`%s: the same lists and quotes as pandoc${skip}`, (_, [input, expected]) => {
    expect(containers(pandocKinds(input))).toEqual(containers(expected));
  });

  it('a thousand unclosed comments, `<script>`s and `<pre>`s between lists, parsed as a document is: each list is kept', () => {
    // The slices of a document may end after a construct that never closes (syntax/sliced.ts): one
    // parse of 48 KB with 3,000 containers took 82 s (micromark's time grows with their square).
    const input = '<!-- a\n\n- x\n\n<script>\n\n> q\n\n<pre>\n\n- y\n\n'.repeat(1000);
    const parsed = parseInSlices(input);
    expect(parsed.slices).toBeGreaterThan(4);
    const kinds = parsed.tree.children.map((n) => n.type);
    expect(kinds.filter((k) => k === 'list')).toHaveLength(2000);
    expect(kinds.filter((k) => k === 'blockquote')).toHaveLength(1000);
  });
});
