/** What a user can configure; the adapters fill it from VS Code settings or CLI flags. */
import type { DiagnosticCode, Severity } from './diagnostic.js';

export interface AnalysisConfig {
  /** A CSL style name known to the formatter (`apa`) or a path to a `.csl` file. */
  readonly citationStyle: string;
  readonly locale: string;
  /** Per-code severity overrides; `off` silences a code. */
  readonly severity: Partial<Record<DiagnosticCode, Severity | 'off'>>;
  /** Size limits past which an input is not analysed but reported (`manuscript-too-large`). */
  readonly limits?: Partial<Limits>;
}

export interface Limits {
  /** Manuscripts larger than this (UTF-8 bytes) are not analysed. */
  readonly manuscriptBytes: number;
}

export const defaultLimits: Limits = { manuscriptBytes: 5_000_000 };

export const defaultConfig: AnalysisConfig = {
  citationStyle: 'apa',
  locale: 'en-US',
  severity: {},
};
