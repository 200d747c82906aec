/** Diagnostics follow the bibliography on disk: a change reported by the client is picked up. */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, tempWorkspace, type TestClient } from './client.js';

let client: TestClient | undefined;
let other: TestClient | undefined;
afterAll(async () => {
  await client?.close();
  await other?.close();
});

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

  it('takes the final state of a bibliography whose change notification came mid-write', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-settle-'));
    const bib = path.join(dir, 'refs.bib');
    const full = '@misc{a2020, title = {A}, year = {2020}}\n@misc{b2021, title = {B}, year = {2021}}\n';
    writeFileSync(bib, full);
    const md = '---\nbibliography: refs.bib\n---\n\nAs argued before [@a2020; @b2021].\n';
    writeFileSync(path.join(dir, 'p.md'), md);
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    client?.close();
    client = await startServer(dir);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: md },
    });
    await client.nextDiagnostics(uri, (d) => d.length === 0);

    // The save is caught half-way: the notification arrives, the rest of the write brings none.
    const seen = client.count(uri);
    writeFileSync(bib, full.slice(0, 50));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(bib).href, type: FileChangeType.Changed }],
    });
    await client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-key'), seen);
    const broken = client.count(uri);
    writeFileSync(bib, full);
    // However long the broken state took to publish, the completed file is picked up without a notification.
    const after = await client.nextDiagnostics(uri, (d) => d.length === 0, broken);
    expect(after).toEqual([]);
  });

  it('picks up a Zotero Better BibTeX export (a temporary file renamed over the .bib) without being told', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-zotero-'));
    const bib = path.join(dir, 'library.bib');
    writeFileSync(bib, '@misc{old2020, title = {Old}, year = {2020}}\n');
    const md = '---\nbibliography: library.bib\n---\n\nAs argued before [@new2021].\n';
    writeFileSync(path.join(dir, 'p.md'), md);
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    // This client does not watch files (no didChangeWatchedFiles capability): the server must.
    other = await startServer(dir);
    await other.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: md },
    });
    await other.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-key'));

    const seen = other.count(uri);
    const temp = path.join(dir, '.library.bib.tmp');
    writeFileSync(temp, '@misc{old2020, title = {Old}, year = {2020}}\n@misc{new2021, title = {New}, year = {2021}}\n');
    renameSync(temp, bib);
    const after = await other.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-key'), seen);
    expect(after.filter((d) => d.code === 'unknown-key')).toEqual([]);
  });

  it('sees a project file changed with no one telling it: a keystroke checks the stamps it trusted in the background', async () => {
    // Editors watch bibliographies, not `_quarto.yml`: the server trusts what it read for a second
    // (no file-system call on the keystroke path), then checks again and analyses once more.
    const dir = tempWorkspace('unreported', {
      '_quarto.yml': 'bibliography: a.bib\n',
      'a.bib': '@misc{a2020, title = {A}, year = {2020}}\n',
      'b.bib': '@misc{b2021, title = {B}, year = {2021}}\n',
      'p.md': 'As argued before [@b2021].\n',
    });
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    client?.close();
    client = await startServer(dir);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: 'As argued before [@b2021].\n' },
    });
    await client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-key'));
    writeFileSync(path.join(dir, '_quarto.yml'), 'bibliography: b.bib\n');
    await new Promise((r) => setTimeout(r, 1100));
    const seen = client.count(uri);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'As argued before [@b2021]. Yes.\n' }],
    });
    const after = await client.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-key'), seen);
    expect(after.filter((d) => d.code === 'unknown-key')).toEqual([]);
  });
});
