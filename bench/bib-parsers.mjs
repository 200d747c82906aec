// The .bib parsers side by side, each run in a fresh process (a cold parse, as when a library loads),
// interleaved round by round so that load on the machine falls on all alike: one pass over the string
// (the floor), Marginalia's parser (and with the first-author index the claim rules need), latex-utensils
// (LaTeX Workshop's) and citation-js. On WALS (cldf-datasets/wals, CC BY 4.0) and a 4x copy with
// renamed keys built here. Prints medians, p95 and the ratio of medians to the one-pass floor.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTo, median, sharedData } from './bundle.mjs';
import { timesFour } from './data.mjs';
import { percentile } from './lsp.mjs';

const wals = path.join(sharedData, 'bib/wals-sources.bib');
if (!existsSync(wals)) {
  console.log('skipped: ../shared/data/bib/wals-sources.bib not available');
  process.exit(0);
}
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const tmp = mkdtempSync(path.join(tmpdir(), 'marginalia-bib-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const bundle = path.join(tmp, 'bibtex.cjs');
await bundleTo(bundle, 'server/src/bibliography/bibtex.ts', 'server/src/bibliography/first-authors.ts');
const four = path.join(tmp, 'wals-x4.bib');
writeFileSync(four, timesFour(readFileSync(wals, 'utf8')));
const child = fileURLToPath(new URL('./bib-parse-child.cjs', import.meta.url));
// `--without-peers`: Marginalia and the floor only (the peers take most of a run's minutes), for more rounds.
const parsers = ['one pass', 'Marginalia parse', 'Marginalia parse + index', ...(process.argv.includes('--without-peers') ? [] : ['latex-utensils', 'citation-js'])];

for (const [label, file] of [['WALS, 3 MB, 7,373 entries', wals], ['WALS x4, 12 MB, 29,492 entries', four]]) {
  const times = new Map(parsers.map((p) => [p, []]));
  const cpuTimes = new Map(parsers.map((p) => [p, []]));
  const counts = new Map();
  for (let r = 0; r < rounds; r++)
    for (const parser of parsers) {
      const slow = parser === 'citation-js' || parser === 'latex-utensils';
      if (slow && file === four && r >= 3) continue; // tens of seconds a run: three are enough
      const out = spawnSync(process.execPath, [child, parser, file, bundle], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (out.status !== 0) {
        console.log(`${parser}: failed (${out.stderr.split('\n')[0]})`);
        continue;
      }
      const { ms, cpuMs, entries } = JSON.parse(out.stdout);
      times.get(parser).push(ms);
      cpuTimes.get(parser).push(cpuMs);
      counts.set(parser, entries);
    }
  const floor = median(times.get('one pass'));
  const cpuFloor = median(cpuTimes.get('one pass'));
  console.log(`${label} (${rounds} rounds, fresh process each)`);
  for (const parser of parsers) {
    const xs = times.get(parser);
    if (!xs.length) continue;
    const m = median(xs);
    console.log(
      `  ${parser.padEnd(26)} median ${m.toFixed(1).padStart(8)} ms  p95 ${percentile(xs, 95).toFixed(1).padStart(8)} ms` +
        `  ${(m / floor).toFixed(1).padStart(6)}x one pass;  CPU ${median(cpuTimes.get(parser)).toFixed(1).padStart(8)} ms` +
        ` ${(median(cpuTimes.get(parser)) / cpuFloor).toFixed(1).padStart(5)}x  (${counts.get(parser)} entries, ${xs.length} runs)`,
    );
  }
}
console.log('(WALS sources: cldf-datasets/wals, CC BY 4.0)');
