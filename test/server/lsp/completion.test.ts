/** Citation completion over LSP: a bounded, ranked list marked incomplete, and details on resolve. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  CompletionResolveRequest,
  DidOpenTextDocumentNotification,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestClient } from './client.js';

let client: TestClient | undefined;
afterAll(async () => client?.close());

describe('completion over LSP', () => {
  it('sends at most 150 ranked items of a large library, incomplete, and the reference on resolve', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-completion-'));
    const entries = Array.from({ length: 400 }, (_, i) => `@book{author${i}, author = {Author${i}, A.}, title = {Book ${i}}, year = {${1900 + (i % 100)}}}`);
    entries.push('@article{katz2012russia, author = {Katz, Mark N.}, title = {Russia and Iran}, journal = {Middle East Policy}, year = {2012}}');
    writeFileSync(path.join(dir, 'refs.bib'), entries.join('\n'));
    const md = '---\nbibliography: refs.bib\n---\n\nSee [@';
    writeFileSync(path.join(dir, 'p.md'), md);
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    client = await startServer(dir);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: md },
    });
    await client.nextDiagnostics(uri);
    const position = { line: 4, character: 6 };
    const all = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList;
    expect(all.isIncomplete).toBe(true);
    expect(all.items).toHaveLength(150);

    const text = md + 'middle';
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text }],
    });
    const found = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 4, character: 12 },
    })) as CompletionList;
    expect(found.isIncomplete).toBe(false);
    expect(found.items.map((i) => i.label)).toEqual(['katz2012russia']);
    const resolved = (await client.connection.sendRequest(CompletionResolveRequest.type, found.items[0]!)) as CompletionItem;
    expect(JSON.stringify(resolved.documentation)).toContain('Middle East Policy');
  });
});
