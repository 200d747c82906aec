/**
 * Values derived from one top-level block's text, kept per document from its last build: found again by
 * the block's id when an incremental parse kept the block (model/block-lineage.ts), else by the block's
 * text (from the start of its first line) among the blocks its version parsed afresh replaced, or among
 * all of the last build's after a whole parse. Each build keeps only what it read or set, so a memo
 * holds about one value per block of the document. The host's per-block caches (block results, labels,
 * the claims scale) are each one of these.
 *
 * Why ids first: a lookup by text hashes the text, a new string at every version, so every block's text
 * was hashed at every keystroke, by each cache (about 5 ms a keystroke at 1 MB). An id is a text
 * equality the parser proved (syntax/incremental.ts: the blocks it shares or shifts are unchanged).
 */
import type { BlockId, BlockText } from '../model/block-lineage.js';
import { blockSourceRange } from '../syntax/block-boundaries.js';

/** One build's reads and writes. `index` is the block's place in `tree.children`. */
export interface BlockVersion<V> {
  /** The value kept for the block, if any and if `accept` takes it. */
  get(index: number, accept?: (value: V) => boolean): V | undefined;
  set(index: number, value: V): void;
  /**
   * The value kept for this very block, if any: found by its id, which the parser gives only to a block
   * it did not parse again (the same tree, or a copy of it with its positions moved). Reads only.
   */
  byId(index: number): V | undefined;
}

interface Kept<V> {
  readonly scope: string;
  readonly text: string;
  /** Each value with its block's text range (from its first line's start) in `text`. */
  readonly byId: Map<BlockId, Entry<V>>;
  /** By text, built when first needed after a whole parse. */
  byText?: Map<string, Entry<V>>;
}

interface Entry<V> {
  readonly value: V;
  readonly start: number;
  readonly end: number;
}

export class BlockMemo<V> {
  private readonly byDocument = new Map<string, Kept<V>>();

  /**
   * A build of `file` at `version`. Values kept under another `scope` (what they also depend on) are
   * dropped. A read-only build (`keep` false) reads the last build's values and changes nothing.
   */
  begin(file: string, version: BlockText, scope = '', keep = true): BlockVersion<V> {
    const kept = this.byDocument.get(file);
    const last = kept?.scope === scope ? kept : undefined;
    const now: Kept<V> = { scope, text: version.text, byId: new Map() };
    if (keep) this.byDocument.set(file, now);
    const blocks = version.tree.children;
    const range = (index: number) => blockSourceRange(version.text, blocks[index]!);
    const record = (index: number, value: V) => {
      const id = version.blockIds[index];
      if (keep && id !== undefined) now.byId.set(id, { value, ...range(index) });
    };
    return {
      get: (index, accept) => {
        const found = last && find(last, version, index, range);
        if (found === undefined || (accept && !accept(found.value))) return undefined;
        record(index, found.value);
        return found.value;
      },
      set: record,
      byId: (index) => {
        const id = version.blockIds[index];
        return id === undefined ? undefined : last?.byId.get(id)?.value;
      },
    };
  }

  forget(file: string): void {
    this.byDocument.delete(file);
  }

  /** Values held for a document (for tests and benches). */
  size(file: string): number {
    return this.byDocument.get(file)?.byId.size ?? 0;
  }
}

/** Few enough replaced blocks are compared one by one; more (a large paste) are looked up by text. */
const COMPARED = 8;

function find<V>(last: Kept<V>, version: BlockText, index: number, range: (index: number) => { start: number; end: number }): Entry<V> | undefined {
  const id = version.blockIds[index];
  const same = id === undefined ? undefined : last.byId.get(id);
  if (same) return same;
  const { start, end } = range(index);
  const source = version.text.slice(start, end);
  const replaced = version.replaced;
  if (replaced && replaced.length <= COMPARED) {
    for (const r of replaced) {
      const e = last.byId.get(r);
      // Lengths first: a string comparison of unequal lengths is cheap, but the slice is not free.
      if (e && e.end - e.start === end - start && last.text.slice(e.start, e.end) === source) return e;
    }
    return undefined;
  }
  if (!last.byText) {
    last.byText = new Map();
    for (const e of last.byId.values()) last.byText.set(last.text.slice(e.start, e.end), e);
  }
  return last.byText.get(source);
}
