/** Hover on a review mark: what kind of change or comment it is, who wrote it and what they said. */
import { reviewMarks, type ReviewMark } from '../model/review.js';
import type { HoverResult } from './hover.js';
import type { Snapshot } from './snapshot.js';

const LABEL: Record<ReviewMark['kind'], string> = {
  addition: 'Addition',
  deletion: 'Deletion',
  substitution: 'Replacement',
  highlight: 'Highlight',
  comment: 'Review comment',
};

export function reviewHover(s: Snapshot, offset: number): HoverResult | undefined {
  const mark = reviewMarks(s.manuscript).find((m) => offset >= m.range.start && offset < m.range.end);
  if (!mark) return undefined;
  const by = mark.reviewer ? ` by **${escape(mark.reviewer)}**` : '';
  const lines = [`**${LABEL[mark.kind]}**${by}`];
  if (mark.kind === 'substitution') lines.push(`~~${escape(mark.old ?? '')}~~ → ${escape(mark.text)}`);
  else if (mark.kind === 'comment') {
    lines.push(escape(mark.text));
    if (mark.about) lines.push(`On the ${mark.about.kind}: “${escape(short(mark.about.text))}”`);
  }
  if (mark.note) lines.push(`Comment: ${escape(mark.note)}`);
  if (mark.kind === 'addition' || mark.kind === 'deletion' || mark.kind === 'substitution')
    lines.push('Accept or reject it with the quick fixes (Ctrl+.).');
  return { range: mark.range, markdown: lines.join('\n\n') };
}

function short(text: string): string {
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>~]/g, '\\$&');
}
