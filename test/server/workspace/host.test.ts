import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimModel } from '../../../server/src/model/claims/model.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const md = '---\nbibliography: refs.bib\n---\nText [@a].\n';

describe('Host', () => {
  it('resolves bibliography paths against the manuscript, or the workspace root for an untitled buffer', async () => {
    const fs = new MemoryFileSystem({ '/ws/docs/p.md': md, '/ws/docs/refs.bib': '@misc{a, title={A}}', '/ws/refs.bib': '@misc{b, title={B}}' });
    const host = new Host(fs, { root: '/ws' });
    expect((await host.snapshot('/ws/docs/p.md'))!.bibliographies[0]!.path).toBe('/ws/docs/refs.bib');
    host.setOpen('untitled:Untitled-1', md);
    const untitled = (await host.snapshot('untitled:Untitled-1'))!;
    expect(untitled.bibliographies[0]!.path).toBe('/ws/refs.bib');
    expect([...untitled.entries.keys()]).toEqual(['b']);
  });

  it('leaves an untitled buffer without a root unresolved rather than guessing the working directory', async () => {
    const host = new Host(new MemoryFileSystem({}));
    host.setOpen('untitled:Untitled-1', md);
    const s = (await host.snapshot('untitled:Untitled-1'))!;
    expect(s.bibliographies.map((b) => [b.path, b.file])).toEqual([['refs.bib', undefined]]);
  });

  it('rebuilds a manuscript only when its text changes, and rereads a bibliography only when it changes', async () => {
    const fs = new MemoryFileSystem({ '/p.md': md, '/refs.bib': '@misc{a, title={A}}' });
    const host = new Host(fs);
    const first = (await host.snapshot('/p.md'))!;
    const again = (await host.snapshot('/p.md'))!;
    expect(again.manuscript).toBe(first.manuscript);
    expect(again.entries).toBe(first.entries);
    fs.write('/refs.bib', '@misc{a, title={A}}\n@misc{c, title={C}}');
    const changed = (await host.snapshot('/p.md'))!;
    expect(changed.manuscript).toBe(first.manuscript);
    expect([...changed.entries.keys()]).toEqual(['a', 'c']);
  });
});

describe('Host with its own claim model (bench/claims-markdown.mjs judges each held-out manuscript with its fold\'s)', () => {
  const text = 'The sky is blue today.\n\nWe walked home after lunch.\n';

  it('judges with the model it is given, the bundled one otherwise', async () => {
    const weights = JSON.parse(readFileSync(path.resolve(__dirname, '../../../server/src/model/claims/weights.json'), 'utf8'));
    const claimsOf = async (host: Host) => {
      host.setOpen('/p.md', text);
      return (await host.snapshot('/p.md'))!.manuscript.sentences.map((s) => s.judgement.claimAt.precise);
    };
    expect(await claimsOf(new Host(new MemoryFileSystem({})))).toEqual([false, false]);
    // A bias far above any threshold: every sentence is a claim.
    const eager = ClaimModel.load({ ...weights, bias: 50 });
    expect(await claimsOf(new Host(new MemoryFileSystem({}), { claimModel: eager }))).toEqual([true, true]);
  });
});
