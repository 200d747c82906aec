/**
 * `marginalia`: the same core as the language server, for terminals and CI.
 *   marginalia check [files…] [--format json] [--bibliography FILE]…   diagnostics, outline, coverage
 *   marginalia citations FILE… [--format json]                         every citation occurrence
 *   marginalia coverage FILE… [--format text|json|markdown]            coverage by section and consequence
 *   marginalia report FILE… [-o report.html]                           the coverage report as one HTML page
 *   marginalia accept|reject FILE                                      the text with review marks resolved
 *   marginalia lsp --stdio                                             the language server
 */
import { cliHost } from './cli-host.js';
import * as path from 'node:path';
import { defaultConfig, type AnalysisConfig } from '../analysis/config.js';
import { coverage, coverageBreakdown, formatCoverage, sumFigures } from '../analysis/coverage.js';
import { diagnoseBibliography, diagnoseManuscript } from '../analysis/diagnostics/index.js';
import { applySeverity, type Finding, type Severity } from '../analysis/diagnostic.js';
import { isDiagnosticCode } from '../analysis/diagnostics/registry.js';
import { analysisFailed } from '../analysis/diagnostics/analysis-failed.js';
import { DEFAULT_SENSITIVITY, parseSensitivity, type Sensitivity } from '../model/claims/model.js';
import { consequencesByCategory } from '../analysis/outline.js';
import { linesOf } from '../analysis/snapshot.js';
import { runServer } from '../lsp/run.js';
import { LineIndex } from '../text/line-index.js';
import type { OffsetRange } from '../text/range.js';
import type { Analysis } from '../workspace/host.js';
import { NodeFileSystem } from '../files/node-file-system.js';
import { coverageCommand, gate, parsePercent, reportCommand, VERSION } from './coverage-commands.js';
import { toSarif } from './sarif.js';
import { endQuietlyWhenOutputCloses } from './closed-output.js';
import { resolveMarksCommand } from './resolve-marks.js';
import { expandProjectArgs } from './project-args.js';
import { citationsCommand } from './citations-command.js';

const USAGE = `Usage:
  marginalia check [FILE…] [--format text|json|sarif] [--fail-under PERCENT] [--bibliography FILE]… [--severity CODE=LEVEL]…
                   [--sensitivity precise|balanced|thorough] [--max-manuscript-bytes N]
  marginalia citations FILE… [--format text|json] [--bibliography FILE]… [--max-manuscript-bytes N]
  marginalia coverage FILE… [--format text|json|markdown] [--fail-under PERCENT] [--bibliography FILE]…
  marginalia report FILE… [-o report.html] [--bibliography FILE]…
  marginalia accept FILE | marginalia reject FILE
  marginalia lsp --stdio
A FILE that is a book's _quarto.yml or _bookdown.yml (or its folder) stands for its chapters, in order;
any other folder for the manuscripts under it (*.md, *.qmd, *.Rmd; not node_modules or dot folders).
`;

interface Options {
  files: string[];
  format: 'text' | 'json' | 'sarif' | 'markdown';
  bibliography: string[];
  severity: AnalysisConfig['severity'];
  /** `--fail-under PERCENT`: exit 1 when fewer claims are cited. */
  failUnder?: number;
  /** `-o FILE` (report). */
  output?: string;
  manuscriptBytes?: number;
  sensitivity: Sensitivity;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { files: [], format: 'text', bibliography: [], severity: {}, sensitivity: DEFAULT_SENSITIVITY };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => args[++i] ?? '';
    if (a === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'markdown') return `unknown format '${f}'`;
      o.format = f;
    } else if (a.startsWith('--format=')) o.format = a.slice(9) === 'json' ? 'json' : 'text';
    else if (a === '--bibliography') o.bibliography.push(value());
    else if (a === '--fail-under') {
      const p = parsePercent(value());
      if (p === undefined) return '--fail-under takes a percentage from 0 to 100';
      o.failUnder = p;
    } else if (a === '-o' || a === '--output') o.output = value();
    else if (a === '--max-manuscript-bytes') {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) return `--max-manuscript-bytes takes a positive number of bytes`;
      o.manuscriptBytes = n;
    }
    else if (a === '--severity') {
      const [code, level] = value().split('=');
      if (!code || !isDiagnosticCode(code)) return `unknown diagnostic code '${code}'`;
      if (!['error', 'warning', 'information', 'hint', 'off'].includes(level ?? '')) return `unknown severity '${level}'`;
      o.severity[code] = level as Severity | 'off';
    } else if (a === '--sensitivity' || a.startsWith('--sensitivity=')) {
      const v = a === '--sensitivity' ? value() : a.slice('--sensitivity='.length);
      const s = parseSensitivity(v);
      if (!s) return `unknown sensitivity '${v}' (precise, balanced or thorough)`;
      o.sensitivity = s;
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else o.files.push(a);
  }
  return o;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'lsp') {
    runServer();
    return new Promise<number>(() => undefined); // runs until the client exits the process
  }
  if (command === 'accept' || command === 'reject') return resolveMarksCommand(command, rest, USAGE);
  if (command !== 'check' && command !== 'citations' && command !== 'coverage' && command !== 'report') {
    process.stderr.write(command && command !== '--help' && command !== '-h' ? `unknown command '${command}'\n${USAGE}` : USAGE);
    return command === '--help' || command === '-h' ? 0 : 2;
  }
  const options = parseArgs(rest);
  if (typeof options === 'string') {
    process.stderr.write(`marginalia: ${options}\n${USAGE}`);
    return 2;
  }
  const files = await expandProjectArgs(options.files, new NodeFileSystem());
  if (typeof files === 'string') {
    process.stderr.write(`marginalia: ${files}\n`);
    return 2;
  }
  options.files = files;
  if (command === 'coverage') return coverageCommand(options);
  if (command === 'report') return reportCommand(options);
  if (command === 'citations') {
    if (!options.files.length || (options.format !== 'text' && options.format !== 'json')) {
      process.stderr.write(`marginalia citations takes one or more files and prints text or json\n${USAGE}`);
      return 2;
    }
    return citationsCommand({ ...options, format: options.format });
  }
  return check(options);
}

async function check(o: Options): Promise<number> {
  if (o.format === 'markdown') {
    process.stderr.write(`marginalia: check prints text, json or sarif (markdown is for coverage)\n${USAGE}`);
    return 2;
  }
  const files = o.files.length ? o.files : ['document/paper.md'];
  const config: AnalysisConfig = { ...defaultConfig, severity: o.severity, claimSensitivity: o.sensitivity };
  const host = cliHost(o);
  const analyses: Analysis[] = [];
  for (const f of files) {
    const a = await host.analyse(path.resolve(f));
    if (!a) {
      process.stderr.write(`marginalia: cannot read ${f}\n`);
      return 2;
    }
    analyses.push(a);
  }
  const snapshots = analyses.flatMap((a) => (a.kind === 'analysed' ? [a.snapshot] : []));
  // Each bibliography file's findings once, computed over every manuscript given; listed after the
  // first manuscript that uses it. A file whose analysis fails gets that one finding; the others go on.
  const reported = new Set<string>();
  const results = analyses.map((a) => {
    if (a.kind === 'not-analysed') {
      if (a.error !== undefined) process.stderr.write(`marginalia: could not analyse ${rel(a.path)}: ${(a.error as Error).stack ?? String(a.error)}\n`);
      return { path: a.path, lines: a.lines, findings: applySeverity([a.finding], config) };
    }
    const s = a.snapshot;
    const bibs = s.bibliographies.flatMap((b) => (b.file && !reported.has(b.file.path) ? [b.file.path] : []));
    for (const b of bibs) reported.add(b);
    try {
      const findings = [...diagnoseManuscript(s, config), ...bibs.flatMap((b) => diagnoseBibliography(b, snapshots, config))];
      return { path: s.path, lines: s.manuscript.lines, snapshot: s, findings, coverage: coverage(s), consequences: consequencesByCategory(s) };
    } catch (e) {
      process.stderr.write(`marginalia: could not check ${rel(s.path)}: ${(e as Error).stack ?? String(e)}\n`);
      return { path: s.path, lines: s.manuscript.lines, findings: applySeverity([analysisFailed(s.path, s.manuscript.text, e)], config) };
    }
  });
  const all = results.flatMap((r) => r.findings);
  /** Lines of any file a finding is in: the manuscript's own, or a bibliography's. */
  const linesFor = (r: (typeof results)[number], file: string) => (file === r.path ? r.lines : r.snapshot && linesOf(r.snapshot, file));
  const errors = all.filter((f) => f.severity === 'error').length;
  const figures = sumFigures(snapshots.map((s) => coverageBreakdown(s).figures));
  const verdict = o.failUnder !== undefined ? gate(figures, o.failUnder) : undefined;
  const exit = errors || (verdict && !verdict.passed) ? 1 : 0;
  if (verdict && !verdict.passed) process.stderr.write(`marginalia: ${verdict.message}\n`);

  if (o.format === 'sarif') {
    const log = toSarif({ results, root: process.cwd(), version: VERSION, coverage: figures, errors: errors > 0, ...(verdict ? { gate: verdict } : {}) });
    process.stdout.write(JSON.stringify(log, null, 2) + '\n');
    return exit;
  }

  if (o.format === 'json') {
    const json = {
      files: results.map((r) => ({
        file: rel(r.path),
        diagnostics: r.findings.map((f) => findingJson(linesFor(r, f.file), f)),
        analysed: !!r.snapshot,
        outline: (r.consequences ?? []).map((c) => ({
          category: c.id,
          label: c.label,
          consequences: c.groups.map((g) => ({
            key: g.key,
            domain: g.mentions[0]?.domain ?? null,
            mentions: g.mentions.map((m) => ({
              text: m.text,
              section: m.annotation.section?.title ?? null,
              range: lineRange(r.lines, m.annotation.range),
            })),
          })),
        })),
        coverage: r.coverage
          ? {
              claims: r.coverage.claims,
              cited: r.coverage.cited,
              editoriallyCited: r.coverage.editoriallyCited,
              uncited: r.coverage.uncited.map((u) => ({ text: u.text, range: lineRange(r.lines, u.range) })),
            }
          : null,
      })),
      summary: summary(all),
      ...(verdict ? { failUnder: verdict } : {}),
    };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return exit;
  }

  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const lines = linesFor(r, f.file);
      const p = lines ? lines.position(f.range.start) : { line: 0, character: 0 };
      out.push(`${rel(f.file)}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message}`);
    }
  }
  for (const r of results) {
    if (!r.coverage) {
      out.push('', `${rel(r.path)}: not analysed`);
      continue;
    }
    if (r.consequences.length) {
      out.push('', `Consequences in ${rel(r.path)}:`);
      for (const c of r.consequences) {
        out.push(`  ${c.label} (${c.groups.length})`);
        for (const g of c.groups) {
          const domain = g.mentions[0]?.domain ? ` [${g.mentions[0].domain}]` : '';
          out.push(`    ${g.key}${domain}: ${g.mentions.length} mention${g.mentions.length === 1 ? '' : 's'}`);
          for (const m of g.mentions) {
            const p = r.lines.position(m.annotation.range.start);
            out.push(`      ${p.line + 1}:${p.character + 1} ${m.annotation.section?.title ?? ''}: “${m.text}”`);
          }
        }
      }
    }
    out.push('', `${rel(r.path)}: ${formatCoverage(r.coverage)}`);
  }
  const s = summary(all);
  out.push(`${s.error} errors, ${s.warning} warnings, ${s.information} infos, ${s.hint} hints`);
  if (verdict) out.push(verdict.message);
  process.stdout.write(out.join('\n') + '\n');
  return exit;
}

function summary(all: readonly Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of all) s[f.severity]++;
  return s;
}

function findingJson(lines: LineIndex | undefined, f: Finding) {
  return {
    file: rel(f.file),
    range: lines ? lineRange(lines, f.range) : null,
    code: f.code,
    severity: f.severity,
    message: f.message,
    ...(f.data ? { data: f.data } : {}),
  };
}

function lineRange(lines: LineIndex, r: OffsetRange) {
  return { start: lines.position(r.start), end: lines.position(r.end) };
}

function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

if (require.main === module) {
  endQuietlyWhenOutputCloses();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`marginalia: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
