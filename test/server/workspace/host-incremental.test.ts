/**
 * The host parses an edited manuscript from its previous version (issue #13): only the blocks the edit
 * touched, and the snapshot is the one a fresh host gives for the same text.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const md = '---\nbibliography: refs.bib\n---\n\n# Intro\n\nTrade grew by 40 percent after 2011 [@a].\n\nSince 1990 wars have declined.\n\n# End\n\nThe end [@b].\n';
const files = { '/refs.bib': '@misc{a, title={A}}\n@misc{b, title={B}}' };

async function findings(host: Host, file: string) {
  const s = (await host.snapshot(file))!;
  return { s, findings: diagnose(s, defaultConfig).map((f) => `${f.code} ${f.range.start}-${f.range.end}: ${f.message}`) };
}

describe('Host: incremental parsing', () => {
  it('reparses only the edited paragraph, and the snapshot matches a fresh host', async () => {
    const host = new Host(new MemoryFileSystem(files));
    host.setOpen('/p.md', md);
    await host.snapshot('/p.md');
    expect(host.parses).toEqual({ incremental: 0, full: 1 });
    let text = md;
    for (const [from, to] of [['wars', 'civil wars'], ['1990', '1990,'], [' [@b]', ''], ['The end.', 'The end [@c].']] as const) {
      text = text.replace(from, to);
      host.setOpen('/p.md', text);
      const got = await findings(host, '/p.md');
      const fresh = new Host(new MemoryFileSystem(files));
      fresh.setOpen('/p.md', text);
      const want = await findings(fresh, '/p.md');
      expect(got.findings).toEqual(want.findings);
      expect(got.s.manuscript.tree).toEqual(want.s.manuscript.tree);
      expect(got.s.manuscript.sentences.map((x) => [x.range, x.isClaim])).toEqual(want.s.manuscript.sentences.map((x) => [x.range, x.isClaim]));
    }
    expect(host.parses).toEqual({ incremental: 4, full: 1 });
  });

  it('an edit of the front matter parses everything and reads the new bibliography', async () => {
    const host = new Host(new MemoryFileSystem({ ...files, '/other.bib': '@misc{c, title={C}}' }));
    host.setOpen('/p.md', md);
    await host.snapshot('/p.md');
    host.setOpen('/p.md', md.replace('refs.bib', 'other.bib'));
    const s = (await host.snapshot('/p.md'))!;
    expect([...s.entries.keys()]).toEqual(['c']);
    expect(host.parses).toEqual({ incremental: 0, full: 2 });
  });
});
