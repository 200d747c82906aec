/**
 * `marginalia coverage FILE… [--format text|json|markdown] [--fail-under PERCENT]` and
 * `marginalia report FILE… [-o report.html]`: the coverage report (analysis/report.ts) printed for a
 * terminal, as JSON, as a Markdown table (for a CI summary or a pull request), or as one HTML page.
 * The `--fail-under` gate is shared with `check`.
 */
import { cliHost } from './cli-host.js';
import * as path from 'node:path';
import { percent, type CoverageFigures } from '../analysis/coverage.js';
import { renderReportHtml } from '../analysis/report-html.js';
import { coverageReport, type CoverageReport, type FileReport, type SectionRow } from '../analysis/report.js';
import type { Snapshot } from '../analysis/snapshot.js';
import { writeOutput } from '../files/write-output.js';

export const VERSION = '0.1.0';

export interface CoverageOptions {
  readonly files: readonly string[];
  readonly format: string;
  readonly bibliography: readonly string[];
  readonly failUnder?: number;
  readonly output?: string;
}

export interface Gate {
  readonly threshold: number;
  readonly percent: number;
  readonly passed: boolean;
  readonly message: string;
}

/** The `--fail-under` verdict: passes when the share of cited claims (rounded down) reaches the threshold. */
export function gate(figures: CoverageFigures, threshold: number): Gate {
  const p = percent(figures);
  const passed = p >= threshold;
  const what = `Claims cited: ${figures.cited}/${figures.claims} (${p}%)`;
  return {
    threshold,
    percent: p,
    passed,
    message: passed ? `${what} meets --fail-under ${threshold}%` : `${what} is below --fail-under ${threshold}%`,
  };
}

/** Parses a `--fail-under` value: a percentage from 0 to 100 (a trailing % is allowed). */
export function parsePercent(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(value.trim());
  const n = m ? Number(m[1]) : NaN;
  return n >= 0 && n <= 100 ? n : undefined;
}

export async function loadSnapshots(files: readonly string[], bibliography: readonly string[]): Promise<Snapshot[] | string> {
  const host = cliHost({ bibliography });
  const out: Snapshot[] = [];
  for (const f of files) {
    const s = await host.snapshot(path.resolve(f));
    if (!s) return `cannot read ${f}`;
    out.push(s);
  }
  return out;
}

export async function coverageCommand(o: CoverageOptions): Promise<number> {
  if (!o.files.length) return fail('marginalia coverage needs at least one file');
  if (!['text', 'json', 'markdown'].includes(o.format)) return fail(`coverage: unknown format '${o.format}' (text, json or markdown)`);
  const snapshots = await loadSnapshots(o.files, o.bibliography);
  if (typeof snapshots === 'string') return fail(snapshots);
  const report = coverageReport(snapshots);
  const verdict = o.failUnder !== undefined ? gate(report.figures, o.failUnder) : undefined;
  if (o.format === 'json') {
    const json = { ...relativeFiles(report), ...(verdict ? { failUnder: verdict } : {}) };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    const lines = o.format === 'markdown' ? markdown(report) : text(report);
    if (verdict) lines.push('', verdict.message);
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (verdict && !verdict.passed) process.stderr.write(`marginalia: ${verdict.message}\n`);
  return verdict && !verdict.passed ? 1 : 0;
}

export async function reportCommand(o: CoverageOptions): Promise<number> {
  if (!o.files.length) return fail('marginalia report needs at least one file');
  const snapshots = await loadSnapshots(o.files, o.bibliography);
  if (typeof snapshots === 'string') return fail(snapshots);
  const report = coverageReport(snapshots);
  const html = renderReportHtml(report, { mode: 'standalone', displayPath: rel, generator: `Marginalia ${VERSION}` });
  if (o.output) {
    try {
      await writeOutput(o.output, html);
    } catch (e) {
      return fail(`cannot write ${o.output}: ${(e as Error).message}`);
    }
    process.stdout.write(`Wrote ${o.output}: claims cited ${report.figures.cited}/${report.figures.claims} (${percent(report.figures)}%)\n`);
  } else process.stdout.write(html);
  return 0;
}

function text(report: CoverageReport): string[] {
  const out: string[] = [];
  const line = (f: CoverageFigures) =>
    f.claims
      ? `${f.cited}/${f.claims} (${percent(f)}%): ${f.byAuthors} by the authors, ${f.editorial} only editorially, ${f.uncited} uncited`
      : 'no claims';
  for (const f of report.files) {
    out.push(`${rel(f.file)}: claims cited ${line(f.figures)}`);
    if (f.beforeFirstHeading) out.push(`  (before the first heading): ${line(f.beforeFirstHeading)}`);
    const walk = (list: readonly SectionRow[], indent: string) => {
      for (const s of list) {
        out.push(`${indent}${s.place.start.line + 1}: ${s.title}: ${line(s.figures)}`);
        walk(s.children, indent + '  ');
      }
    };
    walk(f.sections, '  ');
    for (const c of f.categories) {
      out.push(`  ${c.label} (${c.consequences.length} consequences): ${line(c.figures)}`);
      for (const k of c.consequences)
        out.push(`    ${k.key}: ${k.mentions.length} mention${k.mentions.length === 1 ? '' : 's'} in ${k.sentences} sentence${k.sentences === 1 ? '' : 's'}, ${line(k.figures)}`);
    }
  }
  if (report.files.length > 1) out.push(`All ${report.files.length} files: claims cited ${line(report.figures)}`);
  return out;
}

function markdown(report: CoverageReport): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const row = (label: string, f: CoverageFigures) =>
    `| ${label} | ${f.claims} | ${f.byAuthors} | ${f.editorial} | ${f.uncited} | ${f.claims ? `${percent(f)}%` : '–'} |`;
  const out = [`## Citation coverage: ${cell(report.title)}`, ''];
  const f = report.figures;
  out.push(`**Claims cited: ${f.cited}/${f.claims} (${percent(f)}%)**: ${f.byAuthors} by the authors, ${f.editorial} only editorially, ${f.uncited} uncited.`, '');
  out.push('| Section | Claims | Cited by the authors | Only editorially | Uncited | Cited |', '|---|--:|--:|--:|--:|--:|');
  const many = report.files.length > 1;
  const walk = (list: readonly SectionRow[], depth: number) => {
    for (const s of list) {
      out.push(row(`${'&emsp;'.repeat(depth)}${cell(s.title)}`, s.figures));
      walk(s.children, depth + 1);
    }
  };
  for (const file of report.files) {
    if (many) out.push(row(`**${cell(rel(file.file))}**`, file.figures));
    if (file.beforeFirstHeading) out.push(row(`${many ? '&emsp;' : ''}(before the first heading)`, file.beforeFirstHeading));
    walk(file.sections, many ? 1 : 0);
  }
  out.push(row('**All**', f));
  const categories = report.files.flatMap((x: FileReport) => x.categories);
  if (categories.length) {
    out.push('', '| Consequence | Category | Mentions | Claims | Uncited |', '|---|---|--:|--:|--:|');
    for (const c of categories)
      for (const k of c.consequences)
        out.push(`| ${cell(k.text)} (\`${cell(k.key)}\`) | ${cell(c.label)} | ${k.mentions.length} | ${k.figures.claims} | ${k.figures.uncited} |`);
  }
  return out;
}

/** The report with every `file` relative to the working folder, as the CLI prints paths. */
function relativeFiles(report: CoverageReport): CoverageReport {
  return JSON.parse(JSON.stringify(report, (key, value: unknown) => (key === 'file' && typeof value === 'string' ? rel(value) : value))) as CoverageReport;
}

export function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

/** A usage error or an unreadable input: said on stderr, exit code 2 (as `check` does). */
function fail(message: string): number {
  process.stderr.write(`marginalia: ${message}\n`);
  return 2;
}
