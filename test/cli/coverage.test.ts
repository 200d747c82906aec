/** `marginalia coverage`, `report`, `check --format sarif` and `--fail-under`, through the built CLI. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root, runCli } from './built-cli.js';
import type { CoverageReport } from '../../server/src/analysis/report.js';
import { sarifValidator } from './sarif-schema.js';


const run = runCli;

beforeAll(ensureBuilt);

interface CheckJson {
  files: { file: string; diagnostics: { code: string; range: { start: { line: number; character: number } } }[]; coverage: { claims: number; cited: number; editoriallyCited: number } }[];
}

describe('marginalia coverage', () => {
  it('prints the edition by section as JSON, with the figures check prints (8/20)', () => {
    const r = run(['coverage', 'document/paper.md', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as CoverageReport;
    const check = JSON.parse(run(['check', 'document/paper.md', '--format', 'json']).stdout) as CheckJson;
    const c = check.files[0]!.coverage;
    expect([report.figures.claims, report.figures.cited, report.figures.editorial]).toEqual([c.claims, c.cited, c.editoriallyCited]);
    expect([report.figures.claims, report.figures.cited]).toEqual([20, 8]);
    const file = report.files[0]!;
    expect(file.file).toBe('document/paper.md');
    expect(file.sections.map((s) => [s.title, s.place.start.line + 1, s.figures.claims, s.figures.uncited])).toEqual([
      ['1 Introduction', 70, 7, 3],
      ['2 Method and Theoretical Framework', 78, 5, 4],
      ['3 Discussion', 86, 3, 1],
      ['4 Conclusion and Suggestions', 92, 5, 4],
      ['5 References', 101, 0, 0],
    ]);
    // Every uncited claim of the report is an uncited-claim diagnostic at the same place.
    const diagnostics = check.files[0]!.diagnostics.filter((d) => d.code === 'uncited-claim').map((d) => d.range.start);
    expect(file.uncited.map((u) => u.place.start)).toEqual(diagnostics);
    expect(file.categories.map((x) => [x.id, x.consequences.length])).toEqual([['positive', 5], ['negative', 5]]);
    // No unused-reference hint (nocite lists them), but the report shows the 28 works no sentence cites.
    expect(check.files[0]!.diagnostics.filter((d) => d.code === 'unused-reference')).toEqual([]);
    expect(report.unused).toHaveLength(28);
    expect(report.unused.every((u) => u.nocite && u.place.file === 'document/references.bib')).toBe(true);
  });

  it('prints text and a Markdown table', () => {
    const text = run(['coverage', 'document/paper.md']);
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([
      'document/paper.md: claims cited 8/20 (40%): 0 by the authors, 8 only editorially, 12 uncited',
      '  70: 1 Introduction: 4/7 (57%): 0 by the authors, 4 only editorially, 3 uncited',
      '  78: 2 Method and Theoretical Framework: 1/5 (20%): 0 by the authors, 1 only editorially, 4 uncited',
    ]);
    const md = run(['coverage', 'document/paper.md', '--format', 'markdown']).stdout.split('\n');
    expect(md).toContain('| 1 Introduction | 7 | 0 | 4 | 3 | 57% |');
    expect(md).toContain('| **All** | 20 | 0 | 8 | 12 | 40% |');
  });

  it('nests sections in the Markdown table and escapes their pipes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-coverage-'));
    writeFileSync(path.join(dir, 'p.md'), '# A | B\n\n## Inner\n\n[Trade fell by half.]{.claim}\n');
    const md = run(['coverage', 'p.md', '--format', 'markdown'], dir).stdout.split('\n');
    expect(md).toContain('| A \\| B | 1 | 0 | 0 | 1 | 0% |');
    expect(md).toContain('| &emsp;Inner | 1 | 0 | 0 | 1 | 0% |');
  });

  it('--fail-under: exits 1 below the threshold and says so (the edition: 8/20 = 40%)', () => {
    const below = run(['coverage', 'document/paper.md', '--fail-under', '41']);
    expect(below.code).toBe(1);
    expect(below.stdout).toContain('Claims cited: 8/20 (40%) is below --fail-under 41%');
    expect(below.stderr).toContain('is below --fail-under 41%');
    const at = run(['coverage', 'document/paper.md', '--fail-under', '40%']);
    expect(at.code).toBe(0);
    expect(at.stdout).toContain('Claims cited: 8/20 (40%) meets --fail-under 40%');
    expect(run(['coverage', 'document/paper.md', '--fail-under', 'most']).code).toBe(2);
  });

  it('--fail-under: the share is rounded down (2/3 = 66.7% is 66%)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-coverage-'));
    writeFileSync(path.join(dir, 'p.md'), '# A\n\n[Trade fell by half]{.claim} [@a].\n\n[Exports rose]{.claim} [@b].\n\n[Imports fell.]{.claim}\n');
    const below = run(['coverage', 'p.md', '--fail-under', '67'], dir);
    expect([below.code, below.stdout.trimEnd().split('\n').at(-1)]).toEqual([1, 'Claims cited: 2/3 (66%) is below --fail-under 67%']);
    const at = run(['coverage', 'p.md', '--fail-under', '66'], dir);
    expect([at.code, at.stdout.trimEnd().split('\n').at(-1)]).toEqual([0, 'Claims cited: 2/3 (66%) meets --fail-under 66%']);
  });
});

describe('marginalia check --fail-under', () => {
  it('keeps exit 0 without errors above the threshold, exits 1 below it, and states the verdict', () => {
    const ok = run(['check', 'document/paper.md', '--fail-under', '20']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('Claims cited: 8/20 (40%) meets --fail-under 20%');
    const low = run(['check', 'document/paper.md', '--fail-under', '90', '--format', 'json']);
    expect(low.code).toBe(1);
    expect((JSON.parse(low.stdout) as { failUnder: { passed: boolean; percent: number } }).failUnder).toMatchObject({ passed: false, percent: 40 });
  });
});

describe('marginalia check --format sarif', () => {
  it('writes a SARIF 2.1.0 log that the official schema accepts, one result per diagnostic', () => {
    const r = run(['check', 'document/paper.md', '--format', 'sarif']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[] }[];
        properties: { coverage: { claims: number; cited: number } };
      }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);

    const check = JSON.parse(run(['check', 'document/paper.md', '--format', 'json']).stdout) as CheckJson;
    const diagnostics = check.files[0]!.diagnostics;
    const run0 = log.runs[0]!;
    expect(run0.results).toHaveLength(diagnostics.length);
    expect(run0.results.map((x) => x.ruleId)).toEqual(diagnostics.map((d) => d.code));
    expect(run0.results.map((x) => [x.locations[0]!.physicalLocation.region.startLine, x.locations[0]!.physicalLocation.region.startColumn])).toEqual(
      diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1]),
    );
    const uncited = run0.results.find((x) => x.ruleId === 'uncited-claim')!;
    expect(uncited.level).toBe('warning');
    expect(uncited.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'document/paper.md', uriBaseId: '%SRCROOT%' });
    // A hint or information is a SARIF note (the edition has no hints: its unused entries are all nocite).
    const asHint = JSON.parse(run(['check', 'document/paper.md', '--format', 'sarif', '--severity', 'uncited-claim=hint']).stdout) as typeof log;
    expect(asHint.runs[0]!.results.find((x) => x.ruleId === 'uncited-claim')!.level).toBe('note');
    expect(run0.tool.driver.rules[uncited.ruleIndex]!.id).toBe('uncited-claim');
    expect(run0.properties.coverage).toMatchObject({ claims: 20, cited: 8 });

    // Each rule links to its section of docs/diagnostics.md.
    const headings = [...readFileSync(path.join(root, 'docs/diagnostics.md'), 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    expect(run0.tool.driver.rules.map((x) => x.helpUri.split('docs/diagnostics.md#')[1])).toEqual(headings);
    expect(run0.tool.driver.rules.map((x) => x.id)).toEqual(headings);
  });

  it('the schema check can fail: a log without a version or with a bad level is rejected', () => {
    const log = JSON.parse(run(['check', 'document/paper.md', '--format', 'sarif']).stdout) as { version?: string; runs: { results: { level: string }[] }[] };
    const validate = sarifValidator();
    const noVersion = { ...log };
    delete noVersion.version;
    expect(validate(noVersion)).toBe(false);
    const badLevel = structuredClone(log);
    badLevel.runs[0]!.results[0]!.level = 'hint';
    expect(validate(badLevel)).toBe(false);
  });

  it('reports an error with its level, and a failed --fail-under gate as an unsuccessful invocation', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-sarif-'));
    writeFileSync(path.join(dir, 'refs.bib'), '@book{real2020, title = {Real}, year = {2020}}\n');
    writeFileSync(path.join(dir, 'p.md'), '---\nbibliography: refs.bib\n---\n\n# Intro\n\nAs shown before [@rael2020].\n\n[Trade fell by half.]{.claim}\n');
    const r = run(['check', 'p.md', '--format', 'sarif', '--fail-under', '80'], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[]; results: { ruleId: string; level: string; locations: { physicalLocation: { region: object } }[] }[] }[];
    };
    expect(sarifValidator()(log)).toBe(true);
    const unknown = log.runs[0]!.results.find((x) => x.ruleId === 'unknown-key')!;
    expect(unknown.level).toBe('error');
    expect(unknown.locations[0]!.physicalLocation.region).toEqual({ startLine: 7, startColumn: 19, endLine: 7, endColumn: 27 });
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text).toBe('Claims cited: 1/2 (50%) is below --fail-under 80%');
  });
});

describe('marginalia report', () => {
  it('writes one self-contained HTML page where -o says, with no network reference', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-report-'));
    const out = path.join(dir, 'report.html');
    const r = run(['report', 'document/paper.md', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote ${out}: claims cited 8/20 (40%)\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-[^']+'">/);
    // The only URL is the SVG namespace, which is a name, not a request.
    expect([...html.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((m) => m[0])).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)/);
    expect(html).toContain('<h2 id="uncited-h">Uncited claims (12)</h2>');
  });

  it('without -o, prints the page and writes no file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-report-'));
    writeFileSync(path.join(dir, 'p.md'), '# One\n\n[Trade fell by half.]{.claim}\n');
    const r = run(['report', 'p.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(readdirSync(dir)).toEqual(['p.md']);
  });

  it('escapes what the manuscript says', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-report-'));
    writeFileSync(path.join(dir, 'p.md'), '---\ntitle: "Tom & <Jerry>"\n---\n\n# <img src=x onerror=alert(1)>\n\n[The "war" <script>alert(1)</script> began in 2022.]{.claim}\n');
    const r = run(['report', 'p.md', '-o', 'out.html'], dir);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, 'out.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>Citation coverage: Tom &amp; &lt;Jerry&gt;</title>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;war&quot; &lt;script&gt;alert(1)&lt;/script&gt; began in 2022.');
  });
});
