/**
 * Shared base of the bibliography entry classes (BibTeX, CSL-JSON, CSL YAML): the located key,
 * ranges and entry type, and a `csl()` that converts on first use and memoises the result.
 */
import type { OffsetRange } from '../text/range.js';
import type { BibEntry, CslItem } from './types.js';

export abstract class LazyEntry implements BibEntry {
  private cached: CslItem | undefined;

  constructor(
    readonly key: string,
    readonly keyRange: OffsetRange,
    readonly range: OffsetRange,
    readonly entryType: string,
  ) {}

  csl(): CslItem {
    if (!this.cached) this.cached = this.convert();
    return this.cached;
  }

  /** The entry as a CSL item; called once, by the first `csl()`. */
  protected abstract convert(): CslItem;
}
