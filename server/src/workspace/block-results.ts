/**
 * Per-block model results kept between versions of a document (model/block-results.ts), one store per
 * document and claim judge. Each build keeps only the results it used: what an edit removed is
 * forgotten with the next version, so the store holds about one result per block of the document.
 */
import type { BlockKey, BlockResult, BlockResults, BlockStore } from '../model/block-results.js';

/** Results by the sections a block opens in, then by its text. */
type Results = Map<string, Map<string, BlockResult>>;

export class BlockResultCache {
  private readonly byDocument = new Map<string, { scope: string; results: Results }>();

  /** The results of `file` built with the judge named `judge` (e.g. the known authors' id). */
  forDocument(file: string, judge: string): BlockResults {
    return {
      begin: (scope: string): BlockStore => {
        const full = judge + '\u0000' + scope;
        const last = this.byDocument.get(file);
        const previous = last?.scope === full ? last.results : undefined;
        const results: Results = new Map();
        this.byDocument.set(file, { scope: full, results });
        const put = (key: BlockKey, result: BlockResult) => {
          let bySource = results.get(key.sections);
          if (!bySource) results.set(key.sections, (bySource = new Map()));
          bySource.set(key.source, result);
        };
        return {
          get: (key) => {
            const hit = results.get(key.sections)?.get(key.source) ?? previous?.get(key.sections)?.get(key.source);
            if (hit) put(key, hit);
            return hit;
          },
          set: put,
        };
      },
    };
  }

  /**
   * The results of `file`'s last build with the judge `judge`, read only: a build that reads them keeps
   * nothing and drops nothing (the outline's model, built without claims, host.ts `outlineOf`).
   */
  peek(file: string, judge: string): BlockResults {
    return {
      begin: (scope: string): BlockStore => {
        const last = this.byDocument.get(file);
        const results = last?.scope === judge + '\u0000' + scope ? last.results : undefined;
        return { get: (key) => results?.get(key.sections)?.get(key.source), set: () => undefined };
      },
    };
  }

  forget(file: string): void {
    this.byDocument.delete(file);
  }

  /** Results held for a document (for tests and benches). */
  size(file: string): number {
    let n = 0;
    for (const bySource of this.byDocument.get(file)?.results.values() ?? []) n += bySource.size;
    return n;
  }
}
