// Types for the part of data.mjs that tests call.
export interface CorpusManuscript {
  readonly name: string;
  readonly repo: string;
  readonly group: string;
  readonly field: string;
  readonly rows: readonly object[];
  readonly authors: ReadonlySet<string>;
}
export function dataAvailable(): boolean;
export function loadManuscripts(code: object): CorpusManuscript[];
