/** The disk: only regular files are read, within a size and a time limit, and never hang. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';

const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-fs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mkfifo(name: string): string | undefined {
  const file = path.join(dir, name);
  try {
    execFileSync('mkfifo', [file]);
    return file;
  } catch {
    return undefined;
  }
}
const fifoSupported = mkfifo('probe.fifo') !== undefined;

describe('NodeFileSystem', () => {
  const fs = new NodeFileSystem();

  it('reads a regular file, decoding UTF-16 by its byte-order mark', async () => {
    const file = path.join(dir, 'utf16.bib');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('@book{a, title={Ä}}', 'utf16le')]));
    expect(await fs.read(file)).toEqual({ kind: 'text', text: '@book{a, title={Ä}}', encoding: 'utf-16le' });
    expect(await fs.readFile(file)).toBe('@book{a, title={Ä}}');
  });

  it('lists the regular files of a folder, sorted, and nothing for a missing folder or a file', async () => {
    const folder = path.join(dir, 'listing');
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    for (const name of ['02.intro.md', '01.abstract.md', 'manual-references.json']) writeFileSync(path.join(folder, name), '');
    expect(await fs.list(folder)).toEqual(['01.abstract.md', '02.intro.md', 'manual-references.json']);
    expect(await fs.list(path.join(dir, 'no-such-folder'))).toBeUndefined();
    expect(await fs.list(path.join(folder, '01.abstract.md'))).toBeUndefined();
  });

  it('says a missing file is missing', async () => {
    expect(await fs.read(path.join(dir, 'nope.bib'))).toEqual({ kind: 'missing' });
    expect(await fs.read(path.join(dir, 'nope', 'deeper.bib'))).toEqual({ kind: 'missing' });
  });

  it('refuses a directory and a device', async () => {
    mkdirSync(path.join(dir, 'folder.bib'));
    expect(await fs.read(path.join(dir, 'folder.bib'))).toEqual({ kind: 'unreadable', reason: 'is a directory, not a file' });
    expect(await fs.read('/dev/zero')).toEqual({ kind: 'unreadable', reason: 'is a device, not a regular file' });
  });

  it.skipIf(!fifoSupported)(`refuses a FIFO at once, even four at a time${fifoSupported ? '' : ' (skipped: mkfifo not available)'}`, async () => {
    const fifos = ['a', 'b', 'c', 'd', 'e'].map((n) => mkfifo(`${n}.bib`)!);
    const reads = await Promise.all(fifos.map((f) => fs.read(f)));
    for (const r of reads) expect(r).toEqual({ kind: 'unreadable', reason: 'is a FIFO (named pipe), not a regular file' });
    // The I/O pool is still free: a regular read completes.
    writeFileSync(path.join(dir, 'after.bib'), 'x');
    expect(await fs.readFile(path.join(dir, 'after.bib'))).toBe('x');
  }, 5000);

  it('does not read a file over the limit', async () => {
    const file = path.join(dir, 'big.bib');
    writeFileSync(file, 'x'.repeat(5000));
    expect(await fs.read(file, { maxBytes: 4096 })).toEqual({ kind: 'too-large', size: 5000, limit: 4096 });
    expect((await fs.read(file, { maxBytes: 5000 })).kind).toBe('text');
  });
});
