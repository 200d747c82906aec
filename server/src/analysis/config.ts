/** What a user can configure; the adapters fill it from VS Code settings or CLI flags. */
import type { DiagnosticCode, Severity } from './diagnostic.js';
import type { Sensitivity } from '../model/claims/model.js';

export interface AnalysisConfig {
  /** A CSL style name known to the formatter (`apa`) or a path to a `.csl` file. */
  readonly citationStyle: string;
  readonly locale: string;
  /** Per-code severity overrides; `off` silences a code. */
  readonly severity: Partial<Record<DiagnosticCode, Severity | 'off'>>;
  /** How readily a sentence counts as a claim (`marginalia.claims.sensitivity`); `precise` when absent. */
  readonly claimSensitivity?: Sensitivity;
}

export const defaultConfig: AnalysisConfig = {
  citationStyle: 'apa',
  locale: 'en-US',
  severity: {},
};
