/**
 * A CSL-JSON library of many tiny items (issue #11: 1M minimal items took minutes and gigabytes):
 * the error-tolerant tree read (`parseCslJsonTree`, what 0.1 did for every file) against the one-pass
 * read (`scanCslJson`, now used for every clean file), in the same run, on the same text: parse time,
 * heap kept by the result, and the time to convert 1,000 items on demand.
 * `node --expose-gc bench/csl-json.mjs [items]` (default 200,000).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importModules } from './bundle.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const { parseCslJsonTree, scanCslJson } = await importModules('server/src/bibliography/csl-json.ts');

const n = Number(process.argv[2] ?? 200_000);
const text = '[\n' + Array.from({ length: n }, (_, i) => `{"id":"k${i}","type":"book","title":"T${i}"}`).join(',\n') + '\n]\n';
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;

for (const [name, read] of [
  ['tree (before)', parseCslJsonTree],
  ['one pass (after)', scanCslJson],
]) {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = read(text);
  const parse = performance.now() - t0;
  gc();
  const kept = process.memoryUsage().heapUsed - heap0;
  const t1 = performance.now();
  for (const e of result.entries.slice(0, 1000)) e.csl();
  const convert = performance.now() - t1;
  console.log(
    `${n.toLocaleString('en')} items (${mb(text.length)}), ${name}: ${result.entries.length.toLocaleString('en')} entries in ${(parse / 1000).toFixed(2)} s, heap kept ${mb(kept)}, 1,000 csl() ${convert.toFixed(0)} ms`,
  );
}
