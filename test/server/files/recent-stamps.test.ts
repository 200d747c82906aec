/** Stamps and listings answered from memory on the keystroke path, checked again in the background. */
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem, type FileSystem } from '../../../server/src/files/file-system.js';
import { RecentStamps } from '../../../server/src/files/recent-stamps.js';

/** A memory file system that counts what it was asked. */
function counted(files: Record<string, string>) {
  const fs = new MemoryFileSystem(files);
  const asked = { stamp: 0, list: 0 };
  const inner: FileSystem = {
    read: (p, o) => fs.read(p, o),
    readFile: (p) => fs.readFile(p),
    stamp: (p) => (asked.stamp++, fs.stamp(p)),
    list: (d) => (asked.list++, fs.list(d)),
  };
  return { fs, inner, asked };
}

/** RecentStamps over a counted file system, on a clock the test moves, with the paths it reports changed. */
function watched(files: Record<string, string>) {
  const { fs, inner, asked } = counted(files);
  const clock = { now: 0 };
  const recent = new RecentStamps(inner, 1000, () => clock.now);
  const changed: string[] = [];
  recent.onChange((p) => changed.push(p));
  return { fs, asked, clock, recent, changed };
}

/** Lets the background checks' promises settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('RecentStamps', () => {
  it('answers a stamp from memory within its window, even when the file changed meanwhile', async () => {
    const { fs, asked, clock, recent } = watched({ '/a.bib': 'x' });
    const first = await recent.stamp('/a.bib');
    fs.write('/a.bib', 'y');
    clock.now = 999;
    expect(await recent.stamp('/a.bib')).toBe(first);
    expect(asked.stamp).toBe(1);
  });

  it('past its window, answers at once and checks in the background; a change is reported and then answered', async () => {
    const { fs, asked, clock, recent, changed } = watched({ '/a.bib': 'x' });
    const first = await recent.stamp('/a.bib');
    fs.write('/a.bib', 'y');
    clock.now = 1000;
    expect(await recent.stamp('/a.bib')).toBe(first); // not waiting on the disk
    await settle();
    expect(asked.stamp).toBe(2);
    expect(changed).toEqual(['/a.bib']);
    const second = await recent.stamp('/a.bib');
    expect(second).not.toBe(first);
    expect(second).toBe(await fs.stamp('/a.bib'));
  });

  it('reports nothing when the background check finds the file unchanged, and checks once per window', async () => {
    const { asked, clock, recent, changed } = watched({ '/a.bib': 'x' });
    await recent.stamp('/a.bib');
    clock.now = 1500;
    await Promise.all([recent.stamp('/a.bib'), recent.stamp('/a.bib'), recent.stamp('/a.bib')]);
    await settle();
    expect(asked.stamp).toBe(2);
    expect(changed).toEqual([]);
    clock.now = 2000; // the answer is from 1500 now
    await recent.stamp('/a.bib');
    await settle();
    expect(asked.stamp).toBe(2);
  });

  it('asks the disk again after forget: one file (and its folder listing), or everything', async () => {
    const { fs, inner, asked } = counted({ '/d/a.bib': 'x', '/d/b.csl': 's' });
    const recent = new RecentStamps(inner, 1000, () => 0);
    const a = await recent.stamp('/d/a.bib');
    await recent.stamp('/d/b.csl');
    expect(await recent.list('/d')).toEqual(['a.bib', 'b.csl']);
    fs.write('/d/a.bib', 'y');
    fs.write('/d/c.bib', 'z');
    recent.forget('/d/a.bib');
    expect(await recent.stamp('/d/a.bib')).not.toBe(a);
    expect(await recent.list('/d')).toEqual(['a.bib', 'b.csl', 'c.bib']);
    expect(asked).toEqual({ stamp: 3, list: 2 });
    recent.forget();
    await recent.stamp('/d/b.csl');
    expect(asked.stamp).toBe(4);
  });

  it('reports a folder whose listing changed, found by the background check', async () => {
    const { fs, clock, recent, changed } = watched({ '/d/a.bib': 'x' });
    expect(await recent.list('/d')).toEqual(['a.bib']);
    fs.write('/d/new.bib', 'y');
    clock.now = 1000;
    expect(await recent.list('/d')).toEqual(['a.bib']);
    await settle();
    expect(changed).toEqual(['/d']);
    expect(await recent.list('/d')).toEqual(['a.bib', 'new.bib']);
  });

  it('with a window of 0 (the CLI) asks the disk every time', async () => {
    const { fs, inner, asked } = counted({ '/a.bib': 'x' });
    const recent = new RecentStamps(inner, 0, () => 0);
    const first = await recent.stamp('/a.bib');
    fs.write('/a.bib', 'y');
    expect(await recent.stamp('/a.bib')).not.toBe(first);
    expect(asked.stamp).toBe(2);
  });
});
