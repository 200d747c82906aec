// Where the language server's memory goes at book scale (issue #13), stage by stage: the BUILT server
// (dist/server.js) idle after `initialize`, after opening a 1 MB manuscript (greenelab/deep-review x4,
// CC BY 4.0, read in place from ../shared/data) and its first diagnostics, and after 40 keystrokes in
// its middle, 100 ms apart. Prints the process's resident and peak resident memory (VmRSS / VmHWM)
// after each stage. `--size=100` uses 100 KB (deep-review's sections, cut) instead; `--server=PATH`
// another build; `--node=FLAG` (repeatable) passes a flag to node; `--snapshots=DIR` writes a heap
// snapshot of the server after each stage (via --heapsnapshot-signal) into DIR.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { root, sharedData } from './bundle.mjs';
import { startLsp } from './lsp.mjs';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const script = path.resolve(arg('server') ?? path.join(root, 'dist/server.js'));
const sizeKb = Number(arg('size') ?? 1000);
const snapshots = arg('snapshots') && path.resolve(arg('snapshots'));
const nodeArgs = process.argv.filter((a) => a.startsWith('--node=')).map((a) => a.slice('--node='.length));
const deep = path.join(sharedData, 'deep-review');
if (!existsSync(deep)) {
  console.log('deep-review: skipped (../shared/data/deep-review missing)');
  process.exit(0);
}
const parts = readdirSync(deep).filter((f) => /^\d\d\..*\.md$/.test(f)).sort();
const once = parts.map((f) => readFileSync(path.join(deep, f), 'utf8')).join('\n\n');
let text = [once, once, once, once].join('\n\n');
if (sizeKb < 1000) text = text.slice(0, text.indexOf('\n\n', sizeKb * 1024));
const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-memory-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'book.md'), text);
const refs = path.join(deep, 'manual-references-2020-01-29.json');

const status = (pid) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(s)?.[1] ?? NaN) / 1024;
  return `RSS ${kb('VmRSS').toFixed(0)} MB, peak ${kb('VmHWM').toFixed(0)} MB`;
};
if (snapshots) {
  mkdirSync(snapshots, { recursive: true });
  nodeArgs.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshots}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let shot = 0;
/** Asks the server for a heap snapshot and waits until the file is complete. */
async function snapshot(server) {
  if (!snapshots) return;
  const before = new Set(readdirSync(snapshots));
  server.proc.kill('SIGUSR2');
  shot++;
  for (let i = 0; i < 600; i++) {
    await sleep(250);
    const added = readdirSync(snapshots).filter((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (added.length) {
      // The file is written in one go; wait until its size stops changing.
      let last = -1;
      for (;;) {
        const size = readFileSync(path.join(snapshots, added[0])).length;
        if (size === last) break;
        last = size;
        await sleep(500);
      }
      return;
    }
  }
}

const server = await startLsp({
  script,
  nodeArgs,
  rootUri: pathToFileURL(dir).href,
  capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
  initializationOptions: { bibliography: [refs] },
});
await sleep(1000);
console.log(`${(text.length / 1024).toFixed(0)} KB, node ${nodeArgs.join(' ') || '(no flags)'}`);
console.log(`idle after initialize: ${status(server.proc.pid)}`);
await snapshot(server);
const uri = pathToFileURL(path.join(dir, 'book.md')).href;
const t0 = performance.now();
await server.open(uri, text);
await server.waitPublished(uri, 1);
const first = performance.now() - t0;
await sleep(1500);
console.log(`opened, first diagnostics ${first.toFixed(0)} ms: ${status(server.proc.pid)}`);
await snapshot(server);
let at = text.indexOf('\n', Math.floor(text.length / 2));
const times = [];
for (let k = 0; k < 40; k++, at++) {
  const t = performance.now();
  const v = await server.change(uri, at, at, 'x');
  await server.waitPublished(uri, v);
  times.push(performance.now() - t);
  await sleep(100);
}
times.sort((a, b) => a - b);
console.log(`40 keystrokes, p50 / p95 ${times[19].toFixed(0)} / ${times[37].toFixed(0)} ms: ${status(server.proc.pid)}`);
await snapshot(server);
await server.close();
