/** Quick fixes over the protocol: each comes from the diagnostic it fixes, as the client shows it. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidOpenTextDocumentNotification, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { root, startServer, type TestClient } from './client.js';

const paperPath = path.join(root, 'document/paper.md');
const paperUri = pathToFileURL(paperPath).href;
const paper = readFileSync(paperPath, 'utf8');

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function open(settings: unknown): Promise<TestClient> {
  client = await startServer(root, { settings });
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: paperUri, languageId: 'markdown', version: 1, text: paper },
  });
  return client;
}

const noClaimFixes = (actions: unknown) => (actions as CodeAction[]).filter((a) => a.title.includes('{.no-claim}'));

describe('code actions', () => {
  it('offers no {.no-claim} fix where uncited-claim is off, even on a sentence that would be one', async () => {
    // Where the claim is, found with the code on; then the same request with the code turned off.
    const on = await open(null);
    const claim: Diagnostic = (await on.nextDiagnostics(paperUri, (d) => d.some((x) => x.code === 'uncited-claim'))).find(
      (d) => d.code === 'uncited-claim',
    )!;
    const withDiagnostic = await on.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: paperUri },
      range: claim.range,
      context: { diagnostics: [claim] },
    });
    expect(noClaimFixes(withDiagnostic)).toHaveLength(1);
    await on.close();

    const off = await open({ diagnostics: { severity: { 'uncited-claim': 'off' } } });
    const published = await off.nextDiagnostics(paperUri);
    expect(published.filter((d) => d.code === 'uncited-claim')).toEqual([]);
    // What a client sends: the diagnostics it shows at the range, here none of the code.
    const actions = await off.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: paperUri },
      range: claim.range,
      context: { diagnostics: published.filter((d) => d.range.start.line === claim.range.start.line) },
    });
    expect(noClaimFixes(actions)).toEqual([]);
  });
});
