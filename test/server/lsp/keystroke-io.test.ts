/**
 * A keystroke never waits on the file system: the host trusts the stamps it read for a second
 * (files/recent-stamps.ts). Shown by holding every `stat` of the bibliography once armed: the edit's
 * diagnostics are published, and hover and definition answer for the new text (the citation moved),
 * before it is released. Before, all three waited for it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type Hover,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { katzManuscript, startServer, tempWorkspace, type TestClient } from './client.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const MD = katzManuscript['p.md'];

/** A preload that holds `fs.promises.stat` of refs.bib while `armed` exists and `released` does not. */
function holdStat(dir: string): string {
  const hook = path.join(dir, 'hold-stat.cjs');
  writeFileSync(
    hook,
    `const fs = require('node:fs');
const armed = ${JSON.stringify(path.join(dir, 'armed'))}, released = ${JSON.stringify(path.join(dir, 'released'))};
const stat = fs.promises.stat;
fs.promises.stat = function (file, ...rest) {
  if (!String(file).endsWith('refs.bib') || !fs.existsSync(armed)) return stat.call(this, file, ...rest);
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (fs.existsSync(released)) {
        clearInterval(poll);
        resolve(stat.call(this, file, ...rest));
      }
    }, 10);
  });
};
`,
  );
  return hook;
}

describe('a keystroke right after an open', () => {
  it('is published, hovered and followed without waiting for the bibliography on disk', async () => {
    const dir = tempWorkspace('keystroke-io', katzManuscript);
    const uri = pathToFileURL(path.join(dir, 'p.md')).href;
    client = await startServer(dir, { execArgv: ['--require', holdStat(dir)] });
    const c = client;
    await c.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: MD } });
    await c.nextDiagnostics(uri);
    const before = (await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 20 } })) as Hover;
    expect((before.contents as { value: string }).value).toContain('Katz, M. N. (2012)');

    writeFileSync(path.join(dir, 'armed'), '');
    // "Indeed, " before the sentence: the citation moves 8 characters right.
    const start = { line: 6, character: 0 };
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start, end: start }, text: 'Indeed, ' }],
    });
    await c.nextDiagnostics(uri, () => true, 1);
    const at = { textDocument: { uri }, position: { line: 6, character: 28 } };
    const hover = (await c.connection.sendRequest(HoverRequest.type, at)) as Hover;
    const definition = (await c.connection.sendRequest(DefinitionRequest.type, at)) as Location[];
    // All answered while any stat of the bibliography would still be held.
    expect(existsSync(path.join(dir, 'released'))).toBe(false);
    expect(c.count(uri)).toBe(2);
    expect((hover.contents as { value: string }).value).toContain('Katz, M. N. (2012)');
    expect(hover.range?.start).toEqual({ line: 6, character: 28 });
    expect(definition.map((l) => l.uri)).toEqual([pathToFileURL(path.join(dir, 'refs.bib')).href]);

    writeFileSync(path.join(dir, 'released'), '');
  }, 15000);
});
