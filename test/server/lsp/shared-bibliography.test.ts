/** Two open manuscripts sharing one bibliography: its diagnostics are computed over both, once. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestClient } from './client.js';

let client: TestClient | undefined;
afterAll(async () => client?.close());

const unusedKeys = (d: Diagnostic[]) => d.filter((x) => x.code === 'unused-reference').map((x) => x.message.split("'")[1]).sort();

describe('a bibliography shared by two manuscripts', () => {
  it('reports each unused entry once, follows edits in either manuscript, and honours exclusions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-shared-'));
    const bib = path.join(dir, 'refs.bib');
    writeFileSync(bib, '@misc{katz, title={K}}\n@misc{waltz, title={W}}\n@misc{hurrell, title={H}}\n');
    const bibUri = pathToFileURL(bib).href;
    const a = { uri: pathToFileURL(path.join(dir, 'a.md')).href, text: '---\nbibliography: refs.bib\n---\nOne [@katz].\n' };
    const b = { uri: pathToFileURL(path.join(dir, 'b.md')).href, text: '---\nbibliography: refs.bib\n---\nNothing cited [@nope].\n' };
    client = await startServer(dir);
    const c = client;
    for (const d of [a, b])
      await c.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: d.uri, languageId: 'markdown', version: 1, text: d.text },
      });
    await c.nextDiagnostics(b.uri, (d) => d.some((x) => x.code === 'unknown-key'));
    expect(unusedKeys(await c.nextDiagnostics(bibUri, (d) => unusedKeys(d).join() === 'hurrell,waltz'))).toEqual(['hurrell', 'waltz']);

    // b starts citing waltz: the hint on waltz goes, though a.md was not re-analysed.
    const seen = c.count(bibUri);
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: b.uri, version: 2 },
      contentChanges: [{ text: '---\nbibliography: refs.bib\n---\nNow [@waltz].\n' }],
    });
    expect(unusedKeys(await c.nextDiagnostics(bibUri, () => true, seen))).toEqual(['hurrell']);

    // Excluding a.md withdraws its diagnostics and its citations: katz becomes unused.
    const seenA = c.count(a.uri);
    const seenBib = c.count(bibUri);
    c.connection.onRequest('workspace/configuration', () => [{ files: { exclude: ['**/a.md'] } }]);
    await c.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    expect(await c.nextDiagnostics(a.uri, () => true, seenA)).toEqual([]);
    expect(unusedKeys(await c.nextDiagnostics(bibUri, () => true, seenBib))).toEqual(['hurrell', 'katz']);
  });
});
