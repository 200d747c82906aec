#!/usr/bin/env node
/**
 * Benchmark of the bibliography layer on a large real library:
 *   node bench/bibtex.mjs [file.bib]
 *
 * Default input: ../shared/data/bib/wals-sources.bib — the WALS sources bibliography from
 * cldf-datasets/wals (https://github.com/cldf-datasets/wals), licensed CC BY 4.0.
 *
 * The TypeScript sources are bundled by bench/bundle.mjs first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importModules, median, root } from './bundle.mjs';

const DEFAULT = resolve(root, '../shared/data/bib/wals-sources.bib');
const input = process.argv[2] ? resolve(process.argv[2]) : DEFAULT;

if (!existsSync(input)) {
  console.log(`skipped: ../shared/data not available (${input} not found)`);
  process.exit(0);
}

// A forced GC makes the heap figure mean "retained by the parse result", not "garbage so far".
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const { parseBibTeX, ReferenceFormatter } = await importModules(
  'server/src/bibliography/bibtex.ts',
  'server/src/bibliography/format.ts',
);

const text = readFileSync(input, 'utf8');
const ms = (t0) => performance.now() - t0;
const fmt = (x) => `${x.toFixed(1)} ms`;
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

console.log(`input: ${input} (${mb(Buffer.byteLength(text))})`);
if (input === DEFAULT) console.log('data: WALS sources bibliography, cldf-datasets/wals, CC BY 4.0');

// Parse: one cold run (reported), one more warm-up, then the median of 5.
gc();
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
let result = parseBibTeX(text);
const cold = ms(t0);
gc();
const heapDelta = process.memoryUsage().heapUsed - heapBefore;
parseBibTeX(text);
const runs = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  result = parseBibTeX(text);
  runs.push(ms(t0));
}
console.log(`entries: ${result.entries.length}`);
console.log(`errors: ${result.errors.length}`);
console.log(`parse: median ${fmt(median(runs))} of 5 (min ${fmt(Math.min(...runs))}, max ${fmt(Math.max(...runs))}; first cold run ${fmt(cold)})`);
console.log(`heap retained by one parse result: ${mb(heapDelta)}`);

// CSL conversion of every entry (fresh parse, so nothing is memoised yet).
result = parseBibTeX(text);
t0 = performance.now();
let converted = 0;
for (const e of result.entries) if (e.csl().id === e.key) converted++;
const cslAll = ms(t0);
console.log(`csl(): all ${converted} entries in ${fmt(cslAll)} (${(cslAll / converted * 1000).toFixed(0)} µs/entry; lazy, on demand)`);

// Formatting: one item cold (engine creation included), then warm, then 100 distinct items.
const formatter = new ReferenceFormatter();
const formatReference = (item) => formatter.formatReference(item);
const items = result.entries.slice(0, 101).map((e) => e.csl());
t0 = performance.now();
formatReference(items[0]);
const formatCold = ms(t0);
t0 = performance.now();
formatReference(items[0]);
const formatCached = ms(t0);
t0 = performance.now();
for (const item of items.slice(1, 101)) formatReference(item);
const format100 = ms(t0);
console.log(`format APA: first item cold ${fmt(formatCold)}, same item again (cache) ${fmt(formatCached)}, 100 new items ${fmt(format100)} (${fmt(format100 / 100)} each)`);

const { maxRSS } = process.resourceUsage();
console.log(`peak RSS (whole process, incl. bundle and citeproc): ${mb(maxRSS * 1024)}`);

// Pandoc on the same file, for comparison.
const which = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
if (which.status === 0) {
  const version = which.stdout.split('\n')[0];
  const times = [];
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    execFileSync('pandoc', ['-f', 'bibtex', '-t', 'csljson', input], { maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'ignore'] });
    times.push(ms(t0));
  }
  console.log(`${version} -f bibtex -t csljson: median ${fmt(median(times))} wall of 3 (parse + convert + write JSON, separate process)`);
} else {
  console.log('pandoc: not installed, comparison skipped');
}
