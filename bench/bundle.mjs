// Bundles a TypeScript entry of the project to a temporary ESM file so plain Node benchmarks can import it.
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

export async function importTs(entry) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'marginalia-bench-')), path.basename(entry).replace(/\.ts$/, '.cjs'));
  // CommonJS like the shipped bundles (citation-js requires Node built-ins); ESM builds of dependencies.
  await esbuild.build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error', mainFields: ['module', 'main'] });
  return createRequire(import.meta.url)(out);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const sharedData = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/data');
