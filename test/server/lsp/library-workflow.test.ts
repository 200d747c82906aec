/**
 * The library workflow through the real server: rename a key across open and closed manuscripts and
 * the .bib, code lenses on the .bib, document links, highlights, and suggested references.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Diagnostic,
  CodeActionRequest,
  CodeLensRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  HoverRequest,
  PrepareRenameRequest,
  RenameRequest,
  type ProtocolConnection,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestClient } from './client.js';

const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-library-'));
const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
const A = `---
bibliography: refs.bib
csl: style.csl
---
# Introduction

Russia and Iran signed an arms deal in 2011, including the S-300 delivery.

As shown [@katz; @waltz], and again [@katz].
`;
const B = '---\nbibliography: refs.bib\n---\nClosed chapter [@katz].\n';
const BIB = `@article{katz, author = {Katz, Mark}, title = {Russia and Iran: arms and the S-300 deal}, year = {2012}}
@book{waltz, author = {Waltz, Kenneth}, title = {Theory of International Politics}, year = {1979}}
@misc{hurrell, title = {Unused}}
`;

let client: TestClient;
let c: ProtocolConnection;
let published: Diagnostic[];

beforeAll(async () => {
  writeFileSync(path.join(dir, 'a.md'), A);
  writeFileSync(path.join(dir, 'b.md'), B);
  writeFileSync(path.join(dir, 'refs.bib'), BIB);
  writeFileSync(path.join(dir, 'style.csl'), '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"/>');
  client = await startServer(dir);
  c = client.connection;
  await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri('a.md'), languageId: 'markdown', version: 1, text: A } });
  published = await client.nextDiagnostics(uri('a.md'));
});

afterAll(async () => client?.close());

const line = (text: string, needle: string) => {
  const before = text.slice(0, text.indexOf(needle));
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
};

describe('library workflow over LSP', () => {
  it('advertises rename, code lens, document links and highlights', () => {
    const caps = client.initialize.capabilities;
    expect(caps.renameProvider).toEqual({ prepareProvider: true });
    expect(caps.codeLensProvider).toBeDefined();
    expect(caps.documentLinkProvider).toBeDefined();
    expect(caps.documentHighlightProvider).toBe(true);
  });

  it('renames a key in the open and the closed manuscript and in the .bib, in one workspace edit', async () => {
    const at = { ...line(A, '@katz;'), character: line(A, '@katz;').character + 2 };
    const prepared = await c.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uri('a.md') }, position: at });
    expect(prepared).toMatchObject({ placeholder: 'katz', range: { start: { line: at.line, character: at.character - 1 } } });
    const edit = (await c.sendRequest(RenameRequest.type, { textDocument: { uri: uri('a.md') }, position: at, newName: 'katz2012' })) as WorkspaceEdit;
    const changes = edit.changes!;
    expect(Object.keys(changes).sort()).toEqual([uri('a.md'), uri('b.md'), uri('refs.bib')].sort());
    expect(changes[uri('a.md')]!.map((e) => e.newText)).toEqual(['katz2012', 'katz2012']);
    expect(changes[uri('refs.bib')]).toEqual([{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 13 } }, newText: 'katz2012' }]);
  });

  it('refuses a taken key with the reason', async () => {
    const at = line(A, 'katz;');
    await expect(c.sendRequest(RenameRequest.type, { textDocument: { uri: uri('a.md') }, position: at, newName: 'waltz' })).rejects.toThrow(
      'Cannot rename @katz: @waltz is already the key of an entry in refs.bib.',
    );
  });

  it('shows on each .bib entry where it is cited, without clearing the file’s diagnostics', async () => {
    await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri('refs.bib'), languageId: 'bibtex', version: 1, text: BIB } });
    const lenses = await c.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('refs.bib') } });
    expect(lenses!.map((l) => [l.range.start.line, l.command?.title])).toEqual([
      [0, 'cited in a.md (2), b.md (1)'],
      [1, 'cited once in a.md'],
      [2, 'not cited'],
    ]);
    expect(lenses![0]!.command!.command).toBe('marginalia.showReferences');
    const locations = lenses![0]!.command!.arguments![2] as { uri: string }[];
    expect(locations.map((l) => l.uri)).toEqual([uri('a.md'), uri('a.md'), uri('b.md')]);
    // Renaming from the entry in the .bib works the same way.
    const fromBib = await c.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uri('refs.bib') }, position: { line: 1, character: 8 } });
    expect(fromBib).toMatchObject({ placeholder: 'waltz' });
    // Opening the .bib did not withdraw its unused-reference hint: a later analysis of a.md comes after
    // anything the opening caused, and republishes the .bib's findings only when they change.
    const seen = client.count(uri('a.md'));
    await c.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri('a.md'), version: 2 }, contentChanges: [{ text: A }] });
    await client.nextDiagnostics(uri('a.md'), () => true, seen);
    const last = client.published.get(uri('refs.bib'))?.at(-1)?.diagnostics ?? [];
    expect(last.map((d) => d.code)).toContain('unused-reference');
  });

  it('links the front matter paths and highlights every citation of a key', async () => {
    const links = await c.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: uri('a.md') } });
    expect(links!.map((l) => l.target)).toEqual([uri('refs.bib'), uri('style.csl')]);
    const hs = await c.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: uri('a.md') }, position: line(A, 'katz]') });
    expect(hs!.length).toBe(2);
  });

  it('offers suggested references for an uncited claim as quick fixes and in its hover', async () => {
    const at = line(A, 'arms deal');
    const actions = (await c.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('a.md') },
      range: { start: at, end: at },
      // What a client sends: the diagnostics it shows there (fixes come only with their diagnostic).
      context: { diagnostics: published.filter((d) => d.code === 'uncited-claim' && d.range.start.line === at.line) },
    }))!;
    const cite = actions.find((a) => 'title' in a && a.title.startsWith('Cite @katz'));
    expect(cite && 'edit' in cite ? cite.edit?.changes?.[uri('a.md')]?.[0]?.newText : undefined).toBe(' [@katz]');
    expect(cite?.title).toBe('Cite @katz — Katz (2012), Russia and Iran: arms and the S-300 deal');
    const h = await c.sendRequest(HoverRequest.type, { textDocument: { uri: uri('a.md') }, position: at });
    expect(JSON.stringify(h?.contents)).toContain('Suggested references');
  });
});
