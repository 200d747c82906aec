/**
 * `$/cancelRequest`, byte-exact: the request and its cancellation reach the server in one write, as from
 * an editor that cancels at once (a hover the cursor has already left). The answer must be
 * RequestCancelled (-32800), not the result.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, type Message, type ResponseMessage } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './client.js';

const paperUri = pathToFileURL(path.join(root, 'document/paper.md')).href;
const paper = readFileSync(path.join(root, 'document/paper.md'), 'utf8');
let server: ChildProcessWithoutNullStreams;
const responses = new Map<number, (r: ResponseMessage) => void>();

const frame = (m: object) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...m });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const response = (id: number) => new Promise<ResponseMessage>((resolve) => responses.set(id, resolve));

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/server.js'))) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio']);
  new StreamMessageReader(server.stdout).listen((m: Message) => {
    const r = m as ResponseMessage;
    if (typeof r.id === 'number' && !('method' in m)) responses.get(r.id)?.(r);
  });
  const init = response(1);
  server.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} } }));
  await init;
  server.stdin.write(frame({ method: 'initialized', params: {} }));
  server.stdin.write(frame({ method: 'textDocument/didOpen', params: { textDocument: { uri: paperUri, languageId: 'markdown', version: 1, text: paper } } }));
  // Answered once the document is analysed: the hover below is not slowed by a first parse.
  const warm = response(2);
  server.stdin.write(frame({ id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: paperUri } } }));
  await warm;
});

afterAll(() => {
  server.kill();
});

describe('$/cancelRequest', () => {
  it('answers a request cancelled before it ran with RequestCancelled', async () => {
    const hover = response(3);
    server.stdin.write(
      frame({ id: 3, method: 'textDocument/hover', params: { textDocument: { uri: paperUri }, position: { line: 60, character: 10 } } }) +
        frame({ method: '$/cancelRequest', params: { id: 3 } }),
    );
    expect((await hover).error?.code).toBe(-32800);
  });

  it('still answers the next, uncancelled request', async () => {
    const symbols = response(4);
    server.stdin.write(frame({ id: 4, method: 'textDocument/documentSymbol', params: { textDocument: { uri: paperUri } } }));
    const r = await symbols;
    expect(r.error).toBeUndefined();
    expect((r.result as unknown[]).length).toBeGreaterThan(0);
  });
});
