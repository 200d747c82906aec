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
declare module '@citation-js/core' {
  export const util: {
    /** CSL-JSON 1.0.2 → the 1.0.1 shape citeproc-js expects. */
    downgradeCsl<T>(items: T): T;
  };
}

/** The part of citeproc-js (https://citeproc-js.readthedocs.io) that csl-engines.ts drives. */
declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string | object;
    retrieveItem(id: string): object;
  }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    sys: Sys;
    setOutputFormat(format: string): void;
    updateItems(ids: readonly string[], nosort?: boolean): string[];
    /** `false` when the style has no bibliography. */
    makeBibliography(): [{ bibstart: string; bibend: string }, string[]] | false;
    rebuildProcessorState(citations: readonly object[], format: string, uncited: readonly string[]): [string, number, string][];
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
