/** The host fences each document's analysis: a throw or an oversized text is a finding on it, never a throw. */
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const good = '---\nbibliography: refs.bib\n---\nText [@a].\n';
const bad = '---\nbibliography: refs.bib\n---\nText [@a]. FAULT-HERE\n';
const files = { '/good.md': good, '/bad.md': bad, '/refs.bib': '@misc{a, title={A}}' };

describe('Host.analyse', () => {
  it('turns a throw while analysing one document into analysis-failed on it; the others are analysed', async () => {
    const host = new Host(new MemoryFileSystem(files), { failOn: 'FAULT-HERE' });
    const failed = await host.analyse('/bad.md');
    expect(failed?.kind).toBe('not-analysed');
    if (failed?.kind !== 'not-analysed') return;
    expect(failed.finding).toMatchObject({
      code: 'analysis-failed',
      severity: 'error',
      file: '/bad.md',
      range: { start: 0, end: 3 },
      message: 'Marginalia could not analyse this document: Maximum call stack size exceeded (injected fault)',
    });
    expect(failed.error).toBeInstanceOf(RangeError);
    const ok = await host.analyse('/good.md');
    expect(ok?.kind === 'analysed' && [...ok.snapshot.entries.keys()]).toEqual(['a']);
  });

  it('analyses the document again once its text no longer fails', async () => {
    const host = new Host(new MemoryFileSystem(files), { failOn: 'FAULT-HERE' });
    host.setOpen('/bad.md', bad);
    expect((await host.analyse('/bad.md'))?.kind).toBe('not-analysed');
    host.setOpen('/bad.md', good);
    expect((await host.analyse('/bad.md'))?.kind).toBe('analysed');
  });

  it('does not analyse a manuscript over the byte limit (UTF-8 bytes, not characters), and says so', async () => {
    const text = 'é'.repeat(600) + '\n[@a]\n'; // 606 characters, 1,206 bytes
    const host = new Host(new MemoryFileSystem({ '/big.md': text }), { limits: { manuscriptBytes: 1000 } });
    const a = await host.analyse('/big.md');
    expect(a?.kind === 'not-analysed' && a.finding).toMatchObject({
      code: 'manuscript-too-large',
      severity: 'warning',
      range: { start: 0, end: 200 }, // the first line, at most 200 characters
      message: 'This manuscript is 1,206 bytes, over the limit of 1,000 bytes (marginalia.limits.manuscriptBytes): it is not analysed',
    });
    host.configure({ limits: { manuscriptBytes: 2000 } });
    expect((await host.analyse('/big.md'))?.kind).toBe('analysed');
  });
});
