/** `marginalia check` with one bad manuscript among others: the bad one is reported, the others are not lost. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
let dir: string;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  dir = mkdtempSync(path.join(tmpdir(), 'marginalia-fence-'));
  for (const f of ['paper.md', 'references.bib']) copyFileSync(path.join(root, 'document', f), path.join(dir, f));
  writeFileSync(path.join(dir, 'broken.md'), '---\nbibliography: references.bib\n---\n# Broken\n\nFAULT-HERE: Since 2011 x [@nope].\n');
});

describe('marginalia check, one document failing', () => {
  it('reports analysis-failed on that document and everything else as usual (exit 1, not 3)', () => {
    const r = run(['check', 'paper.md', 'broken.md'], { MARGINALIA_FAIL_ON: 'FAULT-HERE' });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('broken.md:1:1 error analysis-failed Marginalia could not analyse this document: Maximum call stack size exceeded (injected fault)');
    expect(lines).toContain('broken.md: not analysed');
    expect(lines.filter((l) => l.startsWith('paper.md:') && l.includes(' uncited-claim ')).length).toBeGreaterThan(5);
    expect(lines.some((l) => /^paper\.md: Claims cited: \d+\/\d+/.test(l))).toBe(true);
    expect(r.stderr).toMatch(/could not analyse broken\.md: RangeError/);
  });

  it('in JSON too: the failed file is listed as not analysed, with its finding', () => {
    const r = run(['check', 'broken.md', 'paper.md', '--format', 'json'], { MARGINALIA_FAIL_ON: 'FAULT-HERE' });
    const json = JSON.parse(r.stdout) as { files: { file: string; analysed: boolean; diagnostics: { code: string }[]; coverage: unknown }[] };
    expect(json.files.map((f) => [f.file, f.analysed, f.coverage === null])).toEqual([
      ['broken.md', false, true],
      ['paper.md', true, false],
    ]);
    expect(json.files[0]!.diagnostics.map((d) => d.code)).toEqual(['analysis-failed']);
  });

  it('does not analyse a manuscript over --max-manuscript-bytes, and says so', () => {
    const r = run(['check', 'paper.md', '--max-manuscript-bytes', '1000']);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^paper\.md:1:1 warning manuscript-too-large This manuscript is [\d,]+ bytes, over the limit of 1,000 bytes \(marginalia\.limits\.manuscriptBytes\): it is not analysed$/,
    );
    expect(r.stdout).not.toContain('uncited-claim');
    expect(r.code).toBe(0);
  });
});

describe('marginalia citations, one document failing', () => {
  it('prints analysis-failed for that document and every citation of the others (exit 1)', () => {
    const r = run(['citations', 'broken.md', 'paper.md'], { MARGINALIA_FAIL_ON: 'FAULT-HERE' });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('broken.md:1:1 error analysis-failed Marginalia could not analyse this document: Maximum call stack size exceeded (injected fault)');
    expect(lines.slice(1)).toEqual(run(['citations', 'paper.md']).stdout.trim().split('\n'));
    expect(lines.length).toBe(15);
    expect(r.stderr).toMatch(/could not analyse broken\.md: RangeError/);
  });

  it('in JSON: the citations of the others, each with its file; the failure on stderr', () => {
    const r = run(['citations', 'paper.md', 'broken.md', '--format', 'json'], { MARGINALIA_FAIL_ON: 'FAULT-HERE' });
    expect(r.code).toBe(1);
    const list = JSON.parse(r.stdout) as { file: string; key: string }[];
    expect(new Set(list.map((c) => c.file))).toEqual(new Set(['paper.md']));
    expect(list.length).toBe(14);
    expect(r.stderr).toContain('broken.md:1:1 error analysis-failed');
  });

  it('without a fault, lists both files in order', () => {
    const r = run(['citations', 'paper.md', 'broken.md']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('broken.md:6:28 @nope normal');
  });
});
