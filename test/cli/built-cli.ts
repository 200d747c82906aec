/** The built CLI (`dist/cli.js`), run as users run it; built first when missing. Shared by the CLI tests. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../..');
export const cli = path.join(root, 'dist/cli.js');

export function ensureBuilt(): void {
  if (!existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `marginalia ARGS` in `cwd` (the repository by default) and collects what it printed. */
export function runCli(args: readonly string[], cwd = root): CliRun {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
