/**
 * A burst of edits, as fast typing sends them: every diagnostics publication names the version it was
 * computed for and matches that version's text, versions only go forward, and the last edit is published.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { root, startServer, type TestClient } from './client.js';

// An editor buffer next to the edition's bibliography (not on disk).
const uri = pathToFileURL(path.join(root, 'document/typing.md')).href;
const textAt = (version: number) =>
  '---\nbibliography: references.bib\n---\n# Typing\n\n' + Array.from({ length: version - 1 }, (_, i) => `Point ${i} [@missing${i}].`).join('\n\n') + '\n';
let client: TestClient;

afterAll(async () => {
  await client.close();
});

describe('publishing per version', () => {
  it('publishes only what each version says, in order, ending with the last', async () => {
    client = await startServer();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: textAt(1) },
    });
    const last = 30;
    for (let v = 2; v <= last; v++)
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: v },
        contentChanges: [{ text: textAt(v) }],
      });
    await client.nextDiagnostics(uri, (d) => d.filter((x) => x.code === 'unknown-key').length === last - 1);
    const published = client.published.get(uri)!;
    const versions = published.map((p) => p.version!);
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!)).toBe(true);
    expect(versions.at(-1)).toBe(last);
    for (const p of published) {
      const keys = p.diagnostics.filter((d) => d.code === 'unknown-key').map((d) => d.message.split("'")[1]);
      expect(keys, `version ${p.version}`).toEqual(Array.from({ length: p.version! - 1 }, (_, i) => `missing${i}`));
    }
  });
});
