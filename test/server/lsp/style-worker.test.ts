/**
 * The citation style's engine is built off the server's thread (lsp/style-worker.ts): a keystroke typed
 * right after an open is analysed and published before the engine is ready (in 0.1 it waited for the
 * engine build, run on the server's thread after the open's diagnostics), and hovers still show the
 * reference formatted in the style.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, type Hover } from 'vscode-languageserver-protocol/node';
import { katzManuscript, startServer, tempWorkspace, type TestClient } from './client.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const MD = katzManuscript['p.md'];

describe('the style worker', () => {
  it('publishes a keystroke sent right after the open before the style engine is ready, then hovers in the style', async () => {
    const dir = tempWorkspace('style-worker', katzManuscript);
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    client = await startServer(dir);
    const c = client;
    // Each log line with how many diagnostics of p.md had been published when it arrived.
    const logs: { message: string; published: number }[] = [];
    let seen: () => void = () => undefined;
    c.connection.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push({ message: p.message, published: c.count(uri) });
      seen();
    });
    await c.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: MD } });
    await c.nextDiagnostics(uri);
    // At once, as a user who starts typing: a sentence without a citation (a new finding).
    const end = { line: 7, character: 0 };
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '\nThe sanctions therefore caused the decline of trade.\n' }],
    });
    await c.nextDiagnostics(uri, () => true, 1);
    const ready = () => logs.find((l) => l.message.includes('style engine ready in the worker (apa, en-US)'));
    await new Promise<void>((resolve) => {
      seen = () => ready() && resolve();
      seen();
    });
    // Both versions were published before the engine was ready: nothing the engine needs waited for it.
    expect(ready()!.published).toBe(2);

    const hover = (await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 20 } })) as Hover;
    expect((hover.contents as { value: string }).value).toContain('Katz, M. N. (2012). Russia and iran. *Middle East Policy*');
  });
});
