/** `marginalia … | head`: every command ends quietly when the reader closes its output early. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  dir = mkdtempSync(path.join(tmpdir(), 'marginalia-pipe-'));
  // Far more output than a pipe holds (64 KB), so writes go on after the reader has gone.
  const lines = Array.from({ length: 2500 }, (_, i) => `Sentence ${i} cites [@a-rather-long-citation-key-number-${i}].`);
  writeFileSync(path.join(dir, 'many.md'), lines.join('\n\n') + '\n');
});

/** Runs the CLI with its stdout on a real pipe that is closed after the first chunk, as `| head -1` does. */
function runClosedEarly(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', (d) => {
      first = String(d);
      child.stdout.destroy();
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr, first }));
  });
}

describe('a closed output', () => {
  it.each([
    ['citations', ['citations', 'many.md']],
    ['check', ['check', 'many.md']],
    ['check --format json', ['check', 'many.md', '--format', 'json']],
  ])('ends %s quietly, with exit code 0', async (_, args) => {
    const r = await runClosedEarly(args);
    expect(r.first.length).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });
});
