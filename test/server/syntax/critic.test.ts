import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, stringifyMarkdown } from '../../../server/src/syntax/parse.js';
import { cites } from './helpers.js';

/** Review marks and stray markers of `input`, ranges replaced by the text they cover. */
function marks(input: string) {
  const { tree, errors } = parseMarkdown(input);
  if (errors.length > 0) throw new Error(errors[0]!.message);
  const out: unknown[] = [];
  const slice = (start?: number, end?: number) => input.slice(start, end);
  const walk = (node: Nodes, inMark: boolean): void => {
    if (node.type === 'criticMark' && !inMark) {
      const parts = node.kind === 'substitution' ? node.children : [];
      out.push({
        kind: node.kind,
        whole: slice(node.position?.start.offset, node.position?.end.offset),
        content: slice(node.contentRange.start, node.contentRange.end),
        children: node.children.map((c) => c.type),
        ...(parts.length
          ? { parts: parts.map((p) => (p.type === 'criticMark' ? `${p.kind}:${slice(p.contentRange.start, p.contentRange.end)}` : p.type)) }
          : {}),
      });
    }
    if (node.type === 'criticStray') out.push({ stray: node.side, kind: node.kind, whole: slice(node.position?.start.offset, node.position?.end.offset) });
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child, inMark || node.type === 'criticMark');
  };
  walk(tree, false);
  return out;
}

describe('CriticMarkup review marks', () => {
  it('all five kinds, with exact ranges', () => {
    expect(marks('a {++ added ++} b {-- gone --} c {~~ old ~> new ~~} d {== hi ==}{>> R1: why? <<} e')).toEqual([
      { kind: 'addition', whole: '{++ added ++}', content: ' added ', children: ['text'] },
      { kind: 'deletion', whole: '{-- gone --}', content: ' gone ', children: ['text'] },
      {
        kind: 'substitution',
        whole: '{~~ old ~> new ~~}',
        content: ' old ~> new ',
        children: ['criticMark', 'criticMark'],
        parts: ['deletion: old ', 'addition: new '],
      },
      { kind: 'highlight', whole: '{== hi ==}', content: ' hi ', children: ['text'] },
      { kind: 'comment', whole: '{>> R1: why? <<}', content: ' R1: why? ', children: ['text'] },
    ]);
  });

  it('marks hold citations, spans, emphasis and links, and span lines of a paragraph', () => {
    const input = 'x {++ as [@katz2012russia] argues,\n[a claim]{.claim} *here* and [l](u) ++} y';
    expect(marks(input)).toEqual([
      {
        kind: 'addition',
        whole: '{++ as [@katz2012russia] argues,\n[a claim]{.claim} *here* and [l](u) ++}',
        content: ' as [@katz2012russia] argues,\n[a claim]{.claim} *here* and [l](u) ',
        children: ['text', 'citation', 'text', 'bracketedSpan', 'text', 'emphasis', 'text', 'link', 'text'],
      },
    ]);
    expect(cites(input)).toMatchObject([{ key: 'katz2012russia', group: '[@katz2012russia]' }]);
  });

  it('marks sit inside spans, links, emphasis and headings', () => {
    expect(marks('[a {++ b ++} c]{.claim} [d {-- e --}](u) *f {== g ==}*\n\n# H {>> h <<}').map((m) => (m as { whole: string }).whole)).toEqual([
      '{++ b ++}',
      '{-- e --}',
      '{== g ==}',
      '{>> h <<}',
    ]);
  });

  it('a mark does not cross a paragraph break: both markers are stray, the text stays', () => {
    const input = 'x {++ open\n\nnext ++} y\n\n# Heading after\n\nLast [@k].';
    expect(marks(input)).toEqual([
      { stray: 'open', kind: 'addition', whole: '{++' },
      { stray: 'close', kind: 'addition', whole: '++}' },
    ]);
    const { tree } = parseMarkdown(input);
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph', 'paragraph', 'heading', 'paragraph']);
    expect(cites(input)).toMatchObject([{ key: 'k' }]);
  });

  it('an unterminated opener swallows nothing', () => {
    expect(marks('a {>> never closed [@a] *b* and {++ later ++}')).toEqual([
      { stray: 'open', kind: 'comment', whole: '{>>' },
      { kind: 'addition', whole: '{++ later ++}', content: ' later ', children: ['text'] },
    ]);
    expect(cites('a {>> never closed [@a] *b*')).toMatchObject([{ key: 'a' }]);
  });

  it('mismatched kinds, nesting and a substitution without ~> do not pair', () => {
    expect(marks('{++ a --}')).toEqual([
      { stray: 'open', kind: 'addition', whole: '{++' },
      { stray: 'close', kind: 'deletion', whole: '--}' },
    ]);
    expect(marks('{~~ a ~~}')).toEqual([
      { stray: 'open', kind: 'substitution', whole: '{~~' },
      { stray: 'close', kind: 'substitution', whole: '~~}' },
    ]);
    expect(marks('{++ a {-- b --} c ++}')).toEqual([
      { stray: 'open', kind: 'addition', whole: '{++' },
      { kind: 'deletion', whole: '{-- b --}', content: ' b ', children: ['text'] },
      { stray: 'close', kind: 'addition', whole: '++}' },
    ]);
  });

  it('never crosses a link or span boundary', () => {
    expect(marks('{++ a [b ++} c](u)')).toEqual([{ kind: 'addition', whole: '{++ a [b ++}', content: ' a [b ', children: ['text'] }]);
    expect(parseMarkdown('{++ a [b ++} c](u)').tree.children[0]).toMatchObject({ children: [{ type: 'criticMark' }, { type: 'text', value: ' c](u)' }] });
    expect(marks('[d {++ e](u) f ++}')).toEqual([
      { stray: 'open', kind: 'addition', whole: '{++' },
      { stray: 'close', kind: 'addition', whole: '++}' },
    ]);
  });

  it('a comment is not manuscript text: no citations in it (`@ana:` is a reviewer tag)', () => {
    expect(cites('{>> @ana: cite [@katz] or @lee [p. 3] here <<} and @kept')).toMatchObject([{ key: 'kept' }]);
    expect(cites('{>> @ana: cite [@katz] here <<} and @kept')).toHaveLength(1);
    expect(marks('{>> @ana: [@katz] *x* <<}')).toMatchObject([{ kind: 'comment', children: ['text', 'emphasis', 'text'] }]);
    expect(cites('{++ @added ++} {-- [@deleted] --}')).toMatchObject([{ key: 'added' }, { key: 'deleted' }]);
  });

  it('emphasis does not pair across a mark', () => {
    const { tree } = parseMarkdown('*a {++ b* ++} c');
    expect(JSON.stringify(tree)).not.toContain('"emphasis"');
  });

  it('~> is a separator only in a substitution; the first one separates', () => {
    expect(marks('{>> a ~> b <<} {~~ a ~> b ~> c ~~}')).toMatchObject([
      { kind: 'comment', content: ' a ~> b ' },
      { kind: 'substitution', parts: ['deletion: a ', 'addition: b ~> c '] },
    ]);
    expect(JSON.stringify(parseMarkdown('x ~> y').tree)).toContain('"value":"x ~> y"');
  });

  it('GFM strikethrough keeps working beside substitutions', () => {
    const { tree } = parseMarkdown('~~gone~~ and {~~a~>b~~}');
    expect(JSON.stringify(tree.children[0])).toContain('"type":"delete"');
    expect(marks('~~gone~~ and {~~a~>b~~}')).toMatchObject([{ kind: 'substitution', parts: ['deletion:a', 'addition:b'] }]);
  });

  it('code, escapes and empty marks', () => {
    expect(marks('`{++ a ++}` \\{++ b ++} {++++}')).toEqual([
      { stray: 'close', kind: 'addition', whole: '++}' },
      { kind: 'addition', whole: '{++++}', content: '', children: [] },
    ]);
  });

  it('round trip: parse -> stringify keeps the marks', () => {
    const input = 'a {++ b [@k] ++} c {~~ d ~> *e* ~~} {== f ==}{>> R1: g <<} {-- h --} {++ stray\n';
    const printed = stringifyMarkdown(parseMarkdown(input).tree);
    expect(printed).toBe(input);
    expect(marks(printed)).toEqual(marks(input));
    // The printer escapes an `@` in text, which Pandoc reads the same.
    const tagged = '{>> @ana: g <<}\n';
    expect(stringifyMarkdown(parseMarkdown(tagged).tree)).toBe('{>> \\@ana: g <<}\n');
  });
});

describe('CriticMarkup on hostile input', () => {
  // Each must simply return within the suite's time limit (speed is measured by bench/, not here).
  it.each([
    ['5,000 unterminated openers', '{++ a '.repeat(5_000)],
    ['5,000 stray closers', 'a ++} '.repeat(5_000)],
    ['5,000 marks with citations', '{++ a [@b] ++} '.repeat(5_000)],
    ['openers and brackets interleaved', '{++ ['.repeat(5_000) + ' ++}'],
    ['separators without substitutions', '~> '.repeat(10_000)],
  ])('%s', (_, input) => {
    const { tree, errors } = parseMarkdown(input);
    // Only the nesting limit may speak (5,000 open brackets: the block is reported, not analysed).
    const nesting = errors.filter((e) => /^This block nests \d+ brackets/.test(e.message));
    expect(errors.filter((e) => !nesting.includes(e))).toEqual([]);
    // A block over the limit is reported on its range and left out of the tree; otherwise one paragraph.
    expect(tree.children).toHaveLength(nesting.length ? 0 : 1);
  });

  it('keeps every character: strays and marks cover the text they came from', () => {
    const input = '{++ a {-- b ~> c --} d <<} e ==} {>> f';
    expect(marks(input)).toEqual([
      { stray: 'open', kind: 'addition', whole: '{++' },
      { kind: 'deletion', whole: '{-- b ~> c --}', content: ' b ~> c ', children: ['text'] },
      { stray: 'close', kind: 'comment', whole: '<<}' },
      { stray: 'close', kind: 'highlight', whole: '==}' },
      { stray: 'open', kind: 'comment', whole: '{>>' },
    ]);
    // The printer escapes the `~` (GFM strikethrough), which reads the same.
    expect(stringifyMarkdown(parseMarkdown(input).tree)).toBe(input.replace('~>', '\\~>') + '\n');
  });
});
