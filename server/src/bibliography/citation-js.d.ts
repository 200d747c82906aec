/**
 * Minimal typings for the parts of citation-js Marginalia uses (the packages ship no types).
 * Only what is called from bibtex-to-csl.ts and format.ts is declared.
 */
declare module '@citation-js/core' {
  interface Register<T> {
    add(name: string, value: T): unknown;
    has(name: string): boolean;
    get(name: string): T | undefined;
    list(): string[];
  }
  export const plugins: {
    input: {
      /** Synchronously converts `input` of the named input format (e.g. `@biblatex/entry+object`) to CSL-JSON. */
      data(input: unknown, format: string): unknown;
    };
    output: {
      /** Runs a registered output formatter (`bibliography`, `citation`...) on CSL-JSON data. */
      format(name: string, data: readonly object[], options?: Record<string, unknown>): unknown;
    };
    config: {
      get(plugin: '@csl'): { templates: Register<string>; locales: Register<string> };
      get(plugin: '@bibtex'): { parse: { sentenceCase: 'never' | 'english' | 'always' } };
    };
  };
  export const logger: {
    level: string;
    /** Every log call is appended here, even when silent: must be trimmed to avoid a leak. */
    _log: unknown[];
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
