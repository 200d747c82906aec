/**
 * review-comment (information): an open review comment `{>> … <<}`, with its reviewer. It stays
 * until the comment is resolved (removed), so the Problems panel lists what reviewers still ask.
 * malformed-review-mark (warning): a CriticMarkup opener with no closer in the same paragraph, or a
 * closer with no opener. The text around it is read as written.
 */
import { finding, type Finding } from '../diagnostic.js';
import { reviewMarkErrors, reviewMarks } from '../../model/review.js';
import type { Root } from 'mdast';
import type { Snapshot } from '../snapshot.js';

export function reviewProblems(s: Snapshot): Finding[] {
  return [...reviewMarkProblems(s, s.manuscript.tree), ...reviewComments(s, s.manuscript.tree)];
}

/** Unpaired openers and closers in `tree` (the manuscript's, or a root holding one of its blocks). */
export function reviewMarkProblems(s: Snapshot, tree: Root): Finding[] {
  return reviewMarkErrors(tree).map((e) => finding('malformed-review-mark', s.path, e.range, e.message));
}

/** Open review comments in `tree`; a comment is about a mark right before it, so within one block. */
export function reviewComments(s: Snapshot, tree: Root): Finding[] {
  const out: Finding[] = [];
  // The finding does not name the section: none looked up.
  for (const m of reviewMarks({ tree, text: s.manuscript.text, sections: [] })) {
    if (m.kind !== 'comment') continue;
    // A comment on a highlight is about the highlighted text: the diagnostic covers both.
    const range = m.about?.kind === 'highlight' ? { start: m.about.range.start, end: m.range.end } : m.range;
    const by = m.reviewer ? ` by ${m.reviewer}` : '';
    out.push(finding('review-comment', s.path, range, `Review comment${by}: ${m.text || '(empty)'}`));
  }
  return out;
}
