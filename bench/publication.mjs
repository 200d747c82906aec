// What publishing a keystroke's diagnostics costs the server, in process: converting the findings to LSP
// diagnostics (lsp/document-diagnostics.ts) and encoding the message (lsp/message-writer.ts), with the
// diagnostics of kept findings sent again as the same objects (lsp/diagnostic-objects.ts) and without.
// Two hosts take the same 40 keystrokes typed in the middle of the text (the edition, 100 KB of
// greenelab/deep-review and deep-review x4, CC BY 4.0, read in place from ../shared/data); each
// keystroke's analysis is not timed, its publication is, in CPU time of this thread, the two ways
// alternating. Prints medians and p95 per keystroke.
import { Writable } from 'node:stream';
import { importModules, keystrokeDocuments } from './bundle.mjs';

const m = await importModules(
  'server/src/workspace/host.ts',
  'server/src/files/file-system.ts',
  'server/src/analysis/config.ts',
  'server/src/lsp/document-diagnostics.ts',
  'server/src/lsp/diagnostic-objects.ts',
  'server/src/lsp/message-writer.ts',
);
const KEYS = 40;
const cpu = () => process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** A stream that takes the bytes at once, as an idle pipe does. */
const sink = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });

async function measure(label, text) {
  const file = '/bench.md';
  const ways = [
    { name: 'converted afresh', host: new m.Host(new m.MemoryFileSystem({})), writer: new m.KeptBufferMessageWriter(sink()), objects: undefined, times: [] },
    { name: 'kept objects', host: new m.Host(new m.MemoryFileSystem({})), writer: new m.KeptBufferMessageWriter(sink()), objects: new m.DiagnosticObjects(), times: [] },
  ];
  let at = text.indexOf('\n', Math.floor(text.length / 2));
  let count = 0;
  for (let k = -1; k < KEYS; k++) {
    if (k >= 0) text = text.slice(0, at) + 'x' + text.slice(at++);
    for (const way of k % 2 ? ways : [...ways].reverse()) {
      way.host.setOpen(file, text);
      const a = await way.host.analyse(file);
      const t = cpu();
      const diagnostics = m.documentDiagnostics(a, m.defaultConfig, () => {}, way.host.blockFindings, way.objects);
      await way.writer.write({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///bench.md', version: k + 2, diagnostics } });
      if (k >= 0) way.times.push(cpu() - t);
      count = diagnostics.length;
    }
  }
  const f = (xs) => `p50 ${quantile(xs, 0.5).toFixed(2).padStart(6)} ms  p95 ${quantile(xs, 0.95).toFixed(2).padStart(6)} ms`;
  console.log(`${label.padEnd(34)} ${(text.length / 1000).toFixed(0).padStart(5)} KB  ${String(count).padStart(4)} diagnostics  ${ways.map((w) => `${w.name}: ${f(w.times)}`).join('   ')}`);
}

const documents = keystrokeDocuments();
console.log(`publishing a keystroke's diagnostics, CPU time per keystroke (${KEYS} keystrokes typed in the middle line)`);
for (const [label, text] of documents) await measure(label, text);
