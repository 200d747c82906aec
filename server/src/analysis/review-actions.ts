/**
 * Resolving review marks, as edits the user applies (or the CLI prints): accept or reject a change,
 * resolve a comment, all of one reviewer's changes at once, and adding a comment.
 *
 * - accept: an addition keeps its text, a deletion goes, a substitution keeps the new text;
 * - reject: the opposite; a highlight keeps its text and a comment goes either way;
 * - a comment attached to a change (`{++ x ++}{>> R1: why <<}`) goes with the change;
 * - whitespace: a removed mark takes one neighbouring space with it, and the kept text drops the
 *   padding spaces (`{++ x ++}`) where the text around it already has a space, so
 *   `a {++ b ++} c` accepted reads `a b c` and rejected `a c`.
 */
import type { OffsetRange } from '../text/range.js';
import { reviewMarks, type ReviewMark } from '../model/review.js';
import type { CodeAction, TextEdit } from './code-actions.js';
import type { Snapshot } from './snapshot.js';
import { trimEndOf } from '../text/trim.js';

export type Resolution = 'accept' | 'reject';

const CHANGES = new Set(['addition', 'deletion', 'substitution']);
const isChange = (m: ReviewMark) => CHANGES.has(m.kind);

/** The edit that resolves `mark` `how`, removing `comment` (the comment attached to it) too when given. */
export function resolveMark(text: string, mark: ReviewMark, how: Resolution, comment?: ReviewMark): TextEdit {
  const range = { start: mark.range.start, end: comment ? comment.range.end : mark.range.end };
  const slice = (r: OffsetRange) => text.slice(r.start, r.end);
  let kept = '';
  if (mark.kind === 'addition') kept = how === 'accept' ? slice(mark.contentRange) : '';
  else if (mark.kind === 'deletion') kept = how === 'accept' ? '' : slice(mark.contentRange);
  else if (mark.kind === 'substitution') kept = slice((how === 'accept' ? mark.newRange : mark.oldRange) ?? mark.contentRange);
  else if (mark.kind === 'highlight') kept = slice(mark.contentRange);
  return tidy(text, range, kept);
}

/** Fits the kept text into its surroundings without doubled or padding spaces. */
function tidy(text: string, range: OffsetRange, kept: string): TextEdit {
  const before = text[range.start - 1];
  const after = text[range.end];
  const spaceBefore = before === undefined || /\s/.test(before);
  const closesAfter = after === undefined || /[\s.,;:!?)\]]/.test(after);
  if (kept.trim() === '') {
    // Take the space before the mark when the text after it needs none.
    if (before === ' ' && (after === undefined || /[ \r\n.,;:!?)\]]/.test(after)) && range.start > 0)
      return { range: { start: range.start - 1, end: range.end }, newText: '' };
    return { range, newText: '' };
  }
  let newText = kept;
  if (spaceBefore) newText = newText.replace(/^[ \t]+/, '');
  if (closesAfter) newText = trimEndOf(newText, ' \t');
  return { range, newText };
}

/** A mark with the comment attached to it (if any), for every mark that is not itself an attached comment. */
function units(marks: readonly ReviewMark[]): { mark: ReviewMark; comment?: ReviewMark }[] {
  const out: { mark: ReviewMark; comment?: ReviewMark }[] = [];
  marks.forEach((mark, i) => {
    if (mark.kind === 'comment' && mark.about) return;
    const next = marks[i + 1];
    const attached = next?.kind === 'comment' && next.about && next.range.start === mark.range.end ? next : undefined;
    out.push(attached ? { mark, comment: attached } : { mark });
  });
  return out;
}

/** The manuscript with every mark resolved: changes accepted or rejected, comments and highlights stripped. */
export function resolveAllMarks(text: string, marks: readonly ReviewMark[], how: Resolution): string {
  return applyEdits(
    text,
    units(marks).map((u) => resolveMark(text, u.mark, how, u.comment)),
  );
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start))
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

const quote = (s: string) => `“${s.length > 40 ? s.slice(0, 39) + '…' : s}”`;

/** Code actions on the review marks that touch `at`. */
export function reviewActions(s: Snapshot, at: OffsetRange): CodeAction[] {
  const text = s.manuscript.text;
  const marks = reviewMarks(s.manuscript);
  const all = units(marks);
  const touches = (r: OffsetRange) => r.start <= at.end && at.start <= r.end;
  const out: CodeAction[] = [];
  for (const unit of all) {
    const { mark, comment } = unit;
    const whole = { start: mark.range.start, end: comment?.range.end ?? mark.range.end };
    if (!touches(whole)) continue;
    const fixes = comment ? { resolves: { code: 'review-comment' as const, range: commentRange(mark, comment) } } : {};
    if (isChange(mark)) {
      const by = mark.reviewer ? ` (${mark.reviewer})` : '';
      for (const how of ['accept', 'reject'] as const)
        out.push({
          title: `${how === 'accept' ? 'Accept' : 'Reject'} ${mark.kind} ${quote(mark.kind === 'substitution' ? `${mark.old} → ${mark.text}` : mark.text)}${by}`,
          ...fixes,
          edits: [resolveMark(text, mark, how, comment)],
        });
      const same = all.filter((u) => isChange(u.mark) && u.mark.reviewer === mark.reviewer);
      const who = mark.reviewer ? `by ${mark.reviewer}` : 'without a reviewer';
      for (const how of ['accept', 'reject'] as const)
        out.push({
          title: `${how === 'accept' ? 'Accept' : 'Reject'} all ${same.length} change${same.length === 1 ? '' : 's'} ${who}`,
          edits: same.map((u) => resolveMark(text, u.mark, how, u.comment)),
        });
    } else if (mark.kind === 'highlight') {
      out.push({ title: comment ? `Resolve comment ${quote(comment.text)} (remove it and the highlight)` : 'Remove highlight', ...fixes, edits: [resolveMark(text, mark, 'accept', comment)] });
    } else {
      out.push({
        title: `Resolve comment ${quote(mark.text)} (remove it)`,
        resolves: { code: 'review-comment', range: mark.range },
        edits: [resolveMark(text, mark, 'accept')],
      });
    }
    // A comment attached to a change can also be resolved alone, keeping the change open.
    if (comment && isChange(mark))
      out.push({ title: `Resolve comment ${quote(comment.text)} only`, resolves: { code: 'review-comment', range: comment.range }, edits: [{ range: comment.range, newText: '' }] });
  }
  return out;
}

function commentRange(mark: ReviewMark, comment: ReviewMark): OffsetRange {
  return mark.kind === 'highlight' ? { start: mark.range.start, end: comment.range.end } : comment.range;
}

/**
 * "Add review comment": wraps a selection in `{== … ==}{>> comment <<}`, or inserts `{>> comment <<}`
 * at an empty one. When a highlight could not be read back as one (the selection crosses a blank
 * line or markup), the comment goes after the selection instead; on or in other marks, after them
 * (marks do not nest). Returns a reason instead of edits when the comment cannot be written.
 */
export function addCommentEdits(s: Snapshot, selection: OffsetRange, comment: string): TextEdit[] | { error: string } {
  const body = comment.replace(/\s+/g, ' ').trim();
  if (!body) return { error: 'The comment is empty.' };
  if (body.includes('<<}')) return { error: 'A comment cannot contain `<<}`, which would end it.' };
  const note = `{>> ${body} <<}`;
  const text = s.manuscript.text;
  const start = Math.max(0, Math.min(selection.start, selection.end, text.length));
  const end = Math.min(text.length, Math.max(selection.start, selection.end));
  const at = { start, end };
  const selected = text.slice(start, end);
  // Marks do not nest: a comment on text inside (or across) marks goes after the last of them.
  const marks = reviewMarks(s.manuscript);
  const touched = marks.filter((m) => m.range.start < Math.max(end, start + 1) && start < m.range.end);
  if (touched.length) {
    let after = Math.max(end, ...touched.map((m) => m.range.end));
    // Past the comments attached to them too (marks are in document order).
    for (const m of marks) if (m.range.start === after) after = m.range.end;
    return [{ range: { start: after, end: after }, newText: note }];
  }
  const wrappable = end > start && selected.trim() !== '' && !/\n[ \t]*\n/.test(selected) && !cutsNodes(s, at);
  if (!wrappable) return [{ range: { start: end, end }, newText: note }];
  return [
    { range: { start, end: start }, newText: '{==' },
    { range: { start: end, end }, newText: `==}${note}` },
  ];
}

/** Whether a node of the tree starts inside the range and ends outside it, or the reverse. */
function cutsNodes(s: Snapshot, r: OffsetRange): boolean {
  const stack = [...s.manuscript.tree.children];
  while (stack.length) {
    const node = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (end <= r.start || start >= r.end) continue;
    if (((start < r.start && end < r.end) || (start > r.start && end > r.end)) && node.type !== 'text') return true;
    if ('children' in node) stack.push(...node.children);
  }
  return false;
}
