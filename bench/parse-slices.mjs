// A whole document parsed in slices (syntax/sliced.ts) of at most 64, 16 or 4 KB (cut smaller where
// lists and block quotes are dense: micromark's time grows with the square of the containers in one
// parse), and parsed whole (`parseMarkdown`, as texts under 128 KB were before). Documents: 2,000 one-item lists and 2,000 block quotes with paragraphs between (built here), and
// greenelab/deep-review (258 KB) and four copies of it (1 MB), CC BY 4.0, read in place from
// ../shared/data. Rounds alternate the sizes; medians of 3.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importModules, median, sharedData } from './bundle.mjs';

const { parseInSlices, parseMarkdown } = await importModules('server/src/syntax/sliced.ts', 'server/src/syntax/parse.ts');
const documents = {
  '2,000 lists and paragraphs': '- an item of text here\n\npara\n\n'.repeat(2000),
  '2,000 quotes and paragraphs': '> quoted text here\n\npara\n\n'.repeat(2000),
};
const deep = path.join(sharedData, 'deep-review');
if (existsSync(deep)) {
  const one = readdirSync(deep).filter((f) => /^\d\d\..*\.md$/.test(f)).sort().map((f) => readFileSync(path.join(deep, f), 'utf8')).join('\n\n');
  documents['deep-review'] = one;
  documents['deep-review x4'] = [one, one, one, one].join('\n\n');
} else console.log('deep-review: skipped (../shared/data/deep-review missing)');

const sizes = [64, 16, 4, 'whole'];
console.log('parse in slices of at most 64 / 16 / 4 KB, and whole (median of 3 alternating rounds)');
for (const [label, text] of Object.entries(documents)) {
  const times = new Map(sizes.map((k) => [k, []]));
  for (let round = 0; round < 3; round++)
    for (const k of round % 2 ? [...sizes].reverse() : sizes) {
      const t = performance.now();
      if (k === 'whole') parseMarkdown(text);
      else parseInSlices(text, k * 1024);
      times.get(k).push(performance.now() - t);
    }
  console.log(`${label.padEnd(28)} ${(text.length / 1024).toFixed(0).padStart(5)} KB  ` + sizes.map((k) => `${k === 'whole' ? 'whole' : `${k} KB`}: ${median(times.get(k)).toFixed(0).padStart(5)} ms`).join('  '));
}
