// A small LSP client for the benchmarks: spawns a language server over stdio and speaks JSON-RPC to it
// as an editor does (incremental changes, versions, pushed or pulled diagnostics), and reads the
// server process's peak memory (VmHWM) from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

export function positionAt(text, offset) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

/** Peak resident set size of a process in MB (Linux), or NaN. */
export function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Starts `node <script> --stdio`. `handlers` answers the server's requests to the client;
 * `pushDiagnostics` records textDocument/publishDiagnostics by URI and version.
 */
export async function startLsp({ script, args = ['--stdio'], nodeArgs = [], rootUri, capabilities, initializationOptions, handlers = {} }) {
  const started = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Map(); // uri -> [{ version, at, diagnostics }]
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const list = published.get(p.uri) ?? [];
    list.push({ version: p.version, at: performance.now(), count: p.diagnostics.length });
    published.set(p.uri, list);
    for (const w of waiters.splice(0)) w();
  });
  conn.onNotification(() => undefined);
  conn.onRequest((method, params) => {
    const h = handlers[method];
    if (h) return h(params);
    if (method === 'workspace/configuration') return (params.items ?? []).map(() => null);
    return null;
  });
  conn.listen();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
    capabilities,
    initializationOptions,
  });
  await conn.sendNotification('initialized', {});
  const versions = new Map();
  const texts = new Map();

  /** Resolves when diagnostics for `uri` at `version` (or any, when undefined) are published. */
  const published_ = (uri, version, after = 0) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 120000);
      const check = () => {
        const hit = (published.get(uri) ?? []).slice(after).find((p) => version === undefined || p.version === undefined || p.version === version);
        if (!hit) return waiters.push(check);
        clearTimeout(timer);
        resolve(hit);
      };
      check();
    });

  return {
    conn,
    proc,
    init,
    started,
    texts,
    open(uri, text) {
      versions.set(uri, 1);
      texts.set(uri, text);
      return conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    },
    /** Replaces [start, end) by `insert`; returns the new version. */
    async change(uri, start, end, insert) {
      const text = texts.get(uri);
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      const range = { start: positionAt(text, start), end: positionAt(text, end) };
      texts.set(uri, text.slice(0, start) + insert + text.slice(end));
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text: insert }],
      });
      return version;
    },
    publishedCount: (uri) => (published.get(uri) ?? []).length,
    waitPublished: published_,
    peakRssMb: () => peakRssMb(proc.pid),
    async close() {
      await conn.sendRequest('shutdown').catch(() => undefined);
      await conn.sendNotification('exit').catch(() => undefined);
      conn.dispose();
      proc.kill();
    },
  };
}

export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
