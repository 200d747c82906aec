/**
 * Memory at book scale (issue #13): after edits, the host keeps no earlier version's whole text alive.
 * V8 cuts a slice of a string as a view on the whole, so a tree node's value or a sentence cut from one
 * version's text kept that text: after n keystrokes, n copies of the document (2 MB each at 1 MB of
 * Markdown). What is alive is read from a heap snapshot (taken after a full collection).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const paper = readFileSync(path.resolve(__dirname, '../../../document/paper.md'), 'utf8');

/** Live strings at least `minLength` characters long that hold `marker` near their start. */
async function liveStrings(marker: string, minLength: number): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  let found = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    // A sequential string's own size is its characters (one or two bytes each) plus a header.
    if (types[snapshot.nodes[i + type]!] !== 'string' || snapshot.nodes[i + size]! < minLength) continue;
    if (snapshot.strings[snapshot.nodes[i + name]!]!.slice(0, 100).includes(marker)) found++;
  }
  return found;
}

/**
 * After V8's background compiler has finished the jobs of the last burst of work: an optimising compile
 * job holds handles to the closures it was started for (and whatever their scopes hold, such as the last
 * build's previous version) until it completes, which a snapshot taken at once sees as alive.
 */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 250));
}

describe('Host: memory across edits', () => {
  it('keeps no earlier version of an edited manuscript alive', async () => {
    // The edition's body four times (about 40 KB), under a first line no other string in the process has.
    const body = paper.slice(paper.indexOf('\n---', 3) + 5);
    const prefix = `Memory probe ${process.pid}.`;
    let text = `${prefix}\n\n${body}\n\n${body}\n\n${body}\n\n${body}`;
    const host = new Host(new MemoryFileSystem({}));
    host.setOpen('/book.md', text);
    await host.snapshot('/book.md');
    // Typing at the start of the first paragraph: each keystroke reparses and analyses it, and
    // every block after it moves.
    let at = 0;
    for (let k = 0; k < 12; k++, at++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      host.setOpen('/book.md', text);
      await host.snapshot('/book.md');
    }
    expect(host.parses.incremental).toBeGreaterThanOrEqual(12);
    // The text the manuscript was first parsed from (the unchanged blocks' values are cut from it) and
    // the current one; 13 versions before strings were copied out of them.
    await settled();
    expect(await liveStrings(prefix, body.length * 4)).toBeLessThanOrEqual(2);
  }, 60_000);

  it('keeps no earlier version alive through the cross-reference labels kept per block', async () => {
    // The per-block diagnostics keep each top-level node's labels by its text across versions; a label
    // cut from the first version's text kept that whole text alive after every block was parsed again.
    const body = paper.slice(paper.indexOf('\n---', 3) + 5);
    const prefix = `Labels probe ${process.pid}`;
    const figure = '![A figure.](figure.png){#fig:a-figure-with-a-long-label}\n\nAs @fig:a-figure-with-a-long-label shows.';
    const at = `---\ntitle: ${prefix}`.length;
    // Over 128 KB, so parsed in slices that are copies (syntax/sliced.ts): the tree keeps no version's text.
    const half = Array.from({ length: 8 }, () => body).join('\n\n');
    let text = `---\ntitle: ${prefix}\n---\n\n${half}\n\n${figure}\n\n${half}`;
    const host = new Host(new MemoryFileSystem({}));
    const check = async () => {
      host.setOpen('/book.md', text);
      const snapshot = await host.snapshot('/book.md');
      expect(snapshot).toBeDefined();
      if (snapshot) host.blockFindings.diagnose(snapshot, defaultConfig, 1000);
    };
    await check();
    // Typing in the title: the front matter changes, so every block is parsed again from the new text.
    for (let k = 0; k < 3; k++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      await check();
    }
    expect(host.parses.incremental).toBe(0);
    // Only the current text; 2 when the first version's labels were kept.
    expect(text.length).toBeGreaterThan(2 * 64 * 1024);
    await settled();
    expect(await liveStrings(prefix, body.length * 16)).toBe(1);
  }, 60_000);
});
