/**
 * Entry point of the style worker (dist/style-worker.js, see lsp/style-worker.ts): formats references
 * with its own formatter, one request at a time. Its own bundle, holding the formatter and citation-js
 * only (a third of the server's), so the worker loads faster and keeps less.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { ReferenceFormatter } from '../bibliography/format.js';
import type { FormatReply, FormatRequest } from './style-worker.js';

const formatter = new ReferenceFormatter();
parentPort?.on('message', (request: FormatRequest) => {
  const started = performance.now();
  const result = formatter.formatReference(request.item, request.options);
  parentPort?.postMessage({ id: request.id, result, ms: performance.now() - started } satisfies FormatReply);
});
