/**
 * review-comment (information): an open review comment `{>> … <<}`, with its reviewer. It stays
 * until the comment is resolved (removed), so the Problems panel lists what reviewers still ask.
 * malformed-review-mark (warning): a CriticMarkup opener with no closer in the same paragraph, or a
 * closer with no opener. The text around it is read as written.
 */
import { finding, type Finding } from '../diagnostic.js';
import { reviewMarkErrors, reviewMarks } from '../../model/review.js';
import type { Snapshot } from '../snapshot.js';

export function reviewProblems(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  for (const e of reviewMarkErrors(s.manuscript.tree)) out.push(finding('malformed-review-mark', s.path, e.range, e.message));
  for (const m of reviewMarks(s.manuscript)) {
    if (m.kind !== 'comment') continue;
    // A comment on a highlight is about the highlighted text: the diagnostic covers both.
    const range = m.about?.kind === 'highlight' ? { start: m.about.range.start, end: m.range.end } : m.range;
    const by = m.reviewer ? ` by ${m.reviewer}` : '';
    out.push(finding('review-comment', s.path, range, `Review comment${by}: ${m.text || '(empty)'}`));
  }
  return out;
}
