/** Diagnostics follow the bibliography on disk: a change reported by the client is picked up. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestClient } from './client.js';

let client: TestClient | undefined;
afterAll(async () => client?.close());

describe('language server and files on disk', () => {
  it('refreshes diagnostics when the .bib file changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-watch-'));
    const bib = path.join(dir, 'refs.bib');
    writeFileSync(bib, '@misc{old2020, title = {Old}, year = {2020}}\n');
    const md = '---\nbibliography: refs.bib\n---\n\nAs argued before [@new2021].\n';
    writeFileSync(path.join(dir, 'p.md'), md);
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    client = await startServer(dir);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: md },
    });
    const before = await client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-key'));
    expect(before.find((d) => d.code === 'unknown-key')!.message).toContain("'new2021'");

    const seen = client.count(uri);
    writeFileSync(bib, '@misc{old2020, title = {Old}, year = {2020}}\n@misc{new2021, title = {New}, year = {2021}}\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(bib).href, type: FileChangeType.Changed }],
    });
    const after = await client.nextDiagnostics(uri, () => true, seen);
    expect(after.filter((d) => d.code === 'unknown-key')).toEqual([]);
  });
});
