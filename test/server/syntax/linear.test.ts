/**
 * Near-linear time on long inputs (issue #11). Not a timed test: the CPU time of one input and of
 * the same input four times longer, measured in the same run; linear work grows about 4x, the
 * quadratic behaviour these guard against grew 16x. The bound (9x) is generous for a shared machine.
 */
import { describe, expect, it } from 'vitest';
import { buildManuscript } from '../../../server/src/model/manuscript.js';
import { readFrontMatter } from '../../../server/src/model/front-matter.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';

function cpu(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

function growth(make: (n: number) => string, n: number, work: (text: string) => void): number {
  const small = make(n);
  const large = make(4 * n);
  work(small); // warm up
  return cpu(() => work(large)) / cpu(() => work(small));
}

const frontMatter = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: value ${i}\n`).join('');

describe('long inputs take near-linear time', () => {
  it.each([
    // `;` and `-` were data, each merged into the text around it with one array splice.
    ['a line of hyphenated words, `;` and citations', (n: number) => 'well-known -@a; x '.repeat(n)],
    ['a line of citation groups', (n: number) => '[@k1; see @k2, p. 3] @k3 [p. 4] '.repeat(n)],
  ])('parse: %s', (_name, make) => {
    expect(growth(make, 800, (text) => parseMarkdown(text))).toBeLessThan(9);
  }, 120_000);

  it('front matter with many keys (the YAML duplicate-key check compared every pair)', () => {
    expect(growth(frontMatter, 4000, (y) => readFrontMatter(y, { start: 0, end: y.length + 8 }, `---\n${y}---\n`))).toBeLessThan(9);
  }, 120_000);

  it('a paragraph of in-text citations (the claim rules trimmed spaces with a backtracking regex)', () => {
    expect(growth((n) => '@k1 '.repeat(n) + '\n', 3000, (text) => buildManuscript(text))).toBeLessThan(9);
  }, 120_000);

  it('duplicate keys are still reported where the parser reported them', () => {
    const y = 'a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n1: a\n"1": b\n';
    const errors = readFrontMatter(y, { start: 0, end: y.length + 8 }, `---\n${y}---\n`).errors;
    expect(errors).toEqual([
      { message: 'Map keys must be unique', range: { start: 14, end: 15 } },
      { message: 'Map keys must be unique', range: { start: 31, end: 32 } },
    ]);
  });
});
