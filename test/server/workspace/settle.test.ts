/** A bibliography caught mid-write: its final state wins without another change notification. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const md = '---\nbibliography: refs.bib\n---\nText [@a; @b].\n';
const full = '@book{a, title={A}}\n@book{b, title={B}}\n';

describe('half-written bibliography', () => {
  it('tells the listener when a file read mid-write changes afterwards; the next snapshot has its final state', async () => {
    const fs = new MemoryFileSystem({ '/p.md': md, '/refs.bib': full.slice(0, 30) });
    const host = new Host(fs);
    const changed: string[] = [];
    host.onSettledChange((p) => changed.push(p));
    const half = (await host.snapshot('/p.md'))!;
    expect(diagnose(half, defaultConfig).map((f) => f.code)).toContain('malformed-bibliography');

    fs.write('/refs.bib', full); // the rest of the write; no notification
    await new Promise((r) => setTimeout(r, 800));
    expect(changed).toEqual(['/refs.bib']);
    const settled = (await host.snapshot('/p.md'))!;
    expect(diagnose(settled, defaultConfig)).toEqual([]);

    // A file that holds still is not reported again.
    await new Promise((r) => setTimeout(r, 800));
    expect(changed).toEqual(['/refs.bib']);
  });
});
