// "Did you mean…?" for unknown keys (analysis/closest-keys.ts) at library scale: a manuscript whose keys
// the library does not know (greenelab/deep-review's Manubot keys, CC BY 4.0, and typos of WALS keys,
// CC BY 4.0, both read in place from ../shared/data) searched against the WALS library (7,373 keys) and a
// 4x copy with renamed keys (29,492), each key once, as the first analysis after a library change does.
// Prints the time per unknown key, cold (first search of the process) and warm.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importModules, median, sharedData } from './bundle.mjs';

const { KeySearch } = await importModules('server/src/analysis/closest-keys.ts');
const wals = path.join(sharedData, 'bib/wals-sources.bib');
const deep = path.join(sharedData, 'deep-review');
if (!existsSync(wals) || !existsSync(deep)) {
  console.log('closest keys: skipped (../shared/data missing)');
  process.exit(0);
}
const keys = [...readFileSync(wals, 'utf8').matchAll(/@\w+\{([^,\s]+),/g)].map((m) => m[1]);
const four = [...keys, ...['b', 'c', 'd'].flatMap((s) => keys.map((k) => k + s))];
const text = readdirSync(deep).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(deep, f), 'utf8')).join('\n');
const manubot = [...new Set([...text.matchAll(/@([a-z]+:[^\] ;,]+)/g)].map((m) => m[1]))].slice(0, 150);
const typos = keys.filter((_, i) => i % 50 === 0).slice(0, 150).map((k) => k.slice(0, 3) + k.slice(4));
const wanted = [...manubot, ...typos];
console.log(`closest keys: ${wanted.length} unknown keys (${manubot.length} Manubot keys, ${typos.length} typos), each searched once`);
for (const [label, library] of [['WALS', keys], ['WALS x4', four]]) {
  const runs = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const search = new KeySearch(library);
    for (const w of wanted) search.closest(w);
    runs.push((performance.now() - t) / wanted.length);
  }
  console.log(`${label.padEnd(8)} ${String(library.length).padStart(6)} keys: ${runs[0].toFixed(2)} ms a key cold, ${median(runs.slice(1)).toFixed(2)} warm`);
}
