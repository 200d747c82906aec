/**
 * One manuscript's own diagnostics as the server sends them, pushed or pulled: its findings, or the one
 * finding that says why it was not analysed. A rule that throws is fenced here like a parse that
 * throws in the host: the document gets `analysis-failed`, the log gets the stack.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { AnalysisConfig } from '../analysis/config.js';
import { applySeverity, type Finding } from '../analysis/diagnostic.js';
import { analysisFailed } from '../analysis/diagnostics/analysis-failed.js';
import { placedAt, type PlacedFindings } from '../analysis/diagnostics/block-findings.js';
import { diagnoseManuscript } from '../analysis/diagnostics/index.js';
import { linesOf } from '../analysis/snapshot.js';
import type { Analysis } from '../workspace/host.js';
import type { BlockFindingCache } from '../workspace/block-findings.js';
import { toDiagnostic } from './convert.js';
import type { DiagnosticObjects } from './diagnostic-objects.js';

/**
 * With `kept` (the host's per-block findings), only the blocks an edit changed are checked again; the
 * findings are the same (analysis/diagnostics/block-findings.ts). With `objects`, the diagnostics of
 * findings kept and not moved to another line are the objects sent before (diagnostic-objects.ts).
 */
export function documentDiagnostics(
  a: Analysis,
  config: AnalysisConfig,
  logError: (message: string) => void,
  kept?: BlockFindingCache,
  objects?: DiagnosticObjects,
): Diagnostic[] {
  if (a.kind === 'not-analysed') {
    if (a.error !== undefined) logError(`could not analyse ${a.path}: ${describe(a.error)}`);
    return applySeverity([a.finding], config).map((f) => toDiagnostic(f, a.lines, () => undefined));
  }
  const s = a.snapshot;
  // Each finding with its block's start when it is a block's kept finding (relative to the block), -1 when absolute.
  let placed: PlacedFindings;
  try {
    placed = kept ? kept.place(s, config, MAX_DIAGNOSTICS) : absolute(mostSevere(diagnoseManuscript(s, config), MAX_DIAGNOSTICS));
  } catch (e) {
    logError(`could not check ${s.path}: ${describe(e)}`);
    kept?.forget(s.path);
    placed = absolute(applySeverity([analysisFailed(s.path, s.manuscript.text, e)], config));
  }
  const others = (file: string) => linesOf(s, file);
  return placed.findings.map((f, i) => {
    const base = placed.bases[i]!;
    return objects ? objects.convert(f, base, s.manuscript.lines, others) : toDiagnostic(placedAt(f, base), s.manuscript.lines, others);
  });
}

/**
 * VS Code keeps at most 1,000 diagnostics per document, the most severe (extHostDiagnostics), and
 * underlines 500: a 1 MB manuscript without its bibliography has 5,000 findings, 1.6 MB of JSON to
 * encode and decode at every keystroke for nothing. `marginalia check` still lists them all.
 */
export const MAX_DIAGNOSTICS = 1000;

const RANK: Readonly<Record<Finding['severity'], number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The `max` most severe findings, in document order within a severity. */
export function mostSevere(findings: readonly Finding[], max: number): readonly Finding[] {
  if (findings.length <= max) return findings;
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.range.start - b.range.start).slice(0, max);
}

function absolute(findings: readonly Finding[]): PlacedFindings {
  return { findings, bases: findings.map(() => -1) };
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
