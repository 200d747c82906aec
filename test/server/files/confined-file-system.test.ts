/** Reads confined to the workspace folders (an untrusted workspace), on the real file system. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfinedFileSystem } from '../../../server/src/files/confined-file-system.js';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';

function layout() {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-confined-'));
  const ws = path.join(dir, 'ws');
  mkdirSync(ws);
  writeFileSync(path.join(ws, 'in.bib'), '@misc{a}');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(ws, 'link.bib'));
  return { dir, ws };
}

describe('ConfinedFileSystem', () => {
  it('reads inside the folders, and nothing outside, not even through a symbolic link', async () => {
    const { dir, ws } = layout();
    const refused: string[] = [];
    const files = new ConfinedFileSystem(new NodeFileSystem(), (f) => refused.push(f));
    files.confineTo([ws]);
    expect(await files.readFile(path.join(ws, 'in.bib'))).toBe('@misc{a}');
    expect(await files.readFile(path.join(dir, 'secret.txt'))).toBeUndefined();
    expect(await files.stamp(path.join(dir, 'secret.txt'))).toBeUndefined();
    expect(await files.readFile(path.join(ws, 'link.bib'))).toBeUndefined();
    expect(await files.readFile(path.join(ws, '..', 'secret.txt'))).toBeUndefined();
    expect(refused).toEqual([path.join(dir, 'secret.txt'), path.join(dir, 'secret.txt'), path.join(ws, 'link.bib'), path.join(ws, '..', 'secret.txt')]);
    // Listing a folder is a read too: inside, yes; the folder above, no.
    expect(await files.list(ws)).toEqual(['in.bib', 'link.bib']);
    expect(await files.list(dir)).toBeUndefined();
  });

  it('reads everything when not confined, and nothing when confined to no folder', async () => {
    const { dir } = layout();
    const files = new ConfinedFileSystem(new NodeFileSystem());
    expect(await files.readFile(path.join(dir, 'secret.txt'))).toBe('secret');
    files.confineTo([]);
    expect(await files.readFile(path.join(dir, 'secret.txt'))).toBeUndefined();
  });
});
