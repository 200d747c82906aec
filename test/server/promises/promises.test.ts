/**
 * The server's promises, each checked on a full editor session on the edition under guard.cjs (a
 * preload that refuses and logs any network use and any file write, and logs every read):
 * - no network: no socket, DNS lookup, HTTP request or fetch, ever;
 * - no writes: the workspace is byte- and mtime-identical afterwards (only edits the user applies change it);
 * - workspace trust: untrusted, nothing outside the workspace folder is read, not even probed.
 * Each guard is first shown to catch what it guards against, so these tests can fail.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { describe, expect, it } from 'vitest';
import { listCitations } from '../../../server/src/syntax/citations.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { LineIndex } from '../../../server/src/text/line-index.js';
import { root, startServer } from '../lsp/client.js';

const guard = path.join(__dirname, 'guard.cjs');
/** A whole editor session in one test: more than the default per-test time on a loaded machine. */
const SESSION_MS = 90_000;
interface Event {
  kind: 'network' | 'write' | 'read';
  what: string;
  target: string;
}
const events = (log: string): Event[] =>
  readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Event);

/** Every file under `dir` with its content hash, size and modification time. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const s = statSync(file);
    out[path.relative(dir, file)] = entry.isFile() ? `${createHash('sha256').update(readFileSync(file)).digest('hex')} ${s.size} ${s.mtimeMs}` : 'dir';
  }
  return out;
}

function workspace(): { dir: string; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-promise-'));
  const ws = path.join(dir, 'ws');
  mkdirSync(ws);
  for (const f of ['paper.md', 'references.bib']) copyFileSync(path.join(root, 'document', f), path.join(ws, f));
  const log = path.join(dir, 'guard.log');
  writeFileSync(log, '');
  return { dir, log };
}

describe('the guard', () => {
  it('catches network use and writes, and logs reads (so the tests below can fail)', () => {
    const { dir, log } = workspace();
    const probe = `
      const fs = require('node:fs');
      for (const f of [
        () => require('node:net').connect(9, '127.0.0.1'),
        () => require('node:dns').lookup('localhost', () => {}),
        () => require('node:http').get('http://127.0.0.1:9'),
        () => fetch('http://127.0.0.1:9'),
        () => fs.writeFileSync(${JSON.stringify(path.join(dir, 'w'))}, 'x'),
        () => fs.promises.open(${JSON.stringify(path.join(dir, 'w'))}, 'a'),
      ]) try { f(); } catch {}
      fs.readFileSync(${JSON.stringify(log)});`;
    const r = spawnSync(process.execPath, ['--require', guard, '-e', probe], { env: { ...process.env, MARGINALIA_GUARD_LOG: log } });
    expect(r.status).toBe(0);
    const e = events(log);
    expect(e.filter((x) => x.kind === 'network').map((x) => x.what)).toEqual(['connect', 'lookup', 'get', 'fetch']);
    expect(e.filter((x) => x.kind === 'write').map((x) => x.what)).toEqual(['writeFileSync', 'open']);
    expect(e.some((x) => x.kind === 'read' && x.target === log)).toBe(true);
  });
});

describe('a full session on the edition', () => {
  it('uses no network and writes nothing', async () => {
    const { dir, log } = workspace();
    const ws = path.join(dir, 'ws');
    const paperPath = path.join(ws, 'paper.md');
    const uri = pathToFileURL(paperPath).href;
    const paper = readFileSync(paperPath, 'utf8');
    const lines = new LineIndex(paper);
    const before = snapshot(ws);

    const client = await startServer(ws, {
      execArgv: ['--require', guard],
      env: { ...process.env, MARGINALIA_GUARD_LOG: log },
      diagnosticsTimeoutMs: SESSION_MS,
    });
    const c = client.connection;
    await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: paper } });
    const diagnostics = await client.nextDiagnostics(uri, (d) => d.length > 0);
    const citation = listCitations(parseMarkdown(paper).tree)[0]!;
    const onKey = { textDocument: { uri }, position: lines.position(citation.keyRange.start + 1) };
    expect(await c.sendRequest(HoverRequest.type, onKey)).not.toBeNull();
    expect(await c.sendRequest(DefinitionRequest.type, onKey)).not.toEqual([]);
    expect(await c.sendRequest(ReferencesRequest.type, { ...onKey, context: { includeDeclaration: true } })).not.toEqual([]);
    const claim = diagnostics.find((d) => d.code === 'uncited-claim')!;
    expect(await c.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: claim.range, context: { diagnostics: [claim] } })).not.toEqual([]);
    expect(await c.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })).not.toEqual([]);
    expect(await c.sendRequest(WorkspaceSymbolRequest.type, { query: '' })).not.toEqual([]);
    // Typing `[@` at the end, then completing and resolving an item.
    const end = lines.position(paper.length);
    const seen = client.count(uri);
    await c.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '\nA new claim [@' }],
    });
    const at = { line: end.line + 1, character: '\nA new claim [@'.length - 1 };
    const completion = (await c.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at })) as CompletionList;
    expect(completion.items.length).toBeGreaterThan(10);
    const resolved = (await c.sendRequest(CompletionResolveRequest.type, completion.items[0]!)) as CompletionItem;
    expect(resolved.documentation).toBeDefined();
    await client.nextDiagnostics(uri, () => true, seen); // the edited version's diagnostics
    await client.close();

    const e = events(log);
    expect(e.filter((x) => x.kind !== 'read')).toEqual([]);
    expect(snapshot(ws)).toEqual(before);
  }, 2 * SESSION_MS);
});

describe('workspace trust', () => {
  /** The edition in ws/, its bibliography and a style in outside/, next to it. */
  function split(): { dir: string; log: string; ws: string; outside: string; paper: string } {
    const { dir, log } = workspace();
    const ws = path.join(dir, 'ws');
    const outside = path.join(dir, 'outside');
    mkdirSync(outside);
    copyFileSync(path.join(ws, 'references.bib'), path.join(outside, 'references.bib'));
    copyFileSync(path.join(root, 'test/server/bibliography/fixtures/minimal-author-date.csl'), path.join(outside, 'style.csl'));
    const paper = readFileSync(path.join(ws, 'paper.md'), 'utf8').replace(
      /^bibliography: references\.bib$/m,
      'bibliography: ../outside/references.bib\ncsl: ../outside/style.csl',
    );
    expect(paper).toContain('../outside/references.bib');
    writeFileSync(path.join(ws, 'paper.md'), paper);
    return { dir, log, ws, outside, paper };
  }

  async function session(trusted: boolean) {
    const { log, ws, outside, paper } = split();
    const uri = pathToFileURL(path.join(ws, 'paper.md')).href;
    const client = await startServer(ws, {
      execArgv: ['--require', guard],
      env: { ...process.env, MARGINALIA_GUARD_LOG: log },
      initializationOptions: { trusted },
      diagnosticsTimeoutMs: SESSION_MS,
    });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: paper } });
    const diagnostics = await client.nextDiagnostics(uri, (d) => d.length > 0);
    const lines = new LineIndex(paper);
    const citation = listCitations(parseMarkdown(paper).tree)[0]!;
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: lines.position(citation.keyRange.start + 1) });
    await client.close();
    const outsideReads = events(log).filter((x) => path.resolve(x.target).startsWith(outside + path.sep));
    return { codes: diagnostics.map((d) => d.code), outsideReads };
  }

  it('trusted (or a client without the notion): a bibliography and style outside the folder are read', async () => {
    const r = await session(true);
    expect(r.outsideReads.length).toBeGreaterThan(0);
    expect(r.codes).not.toContain('bibliography-not-found');
  }, 2 * SESSION_MS);

  it('untrusted: nothing outside the workspace folder is read or even probed; the bibliography counts as missing', async () => {
    const r = await session(false);
    expect(r.outsideReads).toEqual([]);
    expect(r.codes).toContain('bibliography-not-found');
  }, 2 * SESSION_MS);
});
