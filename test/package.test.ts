/** The .vsix ships the bundles, the grammar and the docs: no sources, tests, maps or node_modules. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

describe('extension package', () => {
  it('lists exactly what the installed extension needs', () => {
    const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = r.stdout.split('\n').filter(Boolean).sort();
    expect(files).toEqual(
      [
        'LICENSE',
        'README.md',
        'client/media/preview.css',
        'dist/cli.js',
        'dist/client.js',
        'dist/server.js',
        'dist/style-worker.js',
        'docs/claims.md',
        'docs/diagnostics.md',
        'docs/editors.md',
        'docs/performance.md',
        'docs/robustness.md',
        'package.json',
        'syntaxes/marginalia.injection.tmLanguage.json',
      ].sort(),
    );
  });
});
