/**
 * What a manuscript's bibliography files can be besides a good file: a FIFO, a directory, too large,
 * UTF-16, listed many times. Each case is a visible diagnostic and the rest still loads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const paper = (bibs: string[]) => `---\nbibliography:\n${bibs.map((b) => `  - ${b}`).join('\n')}\n---\nText [@good].\n`;

async function findings(host: Host, file: string) {
  const s = (await host.snapshot(file))!;
  return { s, findings: diagnose(s, defaultConfig).map((f) => `${f.severity} ${f.code}: ${f.message}`) };
}

describe('bibliography files that are not ordinary', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-bibs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fifo = true;
  try {
    execFileSync('mkfifo', [path.join(dir, 'pipe.bib')]);
  } catch {
    fifo = false;
  }

  it.skipIf(!fifo)(`reports a FIFO without waiting on it; the other bibliography loads${fifo ? '' : ' (skipped: mkfifo not available)'}`, async () => {
    writeFileSync(path.join(dir, 'good.bib'), '@book{good, author={Good, A.}, title={Good}, year={2000}}');
    writeFileSync(path.join(dir, 'paper.md'), paper(['pipe.bib', 'good.bib']));
    const host = new Host(new NodeFileSystem());
    const { s, findings: f } = await findings(host, path.join(dir, 'paper.md'));
    expect([...s.entries.keys()]).toEqual(['good']);
    expect(f).toEqual([`error bibliography-not-found: Bibliography 'pipe.bib' is a FIFO (named pipe), not a regular file (${path.join(dir, 'pipe.bib')})`]);
  }, 5000);

  it('skips a bibliography over marginalia.limits.bibliographyBytes, saying so', async () => {
    const big = '@book{big, title={Big}}\n'.repeat(1000);
    const fs = new MemoryFileSystem({ '/p.md': paper(['big.bib', 'good.bib']), '/big.bib': big, '/good.bib': '@book{good, title={G}}' });
    const host = new Host(fs, { limits: { bibliographyBytes: 10_000 } });
    const { s, findings: f } = await findings(host, '/p.md');
    expect([...s.entries.keys()]).toEqual(['good']);
    expect(f).toEqual([
      "error bibliography-not-found: Bibliography 'big.bib' is 23.4 KB, over the limit of 9.8 KB (marginalia.limits.bibliographyBytes); not read (/big.bib)",
    ]);
    // Raising the limit reads it.
    host.configure({ limits: { bibliographyBytes: 1_000_000 } });
    expect((await host.snapshot('/p.md'))!.entries.get('big')).toHaveLength(1000);
  });

  it('reads a UTF-16 bibliography and reports undecodable bytes in one', async () => {
    const fs = new MemoryFileSystem({ '/p.md': paper(['u16.bib', 'bad.bib']) });
    fs.writeBytes('/u16.bib', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('@book{good, title={Güte}}', 'utf16le')]));
    fs.writeBytes('/bad.bib', Buffer.concat([Buffer.from('@book{other, title={'), Buffer.from([0xe9]), Buffer.from('t\u00e9}}')]));
    const { s, findings: f } = await findings(new Host(fs), '/p.md');
    expect([...s.entries.keys()]).toEqual(['good', 'other']);
    expect(s.entries.get('good')![0]!.entry.csl().title).toBe('Güte');
    expect(f).toContain('error malformed-bibliography: The file is not valid UTF-8: undecodable bytes are shown as \uFFFD');
  });

  it('loads a bibliography listed 1,000 times once, and reports the repeats', async () => {
    const listed = ['refs.bib', './refs.bib', ...Array.from({ length: 998 }, () => 'refs.bib')];
    let reads = 0;
    const mem = new MemoryFileSystem({ '/d/p.md': paper(listed), '/d/refs.bib': '@book{good, title={G}}' });
    const counting = Object.assign(Object.create(mem) as MemoryFileSystem, {
      read: (p: string, o?: { maxBytes?: number }) => {
        if (p === '/d/refs.bib') reads++;
        return mem.read(p, o);
      },
    });
    const { s, findings: f } = await findings(new Host(counting), '/d/p.md');
    expect(reads).toBe(1);
    expect(s.bibliographies).toHaveLength(1);
    expect(s.entries.get('good')).toHaveLength(1); // no duplicate-key from the repeats
    expect(f).toHaveLength(999);
    expect(f[0]).toBe("warning malformed-front-matter: Bibliography './refs.bib' is already listed as 'refs.bib' (/d/refs.bib); the repeat is ignored");
    expect(new Set(f.map((x) => x.split(':')[0]))).toEqual(new Set(['warning malformed-front-matter']));
  });
});
