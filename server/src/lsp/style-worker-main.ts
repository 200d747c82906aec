/**
 * Entry point of the style worker (dist/style-worker.js, see lsp/style-worker.ts): formats references
 * with its own formatter, one request at a time. Its own bundle, holding the formatter and citation-js
 * only (a third of the server's), so the worker loads faster and keeps less.
 */
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { FormatReply, FormatRequest } from './style-worker.js';

// The least CPU priority, for this thread only (on Linux a nice value belongs to the thread that sets
// it; elsewhere it would lower the whole server): on a busy machine the server's thread, which answers
// keystrokes, is scheduled first. The engine is then ready later, never the keystroke. Set before the
// formatter's code is loaded (imported below), which is most of the worker's start.
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // not allowed: the default priority
  }
}

const formatter = import('../bibliography/format.js').then(({ ReferenceFormatter }) => new ReferenceFormatter());
parentPort?.on('message', async (request: FormatRequest) => {
  const started = performance.now();
  const result = (await formatter).formatReference(request.item, request.options);
  parentPort?.postMessage({ id: request.id, result, ms: performance.now() - started } satisfies FormatReply);
});
