/**
 * Each document's coverage figures kept per block between versions (analysis/coverage.ts
 * `coverageFigures`): by the block's model result (the same object while its inputs are unchanged), under
 * the key index of the last count (a block's support reads its cited entries' authors); a new index
 * starts afresh. Kept by the results they belong to (a weak map), as the findings are (block-findings.ts).
 */
import { coverageFigures, type CoverageFigures } from '../analysis/coverage.js';
import type { Snapshot } from '../analysis/snapshot.js';
import type { BlockResult } from '../model/block-results.js';

interface Kept {
  readonly entries: Snapshot['entries'];
  readonly figures: WeakMap<BlockResult, CoverageFigures>;
}

export class BlockCoverageCache {
  private readonly byDocument = new Map<string, Kept>();

  /** `figuresOf(claimCoverage(s))`, counting again only the blocks whose results are new. */
  figures(s: Snapshot): CoverageFigures {
    const last = this.byDocument.get(s.path);
    const figures = last && last.entries === s.entries ? last.figures : new WeakMap<BlockResult, CoverageFigures>();
    this.byDocument.set(s.path, { entries: s.entries, figures });
    return coverageFigures(s, { get: (r) => figures.get(r), set: (r, f) => figures.set(r, f) });
  }

  forget(file: string): void {
    this.byDocument.delete(file);
  }
}
