/** What a user can configure; the adapters fill it from VS Code settings or CLI flags. */
import type { DiagnosticCode, Severity } from './diagnostic.js';

export interface AnalysisConfig {
  /** A CSL style name known to the formatter (`apa`) or a path to a `.csl` file. */
  readonly citationStyle: string;
  readonly locale: string;
  /** Per-code severity overrides; `off` silences a code. */
  readonly severity: Partial<Record<DiagnosticCode, Severity | 'off'>>;
  /** `marginalia.limits.bibliographyBytes` / `styleBytes`: larger files are not read (a diagnostic says so). */
  readonly fileLimits?: Partial<FileLimits>;
}

export interface FileLimits {
  readonly bibliographyBytes: number;
  readonly styleBytes: number;
}

/** Far above real files: the largest corpus bibliography is 2 MB, CSL styles are under 200 KB. */
export const defaultFileLimits: FileLimits = { bibliographyBytes: 64 * 1024 * 1024, styleBytes: 2 * 1024 * 1024 };

export const defaultConfig: AnalysisConfig = {
  citationStyle: 'apa',
  locale: 'en-US',
  severity: {},
};
