// Keystroke -> diagnostics over JSON-RPC, as an editor sees it: the built server (dist/server.js, or
// the one given with --server PATH, e.g. an older build to compare) on the edition, on a ~100 KB
// manuscript built from greenelab/deep-review (CC BY 4.0, read in place from ../shared/data) and on a
// 1 MB one (deep-review x4). Types characters one at a time in the middle of the text, each after the
// previous one's diagnostics arrived plus a typist's pause, and prints the p50/p95 of didChange ->
// publishDiagnostics for that version. First, in this process, the same keystrokes parsed whole and
// incrementally (syntax/incremental.ts), to show what the parse costs each way, and their manuscript
// models built from every block or from the blocks the edit changed (model/block-results.ts), and their
// diagnostics checked in full or from the findings kept per block (analysis/diagnostics/block-findings.ts).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { importModules, keystrokeDocuments, root } from './bundle.mjs';

const require = createRequire(import.meta.url);
const { StreamMessageReader } = require('vscode-languageserver-protocol/node');
const arg = process.argv.indexOf('--server');
const serverPath = arg > 0 ? path.resolve(process.argv[arg + 1]) : path.join(root, 'dist/server.js');
// `--cpu-prof DIR`: the server writes a CPU profile per document there. With it, or with
// `--server-only`, the in-process parts are skipped. KEYSTROKE_TRACE=1 also prints every keystroke's
// latency in order (the first ones after an open run code the open did not: see docs/performance.md).
const profArg = process.argv.indexOf('--cpu-prof');
const profileDir = profArg > 0 ? path.resolve(process.argv[profArg + 1]) : undefined;
const serverOnly = !!profileDir || process.argv.includes('--server-only');
// `--cursor-requests`: after each publication, ask what VS Code asks when the cursor moves (the
// occurrences to highlight and the code actions at the cursor) and wait for both, as the next keystroke
// would queue behind them; their latency is printed too.
const cursorRequests = process.argv.includes('--cursor-requests');
const KEYS = 40;
const PAUSE_MS = 150; // a typist at 5–6 keys a second

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const syntax = await importModules('server/src/syntax/parse.ts', 'server/src/syntax/incremental.ts');
const checks = await importModules(
  'server/src/workspace/host.ts',
  'server/src/files/file-system.ts',
  'server/src/analysis/config.ts',
  'server/src/analysis/diagnostics/index.ts',
  'server/src/lsp/document-diagnostics.ts',
);
const model = await importModules(
  'server/src/model/manuscript.ts',
  'server/src/model/claims/bundled.ts',
  'server/src/model/memo.ts',
  'server/src/model/sentences.ts',
  'server/src/workspace/claim-cues.ts',
  'server/src/workspace/block-results.ts',
);

/**
 * The same keystrokes' manuscript models, built as the host builds them (judgements and sentence splits
 * memoised by their inputs), from every block as before per-block results, and from the blocks an edit
 * changed, the others' results kept (model/block-results.ts).
 */
function modelTimes(label, text) {
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  const claimModel = model.bundledClaimModel();
  const context = {
    claimModel,
    judgeClaims: new model.ClaimCueCache().judge('none', new Set(), claimModel),
    splitSentences: model.memoise(model.splitSentences, 4096),
  };
  const blocks = new model.BlockResultCache();
  let parsed = model.parseManuscript(text);
  model.buildManuscript(parsed, context);
  model.buildManuscript(parsed, { ...context, blockResults: blocks.forDocument('bench', 'none') });
  const whole = [];
  const perBlock = [];
  for (let k = 0; k < KEYS; k++) {
    parsed = model.reparseManuscript(parsed, parsed.text.slice(0, at + k) + 'x' + parsed.text.slice(at + k)).parsed;
    let t = performance.now();
    model.buildManuscript(parsed, context);
    whole.push(performance.now() - t);
    t = performance.now();
    model.buildManuscript(parsed, { ...context, blockResults: blocks.forDocument('bench', 'none') });
    perBlock.push(performance.now() - t);
  }
  const f = (xs) => `p50 ${quantile(xs, 0.5).toFixed(1).padStart(7)} ms  p95 ${quantile(xs, 0.95).toFixed(1).padStart(7)} ms`;
  console.log(`${label.padEnd(34)} ${(text.length / 1000).toFixed(0).padStart(5)} KB  model per keystroke: every block ${f(whole)}  per-block results ${f(perBlock)}`);
}

/**
 * The same keystrokes' diagnostics as the server publishes them (at most 1,000), on the same snapshots:
 * the full check, and the findings kept per block (analysis/diagnostics/block-findings.ts).
 */
async function diagnosticTimes(label, text) {
  let at = text.indexOf('\n', Math.floor(text.length / 2));
  const host = new checks.Host(new checks.MemoryFileSystem({}));
  host.setOpen('/bench.md', text);
  host.blockFindings.diagnose(await host.snapshot('/bench.md'), checks.defaultConfig, checks.MAX_DIAGNOSTICS);
  const full = [];
  const kept = [];
  for (let k = 0; k < KEYS; k++, at++) {
    text = text.slice(0, at) + 'x' + text.slice(at);
    host.setOpen('/bench.md', text);
    const s = await host.snapshot('/bench.md');
    let t = performance.now();
    checks.mostSevere(checks.diagnoseManuscript(s, checks.defaultConfig), checks.MAX_DIAGNOSTICS);
    full.push(performance.now() - t);
    t = performance.now();
    host.blockFindings.diagnose(s, checks.defaultConfig, checks.MAX_DIAGNOSTICS);
    kept.push(performance.now() - t);
  }
  const f = (xs) => `p50 ${quantile(xs, 0.5).toFixed(1).padStart(7)} ms  p95 ${quantile(xs, 0.95).toFixed(1).padStart(7)} ms`;
  console.log(`${label.padEnd(34)} ${(text.length / 1000).toFixed(0).padStart(5)} KB  diagnostics per keystroke: full check ${f(full)}  kept per block ${f(kept)}`);
}

/** The keystrokes `measure` sends, applied in process: full parse vs incremental reparse of each text. */
function parseTimes(label, text) {
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  // Full parses of 1 MB take seconds: a few keystrokes suffice for their median.
  const fullKeys = text.length > 500_000 ? 5 : KEYS;
  let previous = { text, ...syntax.parseMarkdown(text) };
  const full = [];
  const incremental = [];
  let shortcuts = 0;
  for (let k = 0; k < KEYS; k++) {
    const next = previous.text.slice(0, at + k) + 'x' + previous.text.slice(at + k);
    let t = performance.now();
    const r = syntax.reparseMarkdown(previous, next);
    incremental.push(performance.now() - t);
    if (r.incremental) shortcuts++;
    if (k < fullKeys) {
      t = performance.now();
      syntax.parseMarkdown(next);
      full.push(performance.now() - t);
    }
    previous = { text: next, tree: r.tree, errors: r.errors };
  }
  const f = (xs) => `p50 ${quantile(xs, 0.5).toFixed(1).padStart(7)} ms  p95 ${quantile(xs, 0.95).toFixed(1).padStart(7)} ms`;
  console.log(
    `${label.padEnd(34)} ${(text.length / 1000).toFixed(0).padStart(5)} KB  parse per keystroke: full ${f(full)}` +
      `  incremental ${f(incremental)}  (${shortcuts}/${KEYS} incremental)`,
  );
}

async function measure(label, text) {
  const server = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const send = (m) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const waiting = new Map();
  new StreamMessageReader(server.stdout).listen((m) => {
    if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) waiting.get(m.params.version)?.();
    if (m.id === 1 && !m.method) waiting.get('init')?.();
    if (m.id >= 100 && !m.method) waiting.get(`request ${m.id}`)?.();
  });
  let nextId = 100;
  const request = (method, params) => {
    const id = nextId++;
    const answered = until(`request ${id}`);
    send({ id, method, params });
    return answered;
  };
  const until = (key) => new Promise((resolve) => waiting.set(key, resolve));
  const uri = pathToFileURL(path.join(root, 'document', 'bench-keystroke.md')).href;

  const init = until('init');
  send({ id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} } });
  await init;
  send({ method: 'initialized', params: {} });
  const opened = until(1);
  let t = performance.now();
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
  await opened;
  const first = performance.now() - t;

  // The middle of the text, at the end of a line: typing a new sentence there.
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  const line = text.slice(0, at).split('\n').length - 1;
  let character = at - text.lastIndexOf('\n', at - 1) - 1;
  const latencies = [];
  const cursor = [];
  for (let v = 2; v < KEYS + 2; v++) {
    const published = until(v);
    t = performance.now();
    send({
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }] },
    });
    await published;
    latencies.push(performance.now() - t);
    character++;
    if (cursorRequests) {
      const position = { line, character };
      t = performance.now();
      await Promise.all([
        request('textDocument/documentHighlight', { textDocument: { uri }, position }),
        request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
      ]);
      cursor.push(performance.now() - t);
    }
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
  // Shut down as an editor does, so that a profiling server writes its profile on exit.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  send({ id: 2, method: 'shutdown' });
  send({ method: 'exit' });
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  server.kill();
  if (process.env.KEYSTROKE_TRACE) console.log(`  every keystroke, ms: ${latencies.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(
    `${label.padEnd(34)} ${(text.length / 1000).toFixed(0).padStart(5)} KB  open -> diagnostics ${first.toFixed(0).padStart(5)} ms` +
      `  keystroke -> diagnostics p50 ${quantile(latencies, 0.5).toFixed(0).padStart(4)} ms  p95 ${quantile(latencies, 0.95).toFixed(0).padStart(4)} ms` +
      (cursor.length ? `  highlight + code actions p50 ${quantile(cursor, 0.5).toFixed(1)} ms  p95 ${quantile(cursor, 0.95).toFixed(1)} ms` : ''),
  );
}

const documents = keystrokeDocuments();

if (!serverOnly) {
  console.log(`in process: ${KEYS} keystrokes typed in the middle line, each text parsed whole and incrementally`);
  for (const [label, text] of documents) parseTimes(label, text);
  console.log(`\nin process: the same keystrokes' manuscript models`);
  for (const [label, text] of documents) modelTimes(label, text);
  console.log(`\nin process: the same keystrokes' published diagnostics`);
  for (const [label, text] of documents) await diagnosticTimes(label, text);
}
console.log(`\nserver: ${path.relative(process.cwd(), serverPath) || serverPath}; ${KEYS} keystrokes, ${PAUSE_MS} ms apart after each publication`);
// The edition's front matter names references.bib next to it; the buffer sits in document/.
for (const [label, text] of documents) await measure(label, text);
