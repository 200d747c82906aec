/**
 * What one top-level block contributes to the manuscript model: its citations, annotations and
 * sentences with their claim judgements. Positions are relative to the block's start and tree nodes
 * are named by their path under the block, so a result stays true when an edit elsewhere moves the
 * block: an unchanged block is bound to the new tree (`bindBlock`) instead of being analysed again.
 *
 * A result depends on the block's text (from the start of its first line), on the link and footnote
 * definitions of the document (they decide what `[x]` parses to), on the sections around it (the claim
 * model reads the heading path, and some sections are not prose), on whether the footnotes its
 * sentences reference cite, and on the claim judge. Callers key results by the first three
 * (the block's id or text, its sections, `BlockStore`'s scope) and check the footnotes with `footnotesAgree`; the host keeps one
 * store per document and judge (workspace/block-results.ts), as rust-analyzer and Microsoft's markdown
 * language service keep per-file results keyed by their inputs.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import type { ClaimVerdict } from './claims.js';
import type { ClaimJudgement } from './claims/judge.js';
import type { ClaimOverride } from './manuscript.js';
import type { BlockText } from './block-lineage.js';

/** Child indices from the block down to a node; `-(i + 1)` steps into an image's caption node `i`. */
export type NodePath = readonly number[];

export interface BlockCitation {
  /** The citation group. */
  readonly path: NodePath;
  /** Index of the item in the group. */
  readonly item: number;
  /** The item's key (what the unused references read, without binding the citation). */
  readonly key: string;
  readonly editorial: boolean;
  readonly inFootnote: boolean;
}

export interface BlockAnnotation {
  /** The bracketed span. */
  readonly path: NodePath;
  readonly classes: readonly string[];
  readonly attributes: ReadonlyMap<string, string>;
  readonly text: string;
}

export interface BlockSentence {
  /** Relative to the block's start. */
  readonly start: number;
  readonly end: number;
  /** The start of its paragraph, relative to the block's (where its section is looked up). */
  readonly paragraph: number;
  readonly text: string;
  /** Indices into the block's `citations`. */
  readonly citations: readonly number[];
  readonly cited: boolean;
  readonly verdict: ClaimVerdict;
  readonly judgement: ClaimJudgement;
  /** The override's kind and the index of its span in the block's `annotations`. */
  readonly override?: { readonly kind: ClaimOverride; readonly annotation: number };
  readonly isClaim: boolean;
}

export interface BlockResult {
  /** The kind of the top-level block it was analysed from. */
  readonly type: RootContent['type'];
  /** In the order of their keys' positions (the manuscript's order). */
  readonly citations: readonly BlockCitation[];
  /** In the order of their positions. */
  readonly annotations: readonly BlockAnnotation[];
  /** In document order. */
  readonly sentences: readonly BlockSentence[];
  /** The footnotes the sentences' citedness read, with whether each cited then. */
  readonly footnotes: readonly (readonly [identifier: string, cites: boolean])[];
  /** The block holds a heading, so its parts may lie in different sections. */
  readonly hasHeading: boolean;
}

/**
 * Where the results of the previous build of a document are kept, for one scope of inputs. A result is
 * kept for a block's text (the block's id when the parse kept it, else its text: workspace/block-memo.ts)
 * and the sections it opens in.
 */
export interface BlockStore {
  /** The result kept for the block at `index` of this version's `tree.children`, opening in `sections`. */
  get(index: number, sections: string): BlockResult | undefined;
  set(index: number, sections: string, result: BlockResult): void;
  /**
   * Whether `result` was kept for this very block (the parser kept it: the same tree or a copy with
   * moved positions), so it names the nodes it named when it was last bound or analysed.
   */
  sameBlock(index: number, result: BlockResult): boolean;
}

/** The host's per-document store: `begin` once per build; a new scope drops what the last build kept. */
export interface BlockResults {
  begin(scope: string, version: BlockText): BlockStore;
}

/** Whether the footnotes a result's sentences read still cite as they did. */
export function footnotesAgree(result: BlockResult, citing: ReadonlySet<string>): boolean {
  return result.footnotes.every(([id, cites]) => citing.has(id) === cites);
}

/** The node at `path` under `block`, if the block has one there. */
export function nodeAt(block: Nodes, path: NodePath): Nodes | undefined {
  let node: Nodes | undefined = block;
  for (const step of path) {
    if (step < 0) node = (node as { data?: { caption?: Nodes[] } }).data?.caption?.[-step - 1];
    else node = (node as { children?: Nodes[] }).children?.[step];
    if (!node) return undefined;
  }
  return node;
}

/** Every node's path under `block` (image captions included), for turning a fresh analysis into a result. */
export function nodePaths(block: Nodes): Map<Nodes, NodePath> {
  const paths = new Map<Nodes, NodePath>();
  const stack: [Nodes, NodePath][] = [[block, []]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, path] = top;
    paths.set(node, path);
    if (node.type === 'image' && node.data?.caption) node.data.caption.forEach((c, i) => stack.push([c as Nodes, [...path, -(i + 1)]]));
    if ('children' in node) (node.children as Nodes[]).forEach((c, i) => stack.push([c, [...path, i]]));
  }
  return paths;
}

/** Blocks whose children are inline content (no definitions, no headings within). */
export const PHRASING_PARENTS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'table']);

/**
 * The link and footnote definitions of a document (they change what references in any block parse
 * to), as one string. Definitions sit at the top level or in containers, never in inline content.
 */
export function definitionScope(tree: Root): string {
  const ids: string[] = [];
  const stack: Nodes[] = [...tree.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition' || node.type === 'footnoteDefinition') ids.push(`${node.type === 'definition' ? 'd' : 'f'}:${node.identifier}`);
    if ('children' in node && !PHRASING_PARENTS.has(node.type))
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]! as Nodes);
  }
  return ids.sort().join('\u0000');
}
