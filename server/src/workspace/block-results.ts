/**
 * Per-block model results kept between versions of a document (model/block-results.ts), one store per
 * document and claim judge: each result with the sections its block opened in, found again by the
 * block's id or text (block-memo.ts). Each build keeps only the results it used: what an edit removed is
 * forgotten with the next version, so the store holds about one result per block of the document.
 */
import type { BlockResult, BlockResults, BlockStore } from '../model/block-results.js';
import { BlockMemo, type BlockVersion } from './block-memo.js';

interface Kept {
  readonly sections: string;
  readonly result: BlockResult;
}

export class BlockResultCache {
  private readonly memo = new BlockMemo<Kept>();

  /** The results of `file` built with the judge named `judge` (e.g. the known authors' id). */
  forDocument(file: string, judge: string): BlockResults {
    return { begin: (scope, version) => store(this.memo.begin(file, version, judge + '\u0000' + scope)) };
  }

  /**
   * The results of `file`'s last build with the judge `judge`, read only: a build that reads them keeps
   * nothing and drops nothing (the outline's model, built without claims, host.ts `outlineOf`).
   */
  peek(file: string, judge: string): BlockResults {
    return { begin: (scope, version) => store(this.memo.begin(file, version, judge + '\u0000' + scope, false)) };
  }

  forget(file: string): void {
    this.memo.forget(file);
  }

  /** Results held for a document (for tests and benches). */
  size(file: string): number {
    return this.memo.size(file);
  }
}

function store(version: BlockVersion<Kept>): BlockStore {
  return {
    get: (index, sections) => version.get(index, (k) => k.sections === sections)?.result,
    set: (index, sections, result) => version.set(index, { sections, result }),
    sameBlock: (index, result) => version.byId(index)?.result === result,
  };
}
