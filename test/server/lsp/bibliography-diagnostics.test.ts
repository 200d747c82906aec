/**
 * What the server publishes for a bibliography file: like a manuscript's, at most MAX_DIAGNOSTICS, the
 * most severe first. A 30,000-entry library cited a few times has 30,000 unused references: sent whole,
 * they were megabytes of JSON and most of the server's peak memory, and VS Code keeps 1,000.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DIAGNOSTICS } from '../../../server/src/lsp/document-diagnostics.js';
import { startServer, tempWorkspace, type TestClient } from './client.js';

let client: TestClient | undefined;
afterAll(async () => client?.close());

describe('diagnostics of a large bibliography', () => {
  it(`publishes the ${MAX_DIAGNOSTICS} most severe: the broken entry at the end, then unused references`, async () => {
    const unused = MAX_DIAGNOSTICS + 200;
    const entries = Array.from({ length: unused }, (_, i) => `@misc{k${i}, title = {T${i}}}\n`).join('');
    const dir = tempWorkspace('bib-limit', {
      'refs.bib': `@misc{cited, title = {C}}\n${entries}@misc{broken, title = {A}, title = {B}}\n`,
      'p.md': '---\nbibliography: refs.bib\n---\nOne [@cited].\n',
    });
    client = await startServer(dir);
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: '---\nbibliography: refs.bib\n---\nOne [@cited].\n' },
    });
    const published = await client.nextDiagnostics(pathToFileURL(path.join(dir, 'refs.bib')).href, (d) => d.length > 0);
    expect(published).toHaveLength(MAX_DIAGNOSTICS);
    // The duplicate field (a warning) comes first though it is last in the file.
    expect(published[0]!.severity).toBeLessThan(4);
    expect(published[0]!.message).toMatch(/Duplicate field 'title' in entry 'broken'/);
    const hints = published.slice(1);
    expect(hints.every((d) => d.code === 'unused-reference')).toBe(true);
    // In file order: the first entries' hints are kept.
    expect(hints[0]!.message).toMatch(/'k0'/);
    expect(hints.at(-1)!.message).toMatch(new RegExp(`'k${MAX_DIAGNOSTICS - 2}'`));
  });
});
