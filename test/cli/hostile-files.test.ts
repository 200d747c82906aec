/** The built CLI given files that are not ordinary UTF-8 files: it answers, promptly and visibly. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 15_000 });
  return { code: r.status, stdout: r.stdout, signal: r.signal };
};
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

beforeAll(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
});

describe('marginalia check on hostile files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-cli-files-'));
  let fifo = true;
  try {
    execFileSync('mkfifo', [path.join(dir, 'pipe.bib')]);
  } catch {
    fifo = false;
  }

  it.skipIf(!fifo)(`reports a FIFO named as bibliography instead of waiting on it${fifo ? '' : ' (skipped: mkfifo not available)'}`, () => {
    writeFileSync(path.join(dir, 'fifo.md'), '---\nbibliography: pipe.bib\n---\nText [@a].\n');
    const r = run(['check', path.join(dir, 'fifo.md')]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error bibliography-not-found Bibliography 'pipe.bib' is a FIFO (named pipe), not a regular file`);
  });

  it('reads a UTF-16 manuscript and bibliography (with byte-order marks) instead of passing garbage', () => {
    writeFileSync(path.join(dir, 'u16.md'), utf16le('---\nbibliography: u16.bib\n---\nSee [@known] and [@unknown].\n'));
    writeFileSync(path.join(dir, 'u16.bib'), utf16le('@book{known, title={Known}}\n'));
    const r = run(['check', path.join(dir, 'u16.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error unknown-key Unknown citation key 'unknown'");
    expect(r.stdout.match(/unknown-key/g)).toHaveLength(1);
  });
});
