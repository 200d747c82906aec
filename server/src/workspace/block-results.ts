/**
 * Per-block model results kept between versions of a document (model/block-results.ts), one store per
 * document and claim judge. Each build keeps only the results it used: what an edit removed is
 * forgotten with the next version, so the store holds about one result per block of the document.
 */
import type { BlockResult, BlockResults, BlockStore } from '../model/block-results.js';

export class BlockResultCache {
  private readonly byDocument = new Map<string, { scope: string; results: Map<string, BlockResult> }>();

  /** The results of `file` built with the judge named `judge` (e.g. the known authors' id). */
  forDocument(file: string, judge: string): BlockResults {
    return {
      begin: (scope: string): BlockStore => {
        const full = judge + '\u0000' + scope;
        const last = this.byDocument.get(file);
        const previous = last?.scope === full ? last.results : undefined;
        const results = new Map<string, BlockResult>();
        this.byDocument.set(file, { scope: full, results });
        return {
          get: (key) => {
            const hit = results.get(key) ?? previous?.get(key);
            if (hit) results.set(key, hit);
            return hit;
          },
          set: (key, result) => void results.set(key, result),
        };
      },
    };
  }

  forget(file: string): void {
    this.byDocument.delete(file);
  }

  /** Results held for a document (for tests and benches). */
  size(file: string): number {
    return this.byDocument.get(file)?.results.size ?? 0;
  }
}
