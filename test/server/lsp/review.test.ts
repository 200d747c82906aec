/** Review marks through the real server: the Review outline, the add-comment command, the preview data. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  type ApplyWorkspaceEditParams,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startServer, type TestClient } from './client.js';

const file = path.join(root, 'test/fixtures/review/edition-two-reviewers.md');
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');

let client: TestClient;
const edits: ApplyWorkspaceEditParams[] = [];

beforeAll(async () => {
  client = await startServer();
  client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
    edits.push(params);
    return { applied: true };
  });
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  await client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'review-comment'));
});
afterAll(async () => client?.close());

describe('review marks over LSP', () => {
  it('publishes review comments as information', async () => {
    const d = await client.nextDiagnostics(uri, (x) => x.some((y) => y.code === 'review-comment'));
    expect(d.filter((x) => x.code === 'review-comment').map((x) => [x.severity, x.range.start.line])).toEqual([
      [3, 17],
      [3, 19],
      [3, 19],
      [3, 25],
      [3, 27],
    ]);
  });

  it('the outline ends with a Review node grouped by reviewer', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const review = symbols.at(-1)!;
    expect([review.name, review.children?.map((c) => c.name)]).toEqual(['Review', ['R1', '@ana', '(no reviewer)']]);
  });

  it('offers accept/reject on a change as quick fixes with workspace edits', async () => {
    const line = text.split('\n').findIndex((l) => l.includes('S-300'));
    const character = text.split('\n')[line]!.indexOf('S-300');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [] },
    })) as { title: string; edit?: { changes?: Record<string, unknown[]> } }[];
    const accept = actions.find((a) => a.title.startsWith('Accept addition'))!;
    expect(accept.edit?.changes?.[uri]).toHaveLength(1);
  });

  it('"Add review comment" asks the client to apply the edit, and only then', async () => {
    expect(client.initialize.capabilities.executeCommandProvider?.commands).toEqual(['marginalia.server.addReviewComment']);
    expect(edits).toEqual([]);
    const line = text.split('\n').findIndex((l) => l.startsWith('While cooperation'));
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'marginalia.server.addReviewComment',
      arguments: [{ uri, range: { start: { line, character: 0 }, end: { line, character: 5 } }, comment: 'R2: which units?' }],
    });
    expect(result).toEqual({ applied: true });
    expect(edits.map((e) => [e.label, e.edit.changes?.[uri]?.map((c) => [c.range.start, c.newText])])).toEqual([
      [
        'Add review comment',
        [
          [{ line, character: 0 }, '{=='],
          [{ line, character: 5 }, '==}{>> R2: which units? <<}'],
        ],
      ],
    ]);
    const refused = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'marginalia.server.addReviewComment',
      arguments: [{ uri, range: { start: { line, character: 0 }, end: { line, character: 5 } }, comment: 'a <<} b' }],
    });
    expect(refused).toEqual({ applied: false, error: 'A comment cannot contain `<<}`, which would end it.' });
    expect(edits).toHaveLength(1);
  });

  it('answers marginalia/preview with formatted citations, references and labels', async () => {
    const data = (await client.connection.sendRequest('marginalia/preview', { uri })) as {
      citations: { source: string; text: string; title: string }[];
      references: { key: string }[];
      categories: { id: string; label: string }[];
    };
    expect(data.citations[0]).toMatchObject({ source: '[@kolayi2016ups; @pasandideh2014security]', text: '(Kolayi & Abedi, 2016; Pasandideh, 2014)' });
    expect(data.citations[0]!.title).toContain('The Ups and Downs of Iran-Russia Relations');
    expect(data.references.map((r) => r.key)).toContain('katz2012russia');
    expect(data.categories.map((c) => c.label)).toEqual(['Positive consequences', 'Negative consequences']);
  });
});
