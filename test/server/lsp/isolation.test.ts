/**
 * One document that cannot be analysed, open next to the edition in one server: it gets analysis-failed,
 * and the edition keeps its diagnostics, symbols and answers (0.1: everything went silent).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startServer, type TestClient } from './client.js';

const paperPath = path.join(root, 'document/paper.md');
const paperUri = pathToFileURL(paperPath).href;
const paper = readFileSync(paperPath, 'utf8');
// Not on disk: an editor buffer next to the edition, naming the same bibliography.
const brokenUri = pathToFileURL(path.join(root, 'document/broken.md')).href;
const broken = '---\nbibliography: references.bib\n---\n# Broken\n\nFAULT-HERE: Since 2011 x [@nope].\n';

let client: TestClient;

beforeAll(async () => {
  client = await startServer(root, { env: { ...process.env, MARGINALIA_FAIL_ON: 'FAULT-HERE' } });
  // The broken document first: in 0.1 its throw stopped every later analysis.
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: brokenUri, languageId: 'markdown', version: 1, text: broken },
  });
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: paperUri, languageId: 'markdown', version: 1, text: paper },
  });
});

afterAll(async () => {
  await client.close();
});

describe('a document whose analysis throws', () => {
  it('gets one analysis-failed error on its first line', async () => {
    const d = await client.nextDiagnostics(brokenUri);
    expect(d).toEqual([
      expect.objectContaining({
        code: 'analysis-failed',
        severity: 1,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
        message: 'Marginalia could not analyse this document: Maximum call stack size exceeded (injected fault)',
      }),
    ]);
  });

  it('leaves the other documents their diagnostics, outline, hover and workspace symbols', async () => {
    const d = await client.nextDiagnostics(paperUri, (x) => x.length > 0);
    expect(d.filter((x) => x.code === 'uncited-claim').length).toBeGreaterThan(5);
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '#katz' });
    expect((symbols as { name: string }[]).map((s) => s.name)).toContain('katz2012russia');
    const outline = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: paperUri } });
    expect(outline?.length).toBeGreaterThan(0);
    // Requests on the broken document answer empty rather than fail.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: brokenUri }, position: { line: 5, character: 28 } });
    expect(hover).toBeNull();
  });

  it('is analysed again once the text no longer fails', async () => {
    const seen = client.count(brokenUri);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: brokenUri, version: 2 },
      contentChanges: [{ text: broken.replace('FAULT-HERE: ', '') }],
    });
    const d = await client.nextDiagnostics(brokenUri, () => true, seen);
    expect(d.map((x) => x.code)).toContain('unknown-key');
  });
});
