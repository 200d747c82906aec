// Runs the TextMate grammar tests (test/syntaxes/*.test.md, the same ones `npm run test:grammar` runs)
// under vitest, one test per file, and checks that the committed grammar JSON matches its generator.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const cli = createRequire(import.meta.url).resolve('vscode-tmgrammar-test/dist/unit.js');
const baseGrammar = relative(repo, join(here, 'fixtures', 'markdown.tmLanguage.json'));
const cases = readdirSync(here).filter((name) => name.endsWith('.test.md'));

describe('marginalia injection grammar', () => {
  it('has grammar test files', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (name) => {
    // The injection grammar comes from package.json's contributes.grammars (cwd = repo); the base
    // Markdown grammar is the vendored fixture. Its embedded languages are missing on purpose, and the
    // CLI warns about each one on stderr, so only stdout is shown on failure.
    const run = spawnSync(process.execPath, [cli, '--compact', '-g', baseGrammar, relative(repo, join(here, name))], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stdout).toBe(0);
  });

  it('committed JSON is what syntaxes/marginalia.injection.grammar.mjs generates', () => {
    const generator = join(repo, 'syntaxes', 'marginalia.injection.grammar.mjs');
    const run = spawnSync(process.execPath, [generator], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const committed = readFileSync(join(repo, 'syntaxes', 'marginalia.injection.tmLanguage.json'), 'utf8');
    expect(committed, 'run: node syntaxes/marginalia.injection.grammar.mjs > syntaxes/marginalia.injection.tmLanguage.json').toBe(run.stdout);
  });
});
