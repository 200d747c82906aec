/**
 * The direction of dependencies (../shared/design/examples.md): only lsp/ knows LSP, only client/ knows
 * VS Code, the core reaches files only through workspace/, and no layer imports one above it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]!);
}

/** The layer of a file under server/src, or of an import resolved from it. */
function layerOf(file: string): string {
  return path.relative(path.join(root, 'server/src'), file).split(path.sep)[0]!;
}

const order = ['text', 'files', 'syntax', 'bibliography', 'model', 'analysis', 'workspace', 'lsp', 'cli'];
// What each layer may import from the project (besides itself).
const allowed: Record<string, string[]> = {
  text: [],
  files: [],
  syntax: ['text'],
  bibliography: ['text', 'files'],
  model: ['text', 'syntax'],
  analysis: ['text', 'syntax', 'bibliography', 'model'],
  workspace: ['text', 'files', 'syntax', 'bibliography', 'model', 'analysis'],
  lsp: ['text', 'files', 'syntax', 'bibliography', 'model', 'analysis', 'workspace'],
  cli: ['text', 'files', 'syntax', 'bibliography', 'model', 'analysis', 'workspace', 'lsp'],
};

const serverFiles = files(path.join(root, 'server/src'));

describe('architecture', () => {
  it('knows every layer', () => {
    expect([...new Set(serverFiles.map(layerOf))].sort()).toEqual([...order].sort());
  });

  it.each(serverFiles.map((f) => [path.relative(root, f), f]))('%s imports only what its layer may', (_, file) => {
    const layer = layerOf(file);
    for (const spec of imports(file)) {
      if (spec.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), spec));
        if (target !== layer) expect(allowed[layer], `${layer} -> ${target} (${spec})`).toContain(target);
        continue;
      }
      if (spec.startsWith('vscode-languageserver')) expect(layer, spec).toBe('lsp');
      expect(spec, 'only client/ may import vscode').not.toBe('vscode');
      // File access goes through files/FileSystem (tests use an in-memory one); lsp/ only finds its docs.
      if (/^(node:)?fs(\/promises)?$/.test(spec)) expect(['files', 'lsp'], `${layer} imports ${spec}`).toContain(layer);
    }
  });

  it('keeps the client free of server code', () => {
    for (const file of files(path.join(root, 'client/src')))
      for (const spec of imports(file)) expect(spec.includes('server/src'), `${file}: ${spec}`).toBe(false);
  });
});
