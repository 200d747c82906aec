// Review marks and the preview: CriticMarkup parsing stays linear on hostile paragraphs (thousands of
// marks, stray openers, stray closers), and what the preview costs on the edition: the server's
// citation formatting (marginalia/preview) and the markdown-it render.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importModules, median, root } from './bundle.mjs';

const core = await importModules(
  'server/src/syntax/parse.ts',
  'server/src/workspace/host.ts',
  'server/src/files/node-file-system.ts',
  'server/src/analysis/preview.ts',
  'server/src/analysis/config.ts',
  'server/src/model/review.ts',
  'client/src/preview/plugin.ts',
);
const MarkdownIt = (await import('markdown-it')).default;

const time = (fn, runs = 5) => {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
};

console.log('CriticMarkup parsing, one paragraph (median of 3; linear means ms per 1k units stays flat):');
for (const [label, unit] of [
  ['marks', '{++ a ++} '],
  ['marks with a citation', '{++ a [@b] ++} '],
  ['citations (baseline)', '[@b] a '],
  ['emphasis (baseline)', '*a* b '],
  ['unterminated openers', '{++ a '],
  ['stray closers', 'a ++} '],
  ['plain text (baseline)', 'plain a '],
]) {
  const row = [];
  for (const n of [2_000, 4_000, 8_000]) {
    const ms = time(() => core.parseMarkdown(unit.repeat(n)), 3);
    row.push(`${n} units ${ms.toFixed(0).padStart(6)} ms (${((ms / n) * 1000).toFixed(0).padStart(5)} ms/1k)`);
  }
  console.log(`  ${label.padEnd(24)} ${row.join('   ')}`);
}

const fixture = path.join(root, 'test/fixtures/review/edition-two-reviewers.md');
const paper = path.join(root, 'document/paper.md');
for (const file of [fixture, paper]) {
  const text = readFileSync(file, 'utf8');
  const host = new core.Host(new core.NodeFileSystem());
  const s = await host.snapshot(file);
  let t = performance.now();
  const cold = core.previewData(s, core.defaultConfig);
  const coldMs = performance.now() - t;
  const warmMs = time(() => core.previewData(s, core.defaultConfig));
  const md = new MarkdownIt({ html: true });
  md.use(core.marginaliaPreview, { data: () => cold });
  const renderMs = time(() => md.render(text));
  const plainMs = time(() => new MarkdownIt({ html: true }).render(text));
  console.log(
    `${path.relative(root, file).padEnd(48)} ${String(text.length).padStart(6)} chars  marks ${String(core.reviewMarks(s.manuscript).length).padStart(3)}  ` +
      `preview data cold ${coldMs.toFixed(0).padStart(5)} ms, warm ${warmMs.toFixed(1).padStart(6)} ms  ` +
      `render ${renderMs.toFixed(1).padStart(5)} ms (plain markdown-it ${plainMs.toFixed(1)} ms)`,
  );
}
