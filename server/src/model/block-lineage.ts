/**
 * Which top-level blocks of a parsed version are the previous version's, unchanged. An incremental parse
 * (syntax/incremental.ts) shares the blocks before an edit and shifts those after it, their text
 * unchanged; each keeps its id, so what the host derived from a block's text is found again by the id
 * instead of by hashing the block's text (at 1 MB, three caches hashing every block cost about 5 ms a
 * keystroke). Blocks parsed afresh get new ids, and are matched by text among the blocks they replaced,
 * or among all of the last version's after a whole parse (workspace/block-memo.ts).
 */
import type { RootContent } from 'mdast';

/** A block's identity across versions: unique, never reused. */
export type BlockId = symbol;

export interface BlockLineage {
  /** One id per top-level block, in the order of `tree.children`. */
  readonly blockIds: readonly BlockId[];
  /** The previous version's ids of the blocks this version parsed afresh; undefined after a whole parse. */
  readonly replaced?: readonly BlockId[];
}

/** A version's text and top-level blocks, with their lineage. */
export interface BlockText extends BlockLineage {
  readonly text: string;
  readonly tree: { readonly children: readonly RootContent[] };
}

/** A whole parse: every block is new. */
export function freshLineage(blocks: number): BlockLineage {
  return { blockIds: Array.from({ length: blocks }, newId) };
}

/** After an incremental parse that kept blocks `0..lo-1` and `hi+1..` of `previous` and parsed `fresh` new ones. */
export function splicedLineage(previous: BlockLineage, carried: { readonly lo: number; readonly hi: number; readonly fresh: number }): BlockLineage {
  const ids = previous.blockIds;
  return {
    blockIds: [...ids.slice(0, carried.lo), ...Array.from({ length: carried.fresh }, newId), ...ids.slice(carried.hi + 1)],
    replaced: ids.slice(carried.lo, carried.hi + 1),
  };
}

function newId(): BlockId {
  return Symbol('block');
}
