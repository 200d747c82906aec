/**
 * The bibliography as the rest of Marginalia sees it, whatever file format it came from.
 * Parsers never throw: they return what they could read plus errors with ranges.
 */
import type { OffsetRange } from '../text/range.js';

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

export type BibFormat = 'bibtex' | 'csljson' | 'yaml';

export interface BibEntry {
  readonly key: string;
  /** Range of the key in its source text. */
  readonly keyRange: OffsetRange;
  /** Range of the whole entry (`@article{...}` or the JSON object). */
  readonly range: OffsetRange;
  /** The entry type as written (`article`, `online`, CSL `article-journal`, ...). */
  readonly entryType: string;
  /** Conversion to CSL-JSON is done on demand and memoised: large libraries stay cheap to index. */
  csl(): CslItem;
}

export interface BibError {
  readonly message: string;
  readonly range: OffsetRange;
  readonly severity: 'error' | 'warning';
  /** The key of the entry the error made the parser drop, when it could be read. */
  readonly droppedKey?: string;
}

export interface BibParseResult {
  readonly entries: BibEntry[];
  readonly errors: BibError[];
}
