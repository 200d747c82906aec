/** Every citation item of a document, in document order: what `marginalia citations` prints. */
import type { Nodes, Root } from 'mdast';
import type { OffsetRange } from '../text/range.js';
import type { Citation, CitationMode } from './types.js';

export interface CitationOccurrence {
  readonly key: string;
  readonly mode: CitationMode;
  readonly prefix: string;
  readonly locator?: { readonly label: string; readonly value: string };
  readonly suffix: string;
  readonly keyRange: OffsetRange;
  /** The whole citation the item belongs to (`[...]` or `@key [...]`). */
  readonly groupRange: OffsetRange;
  /** Whether the item is in a bracketed group (`[@a]`) rather than in text (`@a`). */
  readonly bracketed: boolean;
  /** Set when the citation sits inside a bracketed span with class `editorial`. */
  readonly editorial?: true;
}

export function listCitations(tree: Root): CitationOccurrence[] {
  const found: CitationOccurrence[] = [];
  walk(tree, false, found);
  // Nested citations are hoisted after their container (see types.ts): restore document order.
  return found.sort((a, b) => a.keyRange.start - b.keyRange.start);
}

/** Iterative: a deep tree (thousands of nested emphases) must not overflow the stack. */
function walk(root: Nodes, editorial: boolean, found: CitationOccurrence[]): void {
  const stack: [Nodes, boolean][] = [[root, editorial]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, outer] = top;
    if (node.type === 'citation') {
      collect(node, outer, found);
      continue;
    }
    const inside =
      outer || (node.type === 'bracketedSpan' && node.attributes.classes.some((name) => name.value === 'editorial'));
    const children: readonly Nodes[] = 'children' in node ? node.children : node.type === 'image' ? (node.data?.caption ?? []) : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, inside]);
  }
}

function collect(node: Citation, editorial: boolean, found: CitationOccurrence[]): void {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  for (const item of node.items) {
    found.push({
      key: item.key,
      mode: item.mode,
      prefix: item.prefix,
      ...(item.locator ? { locator: item.locator } : {}),
      suffix: item.suffix,
      keyRange: item.keyRange,
      groupRange: { start, end },
      bracketed: node.bracketed,
      ...(editorial ? { editorial: true as const } : {}),
    });
  }
}
