/**
 * The outline's "Review" node: every change and comment in document order, grouped by reviewer
 * (reviewers in order of first appearance, unsigned marks last). A comment attached to a change or
 * highlight is shown as that mark's detail rather than twice.
 */
import { reviewMarks, type ReviewMark } from '../model/review.js';
import type { OffsetRange } from '../text/range.js';
import type { Outlined, OutlineNode } from './outline.js';

const UNSIGNED = '(no reviewer)';

export function reviewOutline(s: Outlined): OutlineNode | undefined {
  const marks = reviewMarks(s.manuscript);
  const shown = marks.filter((m) => !(m.kind === 'comment' && m.about));
  if (!shown.length) return undefined;
  const groups = new Map<string, ReviewMark[]>();
  for (const m of shown) groups.set(m.reviewer ?? UNSIGNED, [...(groups.get(m.reviewer ?? UNSIGNED) ?? []), m]);
  const order = [...groups.keys()].sort((a, b) => Number(a === UNSIGNED) - Number(b === UNSIGNED));
  const reviewers = order.map((name): OutlineNode => {
    const children = groups.get(name)!.map(markNode);
    return {
      name,
      detail: count(groups.get(name)!),
      kind: 'reviewer',
      range: cover(children.map((c) => c.range)),
      selectionRange: children[0]!.selectionRange,
      children,
    };
  });
  const range = cover(reviewers.map((r) => r.range));
  return { name: 'Review', detail: count(shown), kind: 'group', range, selectionRange: reviewers[0]!.selectionRange, children: reviewers };
}

function markNode(m: ReviewMark): OutlineNode {
  const name =
    m.kind === 'addition' ? `Added: ${short(m.text)}`
    : m.kind === 'deletion' ? `Deleted: ${short(m.text)}`
    : m.kind === 'substitution' ? `Replaced: ${short(m.old ?? '')} → ${short(m.text)}`
    : m.kind === 'highlight' ? `On ${short(m.text)}${m.note ? `: ${short(m.note)}` : ''}`
    : `Comment: ${short(m.text)}`;
  const detail = [m.kind !== 'highlight' && m.note ? short(m.note) : '', m.section ?? ''].filter(Boolean).join(' · ');
  return { name, detail, kind: 'review-mark', range: m.range, selectionRange: m.contentRange, children: [] };
}

function count(marks: readonly ReviewMark[]): string {
  const changes = marks.filter((m) => m.kind === 'addition' || m.kind === 'deletion' || m.kind === 'substitution').length;
  const comments = marks.length - changes;
  return `${changes} change${changes === 1 ? '' : 's'} · ${comments} comment${comments === 1 ? '' : 's'}`;
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > 48 ? t.slice(0, 47) + '…' : t}”`;
}

function cover(ranges: readonly OffsetRange[]): OffsetRange {
  return { start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) };
}
