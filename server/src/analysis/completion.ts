/**
 * Citation-key completion after `@`: the keys of the manuscript's bibliographies that best match what
 * is typed — by key, author and year, title or journal (key-search.ts ranks them) — at most `limit`
 * of them, each with its first author, year and title (cheap summaries, not CSL formatting). When more
 * match, the result is `incomplete` and the editor asks again as the user types, so a 30,000-entry
 * library never travels whole. The formatted reference is added only for the item the user looks at
 * (`resolve`). The labels this document defines (`{#fig-map}`, `#| label: fig-map`, a custom kind's
 * `{#appfig-prior}`) are offered too, as Quarto offers them: first once a kind's separator is typed
 * (`@fig-`, `@tbl:`), after the keys before it.
 */
import type { Nodes } from 'mdast';
import { summaryLine } from '../bibliography/summary.js';
import { KeySearch } from './key-search.js';
import { crossReferenceLabels } from './cross-references.js';
import { crossReferenceOf } from '../syntax/cross-reference.js';
import type { OffsetRange } from '../text/range.js';
import type { Snapshot } from './snapshot.js';

export interface KeyCompletion {
  readonly key: string;
  readonly detail: string;
  /** What the editor filters on: the key, the authors' names and the title. */
  readonly filterText: string;
  readonly sortText: string;
  /** A label of this document (`{#fig-map}`), not a bibliography key. */
  readonly crossReference?: true;
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
  const cited = new Set(s.manuscript.citationKeys());
  const labels = labelsFor(s, partial).slice(0, Math.min(MAX_LABELS, limit));
  const found = (search ?? new KeySearch(s.entries)).search(partial, cited, limit - labels.length);
  const keys = found.matches.map((match): Omit<KeyCompletion, 'sortText'> => {
    const { summary } = match;
    return {
      key: match.key,
      detail: summaryLine(summary),
      filterText: [match.key, ...summary.authors, summary.year ?? '', summary.title ?? '', summary.container ?? ''].join(' '),
    };
  });
  // After `fig-` the user wants a figure; before, keys first (the editor filters the list as they type on).
  const ordered = /[-:]/.test(partial) ? [...labels, ...keys] : [...keys, ...labels];
  const width = String(ordered.length).length;
  const items = ordered.map((item, i): KeyCompletion => ({ ...item, sortText: String(i).padStart(width, '0') }));
  return { range: { start: offset - partial.length, end: offset }, braced: m[1] === '{', items, incomplete: found.incomplete };
}

/** Labels offered at most: a document rarely has more figures, tables and sections than this. */
const MAX_LABELS = 50;

/**
 * The document's cross-reference labels that start with `partial`, in order. Labels in a book's other
 * chapters are not known here.
 */
function labelsFor(s: Snapshot, partial: string): Omit<KeyCompletion, 'sortText'>[] {
  const kinds = s.manuscript.crossReferenceKinds;
  const out: Omit<KeyCompletion, 'sortText'>[] = [];
  for (const label of crossReferenceLabels(s.manuscript.text)) {
    if (!label.startsWith(partial) || s.entries.has(label)) continue;
    const ref = crossReferenceOf(label, kinds);
    if (ref) out.push({ key: label, detail: `${ref.kind} (${ref.tool} cross-reference)`, filterText: label, crossReference: true });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
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
