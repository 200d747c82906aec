/**
 * Each document's findings kept per block between versions (analysis/diagnostics/block-findings.ts):
 * by the block's model result (the same object while its inputs are unchanged), under the document-level
 * inputs of the last check; new inputs (a bibliography, the labels defined, the settings) start afresh.
 * Kept by the results they belong to (a weak map): what the block-result cache forgets goes with them.
 */
import type { AnalysisConfig } from '../analysis/config.js';
import type { Finding } from '../analysis/diagnostic.js';
import {
  documentInputs,
  placeByBlock,
  placedAt,
  sameInputs,
  type BlockFindings,
  type DocumentInputs,
  type NodeLabels,
  type PlacedFindings,
} from '../analysis/diagnostics/block-findings.js';
import type { Snapshot } from '../analysis/snapshot.js';
import type { BlockResult } from '../model/block-results.js';
import { BlockMemo } from './block-memo.js';

interface Kept {
  readonly inputs: DocumentInputs;
  readonly findings: WeakMap<BlockResult, BlockFindings>;
}

export class BlockFindingCache {
  private readonly byDocument = new Map<string, Kept>();
  /** The labels of the top-level nodes the last check read (block-memo.ts). */
  private readonly labels = new BlockMemo<NodeLabels>();

  /** `s`'s own findings, at most `max`, the most severe first when there are more (lsp/document-diagnostics.ts). */
  diagnose(s: Snapshot, config: AnalysisConfig, max: number): readonly Finding[] {
    const { findings, bases } = this.place(s, config, max);
    return findings.map((f, i) => placedAt(f, bases[i]!));
  }

  /** The same findings, each block's as kept, relative to its block (analysis/diagnostics/block-findings.ts `placeByBlock`). */
  place(s: Snapshot, config: AnalysisConfig, max: number): PlacedFindings {
    const last = this.byDocument.get(s.path);
    const labels = this.labels.begin(s.path, s.manuscript);
    const inputs = documentInputs(s, config, (index, compute) => {
      let found = labels.get(index);
      if (!found) labels.set(index, (found = compute()));
      return found;
    });
    const findings = last && sameInputs(last.inputs, inputs) ? last.findings : new WeakMap<BlockResult, BlockFindings>();
    this.byDocument.set(s.path, { inputs, findings });
    return placeByBlock(s, config, inputs, { get: (r) => findings.get(r), set: (r, f) => findings.set(r, f) }, max);
  }

  forget(file: string): void {
    this.byDocument.delete(file);
    this.labels.forget(file);
  }
}
