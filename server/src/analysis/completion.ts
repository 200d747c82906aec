/**
 * Citation-key completion after `@`: the keys of the manuscript's bibliographies that best match what
 * is typed — by key, author and year, title or journal (key-search.ts ranks them) — at most `limit`
 * of them, each with its first author, year and title (cheap summaries, not CSL formatting). When more
 * match, the result is `incomplete` and the editor asks again as the user types, so a 30,000-entry
 * library never travels whole. The formatted reference is added only for the item the user looks at
 * (`resolve`).
 */
import type { Nodes } from 'mdast';
import { summaryLine } from '../bibliography/summary.js';
import { KeySearch } from './key-search.js';
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
  /** Best first; `sortText` keeps that order in the editor. */
  readonly items: readonly KeyCompletion[];
  /** More keys match than were returned. */
  readonly incomplete: boolean;
}

/** Enough to scroll through, small enough to send on every keystroke (about 40 KB). */
export const COMPLETION_LIMIT = 150;

const KEY_TAIL = /(?:^|[\s[;(\-])-?@(\{?)([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;

/** `search` is the library's index, kept by the host between requests; without it one is built. */
export function completeKey(s: Snapshot, offset: number, search?: KeySearch, limit = COMPLETION_LIMIT): CompletionResult | undefined {
  const text = s.manuscript.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = KEY_TAIL.exec(text.slice(lineStart, offset));
  if (!m) return undefined;
  if (inCode(s, offset)) return undefined;
  const partial = m[2]!;
  const cited = new Set(s.manuscript.citations.map((c) => c.item.key));
  const found = (search ?? new KeySearch(s.entries)).search(partial, cited, limit);
  const width = String(found.matches.length).length;
  const items = found.matches.map((match, i): KeyCompletion => {
    const { summary } = match;
    return {
      key: match.key,
      detail: summaryLine(summary),
      filterText: [match.key, ...summary.authors, summary.year ?? '', summary.title ?? '', summary.container ?? ''].join(' '),
      sortText: String(i).padStart(width, '0'),
    };
  });
  return { range: { start: offset - partial.length, end: offset }, braced: m[1] === '{', items, incomplete: found.incomplete };
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
