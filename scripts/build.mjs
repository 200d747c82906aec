// Bundles the VS Code client, the language server and the CLI with esbuild (VS Code's recommended
// approach): ESM-only dependencies such as unified v11 end up in CommonJS files the extension host loads.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { asciiOnly } from './ascii.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  // Prefer ESM builds: jsonc-parser's UMD build loads its parts with a dynamic require esbuild cannot follow.
  mainFields: ['module', 'main'],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  // The server's style worker (server/src/lsp/style-worker.ts): the formatter and citation-js alone.
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/style-worker-main.ts'], outfile: 'dist/style-worker.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);

// Bundles in ASCII, so that V8 holds their source one byte a character (scripts/ascii.mjs).
for (const file of ['dist/server.js', 'dist/style-worker.js', 'dist/cli.js', 'dist/client.js']) {
  const text = readFileSync(file, 'utf8');
  const ascii = asciiOnly(text);
  if (ascii !== text) writeFileSync(file, ascii);
}
