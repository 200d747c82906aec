// What each keystroke allocates at book scale, in process: the host's snapshot and the diagnostics of
// a 1 MB manuscript (greenelab/deep-review x4, CC BY 4.0, read in place from ../shared/data), typed
// into in the middle, 40 keystrokes. V8 lets the heap grow to several times what is live before a
// full collection, so the server's peak memory while typing follows this figure, not the live size.
// Prints MB allocated per keystroke (garbage included: V8's sampling heap profiler, 16 KB interval),
// the functions that allocate most, and the live heap after the keystrokes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importModules, sharedData } from './bundle.mjs';

const KEYS = 40;
const deep = path.join(sharedData, 'deep-review');
if (!existsSync(deep)) {
  console.log('deep-review: skipped (../shared/data/deep-review missing)');
  process.exit(0);
}
const m = await importModules(
  'server/src/workspace/host.ts',
  'server/src/files/file-system.ts',
  'server/src/lsp/document-diagnostics.ts',
  'server/src/analysis/config.ts',
);
const parts = readdirSync(deep).filter((f) => /^\d\d\..*\.md$/.test(f)).sort();
const once = parts.map((f) => readFileSync(path.join(deep, f), 'utf8')).join('\n\n');
let text = [once, once, once, once].join('\n\n');

const host = new m.Host(new m.MemoryFileSystem({}));
// What the server publishes after each keystroke (lsp/document-diagnostics.ts): with the host's findings
// kept per block where the host has them (an older tree, run with this script, has not).
const publish = async () => m.documentDiagnostics(await host.analyse('/book.md'), m.defaultConfig, () => {}, host.blockFindings);
host.setOpen('/book.md', text);
await publish();

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
let at = text.indexOf('\n', Math.floor(text.length / 2));
const times = [];
for (let k = 0; k < KEYS; k++, at++) {
  text = text.slice(0, at) + 'x' + text.slice(at);
  const t = performance.now();
  host.setOpen('/book.md', text);
  await publish();
  times.push(performance.now() - t);
}
const { profile } = await session.post('HeapProfiler.stopSampling');
const byFunction = new Map();
let total = 0;
const stack = [profile.head];
for (let node = stack.pop(); node; node = stack.pop()) {
  total += node.selfSize;
  const name = (node.callFrame.functionName || '(anonymous)') + (process.env.ALLOC_WHERE ? ` ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber}` : '');
  byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
  stack.push(...node.children);
}
const mb = (bytes) => (bytes / KEYS / 1048576).toFixed(2);
times.sort((a, b) => a - b);
console.log(
  `deep-review x4, ${(text.length / 1e6).toFixed(2)} M characters: allocated per keystroke ${mb(total)} MB` +
    ` (snapshot + published diagnostics p50 ${times[KEYS >> 1].toFixed(1)} ms with the profiler on)`,
);
for (const [name, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.ALLOC_TOP ?? 8))) console.log(`  ${mb(bytes).padStart(6)} MB  ${name}`);
if (globalThis.gc) {
  globalThis.gc();
  console.log(`live heap after the keystrokes ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB (code and data of the whole process)`);
}
