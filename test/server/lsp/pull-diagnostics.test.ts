/** `textDocument/diagnostic` for clients that declare pull diagnostics; push stays for the others. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startServer, type TestClient } from './client.js';

const paperPath = path.join(root, 'document/paper.md');
const paperUri = pathToFileURL(paperPath).href;
const bibUri = pathToFileURL(path.join(root, 'document/references.bib')).href;
const paper = readFileSync(paperPath, 'utf8');
let client: TestClient;

beforeAll(async () => {
  client = await startServer(root, { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: paperUri, languageId: 'markdown', version: 1, text: paper },
  });
});

afterAll(async () => {
  await client.close();
});

const pullPaper = (previousResultId?: string) =>
  client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: paperUri }, ...(previousResultId ? { previousResultId } : {}) });

describe('pull diagnostics', () => {
  it('are declared to a client that supports them', () => {
    expect(client.initialize.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: false });
  });

  it("answer the manuscript's diagnostics, and 'unchanged' when they did not change", async () => {
    const report = (await pullPaper()) as FullDocumentDiagnosticReport;
    expect(report.kind).toBe('full');
    expect(report.items.filter((d) => d.code === 'uncited-claim').length).toBeGreaterThan(5);
    expect(report.resultId).toBeTruthy();
    expect(await pullPaper(report.resultId)).toEqual({ kind: 'unchanged', resultId: report.resultId });
  });

  it('follow an edit', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: paperUri, version: 2 },
      contentChanges: [{ text: paper + '\nA new sentence [@no-such-key].\n' }],
    });
    const report = (await pullPaper()) as FullDocumentDiagnosticReport;
    expect(report.items.filter((d) => d.code === 'unknown-key').map((d) => d.message)).toEqual([expect.stringContaining("'no-such-key'")]);
  });

  it("are not pushed as well for the manuscript (the bibliography's still are)", async () => {
    await client.nextDiagnostics(bibUri);
    expect(client.count(paperUri)).toBe(0);
  });
});
