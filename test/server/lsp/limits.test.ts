/** marginalia.limits.manuscriptBytes over the protocol: a larger manuscript gets one notice and nothing else. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { root, startServer, type TestClient } from './client.js';

const paperPath = path.join(root, 'document/paper.md');
const paperUri = pathToFileURL(paperPath).href;
const paper = readFileSync(paperPath, 'utf8');
let client: TestClient | undefined;

afterAll(async () => {
  await client?.close();
});

describe('a manuscript over the size limit', () => {
  it('gets manuscript-too-large and is not analysed', async () => {
    client = await startServer(root, { settings: { limits: { manuscriptBytes: 10_000 } } });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: paperUri, languageId: 'markdown', version: 1, text: paper },
    });
    const d = await client.nextDiagnostics(paperUri);
    expect(d.map((x) => [x.code, x.severity])).toEqual([['manuscript-too-large', 2]]);
    expect(d[0]!.message).toMatch(/^This manuscript is [\d,]+ bytes, over the limit of 10,000 bytes \(marginalia\.limits\.manuscriptBytes\)/);
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: paperUri } })).toEqual([]);
  });
});
