/**
 * A second real manuscript through coverage, report and SARIF: greenelab/deep-review (CC BY 4.0), eight
 * files sharing a CSL-JSON bibliography, read in place from ../shared/data (skips without it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../server/src/analysis/report.js';
import { sharedData } from '../shared-data.js';
import { sarifValidator } from './sarif-schema.js';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const data = sharedData('deep-review');
const files = ['01.abstract', '02.intro', '03.categorize', '04.study', '05.treat', '06.discussion', '07.conclusions', '08.methods'].map((f) =>
  path.join(data.path, `${f}.md`),
);
const bibliography = ['--bibliography', path.join(data.path, 'manual-references-2020-01-29.json')];

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (data.present && !existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
});

describe.skipIf(!data.present)(`deep-review (8 files, CSL-JSON) through coverage, report and SARIF${data.skipNote}`, () => {
  it('coverage: eight files whose figures add up, and agree with check', () => {
    const r = run(['coverage', ...files, ...bibliography, '--format', 'json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as CoverageReport;
    expect(report.files).toHaveLength(8);
    const sum = (k: 'claims' | 'cited' | 'uncited') => report.files.reduce((n, f) => n + f.figures[k], 0);
    expect([report.figures.claims, report.figures.cited, report.figures.uncited]).toEqual([sum('claims'), sum('cited'), sum('uncited')]);
    expect(report.figures.claims).toBeGreaterThan(300);
    expect(report.figures.editorial).toBe(0); // deep-review has no editorial layer
    const check = JSON.parse(run(['check', ...files, ...bibliography, '--format', 'json']).stdout) as {
      files: { coverage: { claims: number; cited: number }; diagnostics: { code: string }[] }[];
    };
    expect(check.files.map((f) => [f.coverage.claims, f.coverage.cited])).toEqual(report.files.map((f) => [f.figures.claims, f.figures.cited]));
    expect(report.files.map((f) => f.uncited.length)).toEqual(check.files.map((f) => f.diagnostics.filter((d) => d.code === 'uncited-claim').length));
    // Nested sections: a section's claims include its subsections'.
    const intro = report.files[1]!.sections[0]!;
    expect(intro.children.length).toBeGreaterThan(0);
    expect(intro.figures.claims).toBeGreaterThanOrEqual(intro.children.reduce((n, c) => n + c.figures.claims, 0));
  }, 120_000);

  it('SARIF: valid against the schema, one result per diagnostic of check', () => {
    const r = run(['check', ...files, ...bibliography, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string }[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const check = JSON.parse(run(['check', ...files, ...bibliography, '--format', 'json']).stdout) as { files: { diagnostics: { code: string }[] }[] };
    expect(log.runs[0]!.results.map((x) => x.ruleId)).toEqual(check.files.flatMap((f) => f.diagnostics.map((d) => d.code)));
  }, 120_000);

  it('report: one page with a row per file and every uncited claim', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'marginalia-dr-')), 'report.html');
    expect(run(['report', ...files, ...bibliography, '-o', out]).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const report = JSON.parse(run(['coverage', ...files, ...bibliography, '--format', 'json']).stdout) as CoverageReport;
    expect(html.match(/<th scope="row" class="file">/g)).toHaveLength(8);
    expect(html.match(/<li id="claim-\d+"/g)).toHaveLength(report.figures.uncited);
    expect(html).toContain(`<h2 id="unused-h">Unused bibliography entries (${report.unused.length})</h2>`);
    expect(html).not.toMatch(/<script|<link|<img/);
  }, 120_000);
});
