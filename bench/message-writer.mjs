// How long writing one message takes, the way the `--stdio` server writes it: vscode-jsonrpc's
// StreamMessageWriter (JSON.stringify, Buffer.from, two writes) against lsp/message-writer.ts (one kept
// buffer, large arrays encoded element by element). The messages are real: the diagnostics the built
// server publishes for the edition, for 100 KB of greenelab/deep-review (CC BY 4.0, read in place from
// ../shared/data) and for deep-review x4 (1 MB), captured from dist/server.js. Each writer writes to a
// stream that takes the bytes on the next turn of the event loop, as a pipe does; rounds alternate
// between the writers, and the figures are per message (wall time until the write's callback, and the
// main thread's CPU time). For comparison, Node's IPC channel (VS Code's TransportKind.ipc) sending the
// same message from a forked child (bench/ipc-send-child.cjs).
import { fork, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { importModules, median, root, sharedData } from './bundle.mjs';

const require = createRequire(import.meta.url);
const { StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const { KeptBufferMessageWriter } = await importModules('server/src/lsp/message-writer.ts');

/** The first publishDiagnostics the built server sends for `text` opened as document/bench-writer.md. */
async function published(text) {
  const server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const uri = pathToFileURL(path.join(root, 'document', 'bench-writer.md')).href;
  const send = (m) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const message = new Promise((resolve) => {
    new StreamMessageReader(server.stdout).listen((m) => {
      if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) resolve(m);
    });
  });
  send({ id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} } });
  send({ method: 'initialized', params: {} });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
  const m = await message;
  server.kill();
  return m;
}

/** A stream that takes each chunk on the next turn of the event loop, keeping nothing. */
function pipeLike() {
  return new Writable({ write: (_chunk, _encoding, callback) => setImmediate(callback) });
}

async function perMessage(writer, message, count) {
  const wall = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await writer.write(message);
    wall.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  return { wall: median(wall), cpu: (used.user + used.system) / 1000 / count };
}

/** The same message sent over Node's IPC channel by a forked child, `count` times. */
async function overIpc(message, count) {
  const child = fork(path.join(root, 'bench/ipc-send-child.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise((resolve) => child.on('message', (m) => m.done && resolve(m)));
  child.send({ message, count });
  const r = await result;
  child.kill();
  return r;
}

const documents = [['edition', readFileSync(path.join(root, 'document/paper.md'), 'utf8')]];
const deep = path.join(sharedData, 'deep-review');
if (existsSync(deep)) {
  const parts = readdirSync(deep).filter((f) => /^\d\d\..*\.md$/.test(f)).sort();
  const text = parts.map((f) => readFileSync(path.join(deep, f), 'utf8')).join('\n\n');
  documents.push(['deep-review 100 KB', text.slice(0, 100_000)], ['deep-review x4, 1 MB', [text, text, text, text].join('\n\n')]);
} else console.log('deep-review: skipped (../shared/data/deep-review missing)');

const ROUNDS = 5;
const COUNT = 40;
console.log(`writing one publishDiagnostics message, ${ROUNDS} alternating rounds of ${COUNT}; medians over rounds`);
for (const [label, text] of documents) {
  const message = await published(text);
  const bytes = Buffer.byteLength(JSON.stringify(message));
  const results = { library: [], kept: [] };
  const writers = { library: new StreamMessageWriter(pipeLike()), kept: new KeptBufferMessageWriter(pipeLike()) };
  for (let r = 0; r < ROUNDS; r++)
    for (const name of r % 2 ? ['kept', 'library'] : ['library', 'kept']) results[name].push(await perMessage(writers[name], message, COUNT));
  const f = (name) => {
    const wall = median(results[name].map((x) => x.wall));
    const cpu = median(results[name].map((x) => x.cpu));
    return `${name} ${wall.toFixed(2)} ms wall, ${cpu.toFixed(2)} ms CPU`;
  };
  const ratio = median(results.library.map((x) => x.cpu)) / median(results.kept.map((x) => x.cpu));
  const ipc = await overIpc(message, COUNT);
  console.log(
    `${label.padEnd(22)} ${String(message.params.diagnostics.length).padStart(5)} diagnostics, ${(bytes / 1024).toFixed(0).padStart(4)} KB:  ${f('library')}  |  ${f('kept')}  |  CPU ${ratio.toFixed(1)}x less` +
      `  |  IPC ${ipc.wall.toFixed(2)} ms wall, ${ipc.cpu.toFixed(2)} ms CPU`,
  );
}
