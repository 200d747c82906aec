/**
 * The built server as a child process, spoken to over stdio with vscode-languageserver-protocol's
 * client side: what any editor would see.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type MarkupContent,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCitations } from '../../../server/src/syntax/citations.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { LineIndex } from '../../../server/src/text/line-index.js';
import { root, startServer, type TestClient } from './client.js';

const paperPath = path.join(root, 'document/paper.md');
const paperUri = pathToFileURL(paperPath).href;
const bibUri = pathToFileURL(path.join(root, 'document/references.bib')).href;
const paper = readFileSync(paperPath, 'utf8');
const lines = new LineIndex(paper);

let client: TestClient;
let connection: ProtocolConnection;
const nextDiagnostics: TestClient['nextDiagnostics'] = (...args) => client.nextDiagnostics(...args);

beforeAll(async () => {
  client = await startServer();
  connection = client.connection;
  expect(client.initialize.capabilities.hoverProvider).toBe(true);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: paperUri, languageId: 'markdown', version: 1, text: paper },
  });
});

afterAll(async () => {
  await client.close();
});

describe('language server over stdio, on document/paper.md', () => {
  it('publishes uncited-claim warnings with reasons and a docs link', async () => {
    const diagnostics = await nextDiagnostics(paperUri, (d) => d.length > 0);
    const uncited = diagnostics.filter((d) => d.code === 'uncited-claim');
    expect(uncited.length).toBeGreaterThan(5);
    for (const d of uncited) {
      expect(d.severity).toBe(2);
      expect(d.source).toBe('marginalia');
      expect(d.message).toMatch(/^Uncited claim: .+; (no source is cited|no reference by .+ is cited|it cites .+)$/);
      expect(d.codeDescription?.href).toMatch(/docs\/diagnostics\.md#uncited-claim$/);
    }
    expect(diagnostics.filter((d) => d.code === 'unknown-key')).toEqual([]);
  });

  it('publishes no unused-reference on the bibliography file: every entry not cited is listed through nocite', async () => {
    const diagnostics = await nextDiagnostics(bibUri);
    expect(diagnostics.filter((d) => d.code === 'unused-reference')).toEqual([]);
  });

  it('answers a hover on a cited key with the formatted reference', async () => {
    const citation = listCitations(parseMarkdown(paper).tree)[0]!;
    const result = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: paperUri },
      position: lines.position(citation.keyRange.start + 1),
    });
    const value = (result?.contents as MarkupContent).value;
    expect(value).toMatch(/\(\d{4}\)|\(n\.d\.\)/);
    expect(value).toContain(`\`@${citation.key}\``);
    expect(value).toContain('*Editorial citation*');
    expect(result?.range?.start).toEqual(lines.position(citation.keyRange.start));
  });

  it('goes to the bibliography entry of a key, and finds its citations', async () => {
    const citation = listCitations(parseMarkdown(paper).tree)[0]!;
    const position = lines.position(citation.keyRange.start + 1);
    const defs = (await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: paperUri }, position })) as {
      uri: string;
      range: { start: { line: number } };
    }[];
    expect(defs).toHaveLength(1);
    expect(defs[0]!.uri).toBe(bibUri);
    const bibLine = readFileSync(path.join(root, 'document/references.bib'), 'utf8').split('\n')[defs[0]!.range.start.line];
    expect(bibLine).toContain(`{${citation.key},`);
    const refs = await connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: paperUri }, position, context: { includeDeclaration: false } });
    const expected = listCitations(parseMarkdown(paper).tree).filter((c) => c.key === citation.key).length;
    expect(refs).toHaveLength(expected);
  });

  it('offers a quick fix for an uncited claim as an edit, without touching the file', async () => {
    const diagnostics = (client.published.get(paperUri) ?? []).at(-1)!.diagnostics;
    const target = diagnostics.find((d) => d.code === 'uncited-claim')!;
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: paperUri },
      range: target.range,
      context: { diagnostics: [target] },
    })) as { title: string; diagnostics?: unknown[]; edit?: { changes?: Record<string, { newText: string }[]> } }[];
    const fix = actions.find((a) => a.title.includes('{.no-claim}'))!;
    expect(fix.diagnostics).toEqual([target]);
    expect(fix.edit!.changes![paperUri]!.map((e) => e.newText)).toEqual(['[', ']{.no-claim}']);
    expect(readFileSync(paperPath, 'utf8')).toBe(paper);
  });

  it('gives the heading tree and the consequences outline', async () => {
    const symbols = (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: paperUri } })) as DocumentSymbol[];
    const names = symbols.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Consequences']));
    expect(names.filter((n) => /^\d/.test(n))).toHaveLength(5);
    const consequences = symbols.find((s) => s.name === 'Consequences')!;
    expect(consequences.children!.map((c) => [c.name, c.children!.length])).toEqual([
      ['Positive consequences', 5],
      ['Negative consequences', 5],
    ]);
    const mentions = consequences.children!.flatMap((c) => c.children!).flatMap((c) => c.children!);
    expect(mentions.length).toBeGreaterThan(10);
  });

  it('finds a reference by workspace symbol', async () => {
    const symbols = await connection.sendRequest(WorkspaceSymbolRequest.type, { query: '#katz' });
    expect((symbols as { name: string }[]).map((s) => s.name)).toContain('katz2012russia');
  });

  it('clears an uncited-claim diagnostic once the claim gets a citation', async () => {
    const before = (client.published.get(paperUri) ?? []).at(-1)!.diagnostics.filter((d) => d.code === 'uncited-claim');
    const target = before[0]!;
    const end = lines.offset(target.range.end);
    // Insert before the sentence's final punctuation, Pandoc style.
    const at = /[.!?]$/.test(paper.slice(end - 1, end)) ? end - 1 : end;
    const count = client.count(paperUri);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: paperUri, version: 2 },
      contentChanges: [{ range: { start: lines.position(at), end: lines.position(at) }, text: ' [@katz2012russia]' }],
    });
    const after = await nextDiagnostics(paperUri, () => true, count);
    const uncited = after.filter((d) => d.code === 'uncited-claim');
    expect(uncited).toHaveLength(before.length - 1);
    expect(uncited.some((d) => d.range.start.line === target.range.start.line && d.range.start.character === target.range.start.character)).toBe(false);
  });
});
