// Shared by the benchmarks: bundles project TypeScript modules into one temporary CommonJS file (like the
// shipped bundles: citation-js requires Node built-ins; ESM builds of dependencies) and loads it.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedData = path.resolve(root, '../shared/data');

/** Everything the given modules (paths relative to the repository) export, in one object. */
export async function importModules(...modules) {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-bench-'));
  const out = path.join(dir, 'bundle.cjs');
  try {
    await bundleTo(out, ...modules);
    return createRequire(import.meta.url)(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Bundles the given modules into `out` (CommonJS), for child processes to require. */
export async function bundleTo(out, ...modules) {
  await esbuild.build({
    stdin: { contents: modules.map((m) => `export * from './${m}';`).join('\n'), resolveDir: root, loader: 'ts' },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
}
