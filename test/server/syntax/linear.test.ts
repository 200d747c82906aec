/**
 * The long inputs of issue #11 that once took quadratic time, checked for what they produce. Their
 * growth with length (CPU time of an input and of one four times longer) is measured by
 * `bench/linear.mjs`: time ratios are noise on a shared machine, not something a unit test may assert.
 */
import { describe, expect, it } from 'vitest';
import { buildManuscript } from '../../../server/src/model/manuscript.js';
import { readFrontMatter } from '../../../server/src/model/front-matter.js';
import { listCitations } from '../../../server/src/syntax/citations.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';

const frontMatter = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: value ${i}\n`).join('');
const readYaml = (y: string) => readFrontMatter(y, { start: 0, end: y.length + 8 }, `---\n${y}---\n`);

describe('long inputs (their growth: bench/linear.mjs)', () => {
  it('a line of hyphenated words, `;` and in-text citations: every citation, in text, none suppressed', () => {
    const n = 3200;
    const found = listCitations(parseMarkdown('well-known -@a; x '.repeat(n)).tree);
    expect(found).toHaveLength(n);
    expect(found.every((c) => c.key === 'a' && c.mode === 'author-in-text' && !c.bracketed)).toBe(true);
  });

  it('a line of citation groups: each group and its in-text citation with its locator', () => {
    const n = 3200;
    const found = listCitations(parseMarkdown('[@k1; see @k2, p. 3] @k3 [p. 4] '.repeat(n)).tree);
    expect(found).toHaveLength(3 * n);
    expect(found.slice(0, 3).map((c) => [c.key, c.mode, c.prefix, c.locator?.value])).toEqual([
      ['k1', 'normal', '', undefined],
      ['k2', 'normal', 'see', '3'],
      ['k3', 'author-in-text', '', '4'],
    ]);
    expect(found.at(-1)!.keyRange.start).toBe(32 * (n - 1) + '[@k1; see @k2, p. 3] @'.length);
  });

  it('front matter with 16,000 keys: read whole, a duplicate at the end still reported where it is', () => {
    const y = frontMatter(16_000);
    expect(readYaml(y).errors).toEqual([]);
    const dup = y + 'key7: again\n';
    expect(readYaml(dup).errors).toEqual([{ message: 'Map keys must be unique', range: { start: y.length + 4, end: y.length + 8 } }]); // after the opening '---\n'
  });

  it('a paragraph of 12,000 in-text citations: all of them in the manuscript, in one sentence', () => {
    const m = buildManuscript('@k1 '.repeat(12_000) + '\n');
    expect(m.citations).toHaveLength(12_000);
    expect(m.sentences).toHaveLength(1);
  });

  it('duplicate keys are still reported where the parser reported them', () => {
    const y = 'a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n1: a\n"1": b\n';
    expect(readYaml(y).errors).toEqual([
      { message: 'Map keys must be unique', range: { start: 14, end: 15 } },
      { message: 'Map keys must be unique', range: { start: 31, end: 32 } },
    ]);
  });
});
