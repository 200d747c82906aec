/**
 * `marginalia check --format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning tools
 * read (one run, one result per finding, a rule per diagnostic code with a link to its section of
 * docs/diagnostics.md). Locations are relative to the working folder (`%SRCROOT%`) so a CI upload
 * maps them onto the repository; lines and columns are 1-based, columns in UTF-16 code units.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Invocation, Log, ReportingDescriptor, Result } from 'sarif';
import type { CoverageFigures } from '../analysis/coverage.js';
import type { Finding, Severity } from '../analysis/diagnostic.js';
import { diagnosticRules } from '../analysis/diagnostics/registry.js';
import { linesOf, type Snapshot } from '../analysis/snapshot.js';
import type { LineIndex } from '../text/line-index.js';

/** Where docs/diagnostics.md is published (the repository named in package.json). */
export const DIAGNOSTICS_DOCS = 'https://example.invalid/marginalia/blob/main/docs/diagnostics.md';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifInput {
  /** Per manuscript: its findings, its own lines, and its snapshot for bibliography files (absent when it could not be analysed). */
  readonly results: readonly { readonly path: string; readonly lines: LineIndex; readonly snapshot?: Snapshot; readonly findings: readonly Finding[] }[];
  /** The folder paths are made relative to (`%SRCROOT%`). */
  readonly root: string;
  readonly version: string;
  readonly coverage: CoverageFigures;
  /** The `--fail-under` verdict, when one was asked for. */
  readonly gate?: { readonly threshold: number; readonly percent: number; readonly passed: boolean; readonly message: string };
  /** Whether the run found errors (exit code 1). */
  readonly errors: boolean;
}

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(input: SarifInput): Log {
  const rules: ReportingDescriptor[] = diagnosticRules.map(({ code, severity, summary }) => ({
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase()),
    shortDescription: { text: humanName(code) },
    fullDescription: { text: summary },
    helpUri: `${DIAGNOSTICS_DOCS}#${code}`,
    defaultConfiguration: { level: LEVEL[severity] },
  }));
  const location = (r: SarifInput['results'][number], file: string, range: { start: number; end: number }) => {
    const lines = file === r.path ? r.lines : r.snapshot && linesOf(r.snapshot, file);
    const start = lines?.position(range.start) ?? { line: 0, character: 0 };
    const end = lines?.position(range.end) ?? start;
    return {
      physicalLocation: {
        artifactLocation: artifact(file, input.root),
        region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
      },
    };
  };
  const results: Result[] = input.results.flatMap((r) =>
    r.findings.map((f): Result => ({
      ruleId: f.code,
      ruleIndex: rules.findIndex((r) => r.id === f.code),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(r, f.file, f.range)],
      ...(f.related?.length
        ? { relatedLocations: f.related.map((x, i) => ({ id: i + 1, ...location(r, x.file, x.range), message: { text: x.message } })) }
        : {}),
    })),
  );
  const invocation: Invocation = {
    executionSuccessful: !input.errors && (input.gate?.passed ?? true),
    ...(input.gate
      ? { toolExecutionNotifications: [{ level: input.gate.passed ? 'note' : 'error', message: { text: input.gate.message } }] }
      : {}),
  };
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Marginalia',
            version: input.version,
            informationUri: DIAGNOSTICS_DOCS,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(input.root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation],
        results,
        properties: { coverage: { ...input.coverage } },
      },
    ],
  };
}

function artifact(file: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function humanName(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
