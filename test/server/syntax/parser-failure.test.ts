/**
 * A block the Markdown parser throws on does not silence the document (parse.ts `parseMarkdown`): the
 * blocks that throw when read alone are blanked and reported, the rest is parsed with every offset
 * right. The failure is injected: the real parser, wrapped so that it throws when what it reads holds a
 * marker (none of the fuzzer's inputs has made the real one throw).
 */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseBody, parseDocument, parseMarkdown } from '../../../server/src/syntax/parse.js';

const MARKER = '\u2603BOOM';
const failing = (parse: (text: string) => Root) => (text: string) => {
  if (text.includes(MARKER)) throw new RangeError('Maximum call stack size exceeded (injected)');
  return parse(text);
};
const parseFailing = (text: string) => parseMarkdown(text, failing(parseDocument), failing(parseBody));

describe('a block the parser throws on', () => {
  const text = '# Intro\n\nTrade grew [@a].\n\nA bad ' + MARKER + ' block\nover two lines.\n\nAfter it [@b].\n';

  it('is blanked and reported on its own range; the blocks around it are parsed, offsets kept', () => {
    const { tree, errors } = parseFailing(text);
    const bad = text.indexOf('A bad');
    expect(errors).toEqual([
      { message: 'The Markdown parser failed on this block (Maximum call stack size exceeded (injected)); Marginalia does not analyse it', range: { start: bad, end: text.indexOf('\n\nAfter') } },
    ]);
    expect(tree.children.map((c) => c.type)).toEqual(['heading', 'paragraph', 'paragraph']);
    const last = tree.children[2]!;
    expect(text.slice(last.position!.start.offset, last.position!.end.offset)).toBe('After it [@b].');
    // The same tree as a document without the bad block's characters.
    const without = text.slice(0, bad) + text.slice(bad, text.indexOf('\n\nAfter')).replace(/[^\n]/g, ' ') + text.slice(text.indexOf('\n\nAfter'));
    expect(tree).toEqual(parseMarkdown(without).tree);
  });

  it('several such blocks are each reported, in document order', () => {
    const two = `First ${MARKER}.\n\nMiddle.\n\nLast ${MARKER}.\n`;
    const { tree, errors } = parseFailing(two);
    expect(errors.map((e) => two.slice(e.range.start, e.range.end))).toEqual([`First ${MARKER}.`, `Last ${MARKER}.`]);
    expect(tree.children).toHaveLength(1);
  });

  it('when no block alone makes it throw, the whole document is one error, as before', () => {
    const wholeOnly = (t: string) => {
      if (t.includes('one') && t.includes('two')) throw new Error('only together');
      return parseDocument(t);
    };
    const t = 'one\n\ntwo\n';
    const { tree, errors } = parseMarkdown(t, wholeOnly, parseBody);
    expect(tree.children).toEqual([]);
    expect(errors).toEqual([{ message: 'Markdown parser failed: only together', range: { start: 0, end: t.length } }]);
  });
});
