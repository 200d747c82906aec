/** What a user can configure; the adapters fill it from VS Code settings or CLI flags. */
import type { DiagnosticCode, Severity } from './diagnostic.js';
import type { Sensitivity } from '../model/claims/model.js';

export interface AnalysisConfig {
  /** A CSL style name known to the formatter (`apa`) or a path to a `.csl` file. */
  readonly citationStyle: string;
  readonly locale: string;
  /** Per-code severity overrides; `off` silences a code. */
  readonly severity: Partial<Record<DiagnosticCode, Severity | 'off'>>;
  /** Size limits past which an input is not analysed but reported (settings `marginalia.limits.*`). */
  readonly limits?: Partial<Limits>;
  /** How readily a sentence counts as a claim (`marginalia.claims.sensitivity`); `precise` when absent. */
  readonly claimSensitivity?: Sensitivity;
}

export interface FileLimits {
  /** Bibliographies larger than this are not read (a diagnostic says so). */
  readonly bibliographyBytes: number;
  /** CSL styles larger than this are not read. */
  readonly styleBytes: number;
}

export interface Limits extends FileLimits {
  /** Manuscripts larger than this (UTF-8 bytes) are not analysed (`manuscript-too-large`). */
  readonly manuscriptBytes: number;
}

/** Far above real files: the largest corpus bibliography is 2 MB, CSL styles are under 200 KB. */
export const defaultFileLimits: FileLimits = { bibliographyBytes: 64 * 1024 * 1024, styleBytes: 2 * 1024 * 1024 };
export const defaultLimits: Limits = { ...defaultFileLimits, manuscriptBytes: 5_000_000 };

export const defaultConfig: AnalysisConfig = {
  citationStyle: 'apa',
  locale: 'en-US',
  severity: {},
};
