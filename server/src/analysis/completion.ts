/**
 * Citation-key completion after `@`: every key of the manuscript's bibliographies, each with its
 * first author, year and title (cheap summaries, not CSL formatting), so a user can find a work by
 * author or title as well as by key. Keys already cited in the document come first. The formatted
 * reference is added only for the item the user looks at (`resolve`).
 */
import type { Nodes } from 'mdast';
import { summarise, summaryLine } from '../bibliography/summary.js';
import type { OffsetRange } from '../text/range.js';
import type { Snapshot } from './snapshot.js';

export interface KeyCompletion {
  readonly key: string;
  readonly detail: string;
  /** What the editor filters on: the key, the authors' names and the title. */
  readonly filterText: string;
  readonly sortText: string;
}

export interface CompletionResult {
  /** The partial key being replaced (after `@` or `@{`). */
  readonly range: OffsetRange;
  readonly braced: boolean;
  readonly items: readonly KeyCompletion[];
}

const KEY_TAIL = /(?:^|[\s[;(\-])-?@(\{?)([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;

export function completeKey(s: Snapshot, offset: number): CompletionResult | undefined {
  const text = s.manuscript.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = KEY_TAIL.exec(text.slice(lineStart, offset));
  if (!m) return undefined;
  if (inCode(s, offset)) return undefined;
  const partial = m[2]!;
  const cited = new Set(s.manuscript.citations.map((c) => c.item.key));
  const items: KeyCompletion[] = [];
  for (const [key, defs] of s.entries) {
    const summary = summarise(defs[0]!.entry);
    items.push({
      key,
      detail: summaryLine(summary),
      filterText: [key, ...summary.authors, summary.title ?? ''].join(' '),
      sortText: `${cited.has(key) ? 0 : 1}${key}`,
    });
  }
  return { range: { start: offset - partial.length, end: offset }, braced: m[1] === '{', items };
}

function inCode(s: Snapshot, offset: number): boolean {
  const stack: Nodes[] = [s.manuscript.tree];
  while (stack.length) {
    const node = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (offset < start || offset > end) continue;
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml' || node.type === 'html') return true;
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return false;
}
