/** `marginalia/coverage` (VS Code's status bar): a manuscript's figures, and a book chapter's with the book's. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quartoBook, root, startServer, type TestClient } from './client.js';

interface CoverageParams {
  uri: string;
  claims: number;
  cited: number;
  book?: { claims: number; cited: number; chapters: number };
}

let client: TestClient;
const received: CoverageParams[] = [];

beforeAll(async () => {
  client = await startServer(root, { initializationOptions: { coverageNotifications: true } });
  client.connection.onNotification('marginalia/coverage', (p: CoverageParams) => void received.push(p));
}, 60_000);

afterAll(() => client?.close());

async function coverageFor(uri: string, test: (p: CoverageParams) => boolean = () => true): Promise<CoverageParams> {
  for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const hit = received.find((p) => p.uri === uri && test(p));
    if (hit) return hit;
  }
  throw new Error(`no marginalia/coverage for ${uri}`);
}

describe('marginalia/coverage', () => {
  it("sends the edition's figures, without a book", async () => {
    const paper = path.join(root, 'document/paper.md');
    const uri = pathToFileURL(paper).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(paper, 'utf8') },
    });
    const c = await coverageFor(uri);
    expect(c).toMatchObject({ claims: 20, cited: 8 });
    expect(c.book).toBeUndefined();
  });

  it("sends a chapter's figures with the whole book's, its other chapters read from disk", async () => {
    const armsText = '# Arms\n\n[Russia sold arms to Iran]{.claim} [@katz].\n';
    const dir = quartoBook({
      'index.qmd': '# Preface\n\n[Sanctions on Iran have doubled since 2018.]{.claim}\n',
      'arms.qmd': armsText,
      'oil.qmd': '# Oil\n\n[Oil exports fell by half]{.claim} [@katz]. [Prices rose.]{.claim}\n',
    });
    const arms = path.join(dir, 'arms.qmd');
    const uri = pathToFileURL(arms).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: armsText } });
    expect(await coverageFor(uri)).toEqual({ uri, claims: 1, cited: 1, editorial: 0, book: { claims: 4, cited: 2, chapters: 3 } });
  });
});
