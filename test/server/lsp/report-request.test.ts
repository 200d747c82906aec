/** `marginalia/report`: the coverage report as a webview page, over the real protocol, following edits. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quartoBook, root, startServer, type TestClient } from './client.js';

const paper = path.join(root, 'document/paper.md');
const uri = pathToFileURL(paper).href;
const text = readFileSync(paper, 'utf8');
let client: TestClient;

beforeAll(async () => {
  client = await startServer();
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
}, 60_000);

afterAll(() => client?.close());

const report = (nonce = 'n0nce') => client.connection.sendRequest('marginalia/report', { uri, nonce }) as Promise<{ uri: string; html: string } | null>;

describe('marginalia/report', () => {
  it('answers the edition\'s report in webview mode, with the client\'s nonce in its CSP', async () => {
    const r = await report('Zm9vYmFy');
    expect(r?.uri).toBe(uri);
    expect(r!.html).toContain(`script-src 'nonce-Zm9vYmFy'`);
    expect(r!.html).toContain('<strong>Claims cited: 8/20 (40%)</strong>');
    expect(r!.html).toContain(`data-file="${paper}"`);
  });

  it('follows the text as it is edited (no save)', async () => {
    const lines = text.split('\n');
    // The first uncited claim's sentence gets a citation: one claim more is cited.
    const html = (await report())!.html;
    const at = /<li id="claim-1" class="reveal" data-file="[^"]*" data-line="(\d+)" data-character="(\d+)" data-end-line="(\d+)" data-end-character="(\d+)"/.exec(html)!;
    const [line, end] = [Number(at[3]), Number(at[4])];
    const position = { line, character: end - 1 };
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: position, end: position }, text: ' [@katz2012russia]' }],
    });
    expect(lines[line]!.charAt(end - 1)).toBe('.');
    expect((await report())!.html).toContain('<strong>Claims cited: 9/20 (45%)</strong>');
  });

  it("answers a book chapter's report for the whole book: every chapter in order, one total", async () => {
    const armsText = '# Arms\n\n[Russia sold arms to Iran]{.claim} [@katz].\n';
    const dir = quartoBook({
      'index.qmd': '# Preface\n\n[Sanctions on Iran have doubled since 2018.]{.claim}\n',
      'arms.qmd': armsText,
    });
    const arms = path.join(dir, 'arms.qmd');
    const armsUri = pathToFileURL(arms).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: armsUri, languageId: 'markdown', version: 1, text: armsText } });
    const r = (await client.connection.sendRequest('marginalia/report', { uri: armsUri, nonce: 'n' })) as { html: string };
    expect(r.html).toContain('<strong>Claims cited: 1/2 (50%)</strong>');
    expect(r.html.indexOf('index.qmd')).toBeGreaterThan(-1);
    expect(r.html.indexOf('index.qmd')).toBeLessThan(r.html.indexOf('arms.qmd'));
  });

  it('answers null for a document it does not know', async () => {
    expect(await client.connection.sendRequest('marginalia/report', { uri: pathToFileURL(path.join(root, 'nope.md')).href, nonce: 'x' })).toBeNull();
  });
});
