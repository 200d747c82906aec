/**
 * Growth of parse, front-matter and manuscript time with input length (issue #11): the CPU time of one
 * input and of the same input four times longer, in the same run. Linear work grows about 4x; the
 * quadratic behaviour fixed for #11 grew 14-16x. Moved here from a unit test: CPU-time ratios are noise
 * on a shared machine, so they are figures to read, not assertions (test/server/syntax/linear.test.ts
 * checks what these inputs produce). `node bench/linear.mjs [n]`.
 */
import { importModules } from './bundle.mjs';

const { parseMarkdown, readFrontMatter, buildManuscript } = await importModules(
  'server/src/syntax/parse.ts',
  'server/src/model/front-matter.ts',
  'server/src/model/manuscript.ts',
);

const scale = Number(process.argv[2] ?? 1);

function cpu(run) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

const frontMatter = (n) => Array.from({ length: n }, (_, i) => `key${i}: value ${i}\n`).join('');
const cases = [
  ['parse: a line of hyphenated words, `;` and citations', 800, (n) => 'well-known -@a; x '.repeat(n), (t) => parseMarkdown(t)],
  ['parse: a line of citation groups', 800, (n) => '[@k1; see @k2, p. 3] @k3 [p. 4] '.repeat(n), (t) => parseMarkdown(t)],
  ['parse: a paragraph of `[a]{k="[b] @c; ` (remark data merging)', 500, (n) => '[a]{k="[b] @c; '.repeat(n), (t) => parseMarkdown(t)],
  // Each unclosed raw-content tag searches for its closing tag; a search is shared by the openers it passes (html/block.ts).
  ['parse: unclosed `<pre>` and `<script>` lines', 2000, (n) => '<pre>\n<script>\n'.repeat(n), (t) => parseMarkdown(t)],
  ['parse: n nested `<pre>` elements closed at the end', 2000, (n) => '<pre><b>x</b>\n\n'.repeat(n) + '</pre>\n'.repeat(n), (t) => parseMarkdown(t)],
  // Tag lines are blocks, text between tags Markdown (Pandoc's default markdown_in_html_blocks).
  ['parse: unclosed `<table>` and `<tr>` lines', 2000, (n) => '<table>\n<tr>\n'.repeat(n), (t) => parseMarkdown(t)],
  ['parse: table rows of cells with citations, indented after `<td>`', 1000, (n) => '<tr><td>\n    Cell [@a].\n</td></tr>\n'.repeat(n), (t) => parseMarkdown(t)],
  ['parse: unclosed `<!--` lines', 2000, (n) => '<!-- x\n'.repeat(n), (t) => parseMarkdown(t)],
  ['parse: a paragraph of `[x](a b ` without `)`', 800, (n) => '[x](a b '.repeat(n), (t) => parseMarkdown(t)],
  ['parse: `[x](` and a run of spaces', 20000, (n) => '[x](a' + ' '.repeat(n) + 'b', (t) => parseMarkdown(t)],
  ['front matter with many keys', 4000, frontMatter, (y) => readFrontMatter(y, { start: 0, end: y.length + 8 }, `---\n${y}---\n`)],
  ['manuscript: a paragraph of in-text citations', 3000, (n) => '@k1 '.repeat(n) + '\n', (t) => buildManuscript(t)],
];

for (const [name, n0, make, work] of cases) {
  const n = Math.round(n0 * scale);
  const small = make(n);
  const large = make(4 * n);
  work(small); // warm up
  const a = cpu(() => work(small));
  const b = cpu(() => work(large));
  console.log(`${name}: ${(small.length / 1000).toFixed(0)} KB ${(a / 1000).toFixed(0)} ms, x4 ${(b / 1000).toFixed(0)} ms, growth ${(b / a).toFixed(1)}x (linear ~4x, quadratic ~16x)`);
}
