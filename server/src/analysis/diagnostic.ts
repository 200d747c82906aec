/**
 * Findings in editor-neutral terms: a file, an offset range, a stable code. The LSP adapter and the
 * CLI translate these; they never invent their own.
 */
import type { OffsetRange } from '../text/range.js';
import type { AnalysisConfig } from './config.js';
import { diagnosticRules, type DiagnosticCode } from './diagnostics/registry.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type { DiagnosticCode } from './diagnostics/registry.js';

/** The default severity of each code (from the registry, diagnostics/registry.ts). */
export const diagnosticCodes = Object.fromEntries(diagnosticRules.map((r) => [r.code, r.severity])) as Readonly<
  Record<DiagnosticCode, Severity>
>;


export interface RelatedLocation {
  readonly file: string;
  readonly range: OffsetRange;
  readonly message: string;
}

export interface Finding {
  /** Path of the file the finding is in: the manuscript or one of its bibliographies. */
  readonly file: string;
  readonly range: OffsetRange;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  /** Marks findings on text that is not wrong but unneeded (rendered faded by editors). */
  readonly unnecessary?: boolean;
  /** Machine-readable details for clients (LSP `Diagnostic.data`), e.g. an uncited claim's score. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export function finding(
  code: DiagnosticCode,
  file: string,
  range: OffsetRange,
  message: string,
  extra: Pick<Finding, 'related' | 'unnecessary' | 'data'> = {},
): Finding {
  return { code, file, range, message, severity: diagnosticCodes[code], ...extra };
}

/** Applies the user's severity settings; `off` removes the finding. */
export function applySeverity(findings: readonly Finding[], config: AnalysisConfig): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const wanted = config.severity[f.code];
    if (wanted === 'off') continue;
    // The same object when nothing changes: callers compare findings by identity to skip republishing.
    out.push(wanted && wanted !== f.severity ? { ...f, severity: wanted } : f);
  }
  return out;
}
