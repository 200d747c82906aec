/**
 * One manuscript's own diagnostics as the server sends them, pushed or pulled: its findings, or the one
 * finding that says why it was not analysed. A rule that throws is fenced here like a parse that
 * throws in the host: the document gets `analysis-failed`, the log gets the stack.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { AnalysisConfig } from '../analysis/config.js';
import { applySeverity, type Finding } from '../analysis/diagnostic.js';
import { analysisFailed } from '../analysis/diagnostics/analysis-failed.js';
import { diagnoseManuscript } from '../analysis/diagnostics/index.js';
import { linesOf } from '../analysis/snapshot.js';
import type { Analysis } from '../workspace/host.js';
import { toDiagnostic } from './convert.js';

export function documentDiagnostics(a: Analysis, config: AnalysisConfig, logError: (message: string) => void): Diagnostic[] {
  if (a.kind === 'not-analysed') {
    if (a.error !== undefined) logError(`could not analyse ${a.path}: ${describe(a.error)}`);
    return applySeverity([a.finding], config).map((f) => toDiagnostic(f, a.lines, () => undefined));
  }
  const s = a.snapshot;
  let findings: Finding[];
  try {
    findings = diagnoseManuscript(s, config);
  } catch (e) {
    logError(`could not check ${s.path}: ${describe(e)}`);
    findings = applySeverity([analysisFailed(s.path, s.manuscript.text, e)], config);
  }
  return findings.map((f) => toDiagnostic(f, s.manuscript.lines, (file) => linesOf(s, file)));
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
