/**
 * A host that trusts file stamps for a while (the server's, so a keystroke never waits on the disk):
 * a change it is told of, or one the settle checks find, is seen by the next snapshot all the same.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const md = '---\nbibliography: refs.bib\n---\nText [@a; @b].\n';
const full = '@book{a, title={A}}\n@book{b, title={B}}\n';
const codes = async (host: Host) => diagnose((await host.snapshot('/p.md'))!, defaultConfig).map((f) => f.code);

describe('host with a stamp window', () => {
  it('keeps the stamps it read until told the file changed; then reads it again', async () => {
    const fs = new MemoryFileSystem({ '/p.md': md, '/refs.bib': '@book{a, title={A}}\n' });
    const host = new Host(fs, {}, 60_000);
    expect(await codes(host)).toEqual(['unknown-key']);
    fs.write('/refs.bib', full);
    expect(await codes(host)).toEqual(['unknown-key']); // trusted: no one said it changed
    host.filesChanged(['/refs.bib']);
    expect(await codes(host)).toEqual([]);
  });

  it('forgets every stamp when not told which file changed', async () => {
    const fs = new MemoryFileSystem({ '/p.md': md, '/refs.bib': '@book{a, title={A}}\n' });
    const host = new Host(fs, {}, 60_000);
    await codes(host);
    fs.write('/refs.bib', full);
    host.filesChanged();
    expect(await codes(host)).toEqual([]);
  });

  it('sees the final state of a file caught mid-write, found by the settle checks, within the window', async () => {
    const fs = new MemoryFileSystem({ '/p.md': md, '/refs.bib': full.slice(0, 30) });
    const host = new Host(fs, {}, 60_000);
    const changed: string[] = [];
    host.onSettledChange((p) => changed.push(p));
    expect(await codes(host)).toContain('malformed-bibliography');
    fs.write('/refs.bib', full); // the rest of the write; no notification
    await new Promise((r) => setTimeout(r, 800));
    expect(changed).toEqual(['/refs.bib']);
    expect(await codes(host)).toEqual([]);
  });

  it('without a window (the CLI) reads a changed file at the next snapshot', async () => {
    const fs = new MemoryFileSystem({ '/p.md': md, '/refs.bib': '@book{a, title={A}}\n' });
    const host = new Host(fs);
    await codes(host);
    fs.write('/refs.bib', full);
    expect(await codes(host)).toEqual([]);
  });
});
