/**
 * The direction of dependencies (../shared/design/examples.md): only lsp/ knows LSP, only client/ knows
 * VS Code, the core reaches files only through workspace/, and no layer imports one above it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
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

/**
 * Module-level state in a file: a `let`/`var`, or a top-level initializer that makes an empty collection
 * (`new Map()`, `new WeakMap()`, `new Set()`...: empty, it exists only to be filled later), an instance
 * of a project class, or a memo (`memoise(...)`). Constants (a `Set` of words, a compiled model) pass.
 */
function moduleState(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    // Inside a function or class, state belongs to a call or an instance: not module-level.
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const empty = !node.arguments || node.arguments.length === 0;
      if (['Map', 'WeakMap', 'Set', 'WeakSet'].includes(name) ? empty : /^[A-Z]/.test(name) && !['RegExp', 'Intl', 'TextDecoder', 'TextEncoder'].includes(name) && !globalThis.hasOwnProperty(name))
        found.push(`${where(node)} new ${name}(${empty ? '' : '…'})`);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^memo/i.test(node.expression.text)) found.push(`${where(node)} ${node.expression.text}(…)`);
    ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && !(statement.declarationList.flags & ts.NodeFlags.Const)) found.push(`${where(statement)} module-level let/var`);
    if (ts.isVariableStatement(statement)) visit(statement);
  }
  return found;
}

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

  // Caches belong to the host (workspace/), keyed by their inputs: a module-level cache in the core is
  // shared by every host of the process (two workspaces, two test cases) and lives forever.
  it('keeps model, bibliography and analysis free of module-level caches and state', () => {
    const core = serverFiles.filter((f) => ['model', 'bibliography', 'analysis'].includes(layerOf(f)));
    expect(core.flatMap(moduleState)).toEqual([]);
  });

  it('recognises module-level caches (the rule above can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-arch-'));
    const file = path.join(dir, 'cache.ts');
    writeFileSync(
      file,
      [
        "const WORDS = new Set(['a', 'b']);", // a constant: allowed
        'const cache = new Map<string, number>();',
        'const byEntry = new WeakMap<object, string>();',
        'let count = 0;',
        'const pool = new Engines();',
        'const split = memoise(splitSentences, 10);',
        'export function f(): Map<string, number> { return new Map(); }', // per call: allowed
      ].join('\n'),
    );
    try {
      expect(moduleState(file).map((s) => s.replace(/^.*?:(\d+) /, '$1 '))).toEqual([
        '2 new Map()',
        '3 new WeakMap()',
        '4 module-level let/var',
        '5 new Engines()',
        '6 memoise(…)',
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('keeps the client free of server code', () => {
    for (const file of files(path.join(root, 'client/src')))
      for (const spec of imports(file)) expect(spec.includes('server/src'), `${file}: ${spec}`).toBe(false);
  });
});
