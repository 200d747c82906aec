/**
 * documentSymbol right after an edit (issue #13): the outline is read from the manuscript model built
 * without a snapshot's awaited file-system calls (project files, bibliography stamps), during which
 * the scheduled diagnostics run used to go first (88 ms at 1 MB). Shown here with a file system that
 * stops answering: the model still comes, and its outline is a fresh snapshot's.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnoseManuscript } from '../../../server/src/analysis/diagnostics/index.js';
import { outline } from '../../../server/src/analysis/outline.js';
import { MemoryFileSystem, type FileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const document = path.resolve(__dirname, '../../../document');
const paper = readFileSync(path.join(document, 'paper.md'), 'utf8');
const files = { [path.join(document, 'references.bib')]: readFileSync(path.join(document, 'references.bib'), 'utf8') };

/** A file system that, once `stop()` is called, never answers again. */
function stalling(inner: FileSystem): FileSystem & { stop(): void } {
  let stopped = false;
  const never = new Promise<never>(() => undefined);
  return {
    stop: () => void (stopped = true),
    read: (p, o) => (stopped ? never : inner.read(p, o)),
    readFile: (p) => (stopped ? never : inner.readFile(p)),
    stamp: (p) => (stopped ? never : inner.stamp(p)),
    list: (p) => (stopped ? never : inner.list(p)),
  };
}

describe('Host.manuscriptOf', () => {
  it('gives the edited text\'s model without waiting for the file system, with a fresh snapshot\'s outline', async () => {
    const file = path.join(document, 'paper.md');
    const fs = stalling(new MemoryFileSystem(files));
    const host = new Host(fs);
    host.setOpen(file, paper);
    expect((await host.snapshot(file))!.manuscript.consequences.length).toBeGreaterThan(0);
    fs.stop();
    // A new heading and a new consequence mention, typed after the first analysis.
    const at = paper.indexOf('\n# 3 Discussion');
    const edited = `${paper.slice(0, at)}\n## A new section\n\nTrade [fell]{.consequence key=trade-fell category=economic}.\n${paper.slice(at)}`;
    host.setOpen(file, edited);
    const manuscript = await host.manuscriptOf(file);
    expect(manuscript?.text).toBe(edited);

    const fresh = new Host(new MemoryFileSystem(files));
    fresh.setOpen(file, edited);
    const want = outline((await fresh.snapshot(file))!);
    expect(outline({ manuscript: manuscript! })).toEqual(want);
    expect(JSON.stringify(want)).toContain('A new section');
  });

  it('takes a snapshot for a document never analysed', async () => {
    const host = new Host(new MemoryFileSystem(files));
    const file = path.join(document, 'paper.md');
    host.setOpen(file, paper);
    const manuscript = await host.manuscriptOf(file);
    expect(manuscript?.sections.map((s) => s.title)).toContain('1 Introduction');
  });
});

describe('Host.outlineOf', () => {
  const file = path.join(document, 'paper.md');
  // A new section, a consequence and a paragraph of claims, typed after the first analysis.
  const at = paper.indexOf('\n# 3 Discussion');
  const added = '\n## A new section\n\nTrade [fell]{.consequence key=trade-fell category=economic} by 40 percent after 2011. Studies show that sanctions always fail.\n';
  const edited = `${paper.slice(0, at)}${added}${paper.slice(at)}`;

  it("gives a fresh snapshot's outline without binding citations and sentences or judging claims", async () => {
    const host = new Host(new MemoryFileSystem(files));
    host.setOpen(file, paper);
    await host.snapshot(file);
    host.setOpen(file, edited);
    const manuscript = (await host.outlineOf(file))!;
    const fresh = new Host(new MemoryFileSystem(files));
    fresh.setOpen(file, edited);
    const want = (await fresh.snapshot(file))!;
    expect(outline({ manuscript })).toEqual(outline(want));
    expect(JSON.stringify(outline(want))).toContain('trade-fell');
    // No sentence was split nor judged, no citation bound (the model is typed without them).
    expect(want.manuscript.sentences.length).toBeGreaterThan(0);
    expect((manuscript as Partial<typeof want.manuscript>).sentences).toEqual([]);
    expect((manuscript as Partial<typeof want.manuscript>).citations).toEqual([]);
  });

  it('keeps nothing built without claims: the next snapshot is a fresh one', async () => {
    const host = new Host(new MemoryFileSystem(files));
    host.setOpen(file, paper);
    await host.snapshot(file);
    host.setOpen(file, edited);
    await host.outlineOf(file);
    const s = (await host.snapshot(file))!;
    const fresh = new Host(new MemoryFileSystem(files));
    fresh.setOpen(file, edited);
    const want = (await fresh.snapshot(file))!;
    const judged = (m: typeof s.manuscript) => m.sentences.map((x) => [x.range, x.text, x.judgement.score, x.isClaim]);
    expect(judged(s.manuscript)).toEqual(judged(want.manuscript));
    expect(diagnoseManuscript(s, defaultConfig)).toEqual(diagnoseManuscript(want, defaultConfig));
  });

  it('answers from the full model when it is built for the current text', async () => {
    const host = new Host(new MemoryFileSystem(files));
    host.setOpen(file, edited);
    const s = (await host.snapshot(file))!;
    expect(await host.outlineOf(file)).toBe(s.manuscript);
  });
});
