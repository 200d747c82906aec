/**
 * Entry point of the style worker (dist/style-worker.js, see lsp/style-worker.ts): formats references
 * with its own formatter, one request at a time. Its own bundle, holding the formatter and citation-js
 * only (a third of the server's), so the worker loads faster and keeps less.
 */
import { getPriority, setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { FormatReply, FormatRequest } from './style-worker.js';

// A lower CPU priority for this thread only (on Linux a nice value belongs to the thread that sets it;
// elsewhere it would lower the whole server): when the cores are busy the server's thread, which
// answers keystrokes, gets three times the worker's share. Not the least priority: on a loaded machine
// the engine was then still not built seconds later, and the first hover waited for it. Set before the
// formatter's code is loaded (imported below), which is most of the worker's start.
if (process.platform === 'linux') {
  try {
    setPriority(Math.min(19, getPriority() + 5));
  } catch {
    // not allowed: the server's priority
  }
}

const formatter = import('../bibliography/format.js').then(({ ReferenceFormatter }) => new ReferenceFormatter());
parentPort?.on('message', async (request: FormatRequest) => {
  const started = performance.now();
  const result = (await formatter).formatReference(request.item, request.options);
  parentPort?.postMessage({ id: request.id, result, ms: performance.now() - started } satisfies FormatReply);
});
