/**
 * Pathological nesting (issue #11): blocks nested deeper than the parser handles are set aside and
 * reported on their own range; everything else is parsed as usual. Brackets that close far from their
 * `[` still pair.
 */
import { describe, expect, it } from 'vitest';
import { guardNesting, MAX_BLOCK_NESTING, MAX_BRACKET_NESTING } from '../../../server/src/syntax/nesting.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { listCitations } from '../../../server/src/syntax/citations.js';
import { spans } from './helpers.js';

const after = '\n\nAfter the block [@kept].\n';

function parsed(input: string) {
  const { tree, errors } = parseMarkdown(input);
  return {
    keys: listCitations(tree).map((c) => c.key),
    errors: errors.map((e) => ({ message: e.message, text: input.slice(e.range.start, e.range.end) })),
    spans: spans(tree).map((s) => input.slice(s.contentRange.start, s.contentRange.end)),
  };
}

describe('pathological nesting is set aside, the rest is parsed', () => {
  it('1,100 nested spans (11 KB; ran the heap out of memory)', () => {
    const block = '['.repeat(1100) + 'Since 2011 x' + ']{.claim}'.repeat(1100);
    const r = parsed(block + after);
    expect(r.errors).toEqual([{ message: expect.stringContaining('1100 brackets'), text: block }]);
    expect(r.keys).toEqual(['kept']);
    expect(r.spans).toEqual([]);
  }, 60_000);

  it.each([
    ['block quotes 5,000 deep', '> '.repeat(5000) + 'x [@lost]'],
    ['lists 2,500 deep', '- '.repeat(2500) + 'x [@lost]'],
    ['ordered lists 2,500 deep', '1. '.repeat(2500) + 'x [@lost]'],
    ['indented lists 300 deep', Array.from({ length: 300 }, (_, i) => '  '.repeat(i) + '- item [@lost]').join('\n')],
    ['quote lines 100 deep', Array.from({ length: 100 }, (_, i) => '>'.repeat(i + 1) + ' line [@lost]').join('\n')],
  ])('%s', (_name, block) => {
    const r = parsed('Before [@first].\n\n' + block + after);
    expect(r.errors).toEqual([{ message: expect.stringContaining('block quotes or lists'), text: block }]);
    expect(r.keys).toEqual(['first', 'kept']);
  }, 60_000);

  it('nesting up to the limits is parsed in full', () => {
    const quotes = parsed('> '.repeat(MAX_BLOCK_NESTING) + 'x [@deep]' + after);
    expect(quotes.errors).toEqual([]);
    expect(quotes.keys).toEqual(['deep', 'kept']);
    const n = MAX_BRACKET_NESTING;
    const nested = parsed('['.repeat(n) + '@deep' + ']{.s}'.repeat(n) + after);
    expect(nested.errors).toEqual([]);
    expect(nested.keys).toEqual(['deep', 'kept']);
    expect(nested.spans).toHaveLength(n);
    // Each span's content is everything between its own brackets.
    expect(nested.spans[0]).toBe('['.repeat(n - 1) + '@deep' + ']{.s}'.repeat(n - 1));
    expect(nested.spans.at(-1)).toBe('@deep');
  });

  it('a span far longer than the old 8,192-event look-back is still one span', () => {
    const content = 'a word, *another* word; '.repeat(2000) + 'end';
    const r = parsed(`[${content}]{.claim} and [@k]`);
    expect(r.errors).toEqual([]);
    expect(r.spans).toEqual([content]);
    expect(r.keys).toEqual(['k']);
  }, 60_000);
});

describe('the nesting guard', () => {
  it('keeps every offset: set-aside characters become spaces, line breaks stay', () => {
    const text = 'a\r\n\r\n' + '> '.repeat(40) + 'x\r\n' + '> '.repeat(40) + 'y\r\n\r\nb';
    const guard = guardNesting(text);
    expect(guard.text).toHaveLength(text.length);
    expect(guard.text).toBe('a\r\n\r\n' + ' '.repeat(81) + '\r\n' + ' '.repeat(81) + '\r\n\r\nb');
    expect(guard.setAside).toHaveLength(1);
  });

  it('does not count code fences or front matter', () => {
    const deep = '> '.repeat(100) + '[[['.repeat(100);
    expect(guardNesting('```\n' + deep + '\n```\n').setAside).toEqual([]);
    expect(guardNesting('---\nk: "' + deep + '"\n---\n').setAside).toEqual([]);
    expect(guardNesting('~~~~\n```\n' + deep + '\n~~~~\n' + deep).setAside).toHaveLength(1);
  });

  it('counts brackets across the lines of a block, and escaped brackets not at all', () => {
    const lines = Array.from({ length: MAX_BRACKET_NESTING + 1 }, () => '[').join('\n');
    expect(guardNesting(lines).setAside).toHaveLength(1);
    expect(guardNesting('\\['.repeat(1000)).setAside).toEqual([]);
    expect(guardNesting('[x] '.repeat(10_000)).setAside).toEqual([]);
  });
});
