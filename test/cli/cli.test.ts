/** The built CLI, run as users run it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './built-cli.js';


const run = runCli;

beforeAll(ensureBuilt);

describe('marginalia check', () => {
  it('reports the edition: uncited claims with reasons, unused references, 5 + 5 consequences, coverage', () => {
    const r = run(['check', 'document/paper.md', '--format', 'json']);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as {
      files: {
        file: string;
        diagnostics: { code: string; severity: string; message: string; file: string }[];
        outline: { category: string; consequences: { key: string; mentions: unknown[] }[] }[];
        coverage: { claims: number; cited: number };
      }[];
    };
    const f = json.files[0]!;
    expect(f.file).toBe('document/paper.md');
    expect(f.outline.map((c) => [c.category, c.consequences.length])).toEqual([
      ['positive', 5],
      ['negative', 5],
    ]);
    expect(f.diagnostics.filter((d) => d.code === 'uncited-claim').length).toBeGreaterThan(5);
    const unused = f.diagnostics.filter((d) => d.code === 'unused-reference');
    // The source cites nothing itself: the 28 works the edition does not cite editorially are listed
    // through nocite, which is the author asking Pandoc to list them without citing: none is unused.
    expect(unused).toEqual([]);
    expect(f.coverage.claims).toBeGreaterThan(f.coverage.cited);
    expect(r.code).toBe(f.diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
  });

  it('prints file:line:col severity code message, and exits 1 on errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-cli-'));
    writeFileSync(path.join(dir, 'refs.bib'), '@book{real2020, title = {Real}, year = {2020}}\n');
    writeFileSync(path.join(dir, 'p.md'), '---\nbibliography: refs.bib\n---\n\n# Intro\n\nAs shown before [@rael2020].\n');
    const r = run(['check', 'p.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toContain(
      "p.md:7:19 error unknown-key Unknown citation key 'rael2020': not in refs.bib; did you mean 'real2020'?",
    );
    expect(r.stdout).toMatch(/p\.md: Claims cited: \d+\/\d+/);
  });

  it('rejects unknown options with usage and exit code 2', () => {
    const r = run(['check', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage:');
  });

  it('rejects a --severity code that is not a diagnostic code, even a name every object has', () => {
    for (const code of ['no-such-code', 'toString', 'constructor']) {
      const r = run(['check', 'document/paper.md', '--severity', `${code}=off`]);
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `marginalia: unknown diagnostic code '${code}'`]);
    }
  });
});

describe('marginalia citations', () => {
  it('lists every citation with mode, prefix, locator and ranges', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-cli-'));
    writeFileSync(path.join(dir, 'c.md'), 'See [see @a, pp. 33-35; -@b] and @c [p. 3].\n');
    const r = run(['citations', 'c.md', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { key: string; mode: string; prefix: string; locator?: { label: string; value: string }; keyRange: { start: number; end: number } }[];
    expect(list.map((c) => [c.key, c.mode, c.prefix, c.locator?.label ?? null, c.locator?.value ?? null])).toEqual([
      ['a', 'normal', 'see', 'page', '33-35'],
      ['b', 'suppress-author', '', null, null],
      ['c', 'author-in-text', '', 'page', '3'],
    ]);
    expect(list[0]!.keyRange.start).toBe('See [see @'.length);
  });
});
