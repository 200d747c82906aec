// Shared by the benchmarks: bundles project TypeScript modules into one temporary CommonJS file (like the
// shipped bundles: citation-js requires Node built-ins; ESM builds of dependencies) and loads it.
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * The keystroke benches' texts: the edition, 100 KB of greenelab/deep-review (its 8 parts in one buffer,
 * CC BY 4.0, read in place from ../shared/data) and deep-review x4 (1 MB), as [label, text] pairs;
 * without ../shared/data, the edition alone, and a line says so.
 */
export function keystrokeDocuments() {
  const documents = [['edition (document/paper.md)', readFileSync(path.join(root, 'document/paper.md'), 'utf8')]];
  const deep = path.join(sharedData, 'deep-review');
  if (existsSync(deep)) {
    const parts = readdirSync(deep).filter((f) => /^\d\d\..*\.md$/.test(f)).sort();
    const text = parts.map((f) => readFileSync(path.join(deep, f), 'utf8')).join('\n\n');
    documents.push(['deep-review (8 parts, one buffer)', text.slice(0, 100_000)]);
    documents.push(['deep-review x4 (one buffer)', [text, text, text, text].join('\n\n')]);
  } else console.log('deep-review: skipped (../shared/data/deep-review missing)');
  return documents;
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
