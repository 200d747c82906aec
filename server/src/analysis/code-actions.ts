/**
 * Quick fixes, as edits the user chooses to apply (the server never writes files itself):
 * - unknown-key: replace the key with one of the closest existing keys; declare the bibliography file
 *   beside a manuscript that declares none, when that file defines the key;
 * - uncited-claim: cite one of the suggested references (suggest-references.ts); mark the sentence
 *   as the authors' own position with `[…]{.no-claim}`;
 * - review marks: accept or reject changes, resolve comments (review-actions.ts).
 */
import type { Nodes, Root } from 'mdast';
import { blocksMeeting } from '../model/manuscript.js';
import type { OffsetRange } from '../text/range.js';
import type { DiagnosticCode } from './diagnostic.js';
import { claimProblem } from './diagnostics/uncited-claim.js';
import { nearbyDefining, suggestions } from './diagnostics/unknown-key.js';
import { citationInsertion, contextOf, referenceIndexOf, suggestionsIn } from './suggest-references.js';
import type { Snapshot } from './snapshot.js';
import { reviewActions } from './review-actions.js';

export interface TextEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

export interface CodeAction {
  readonly title: string;
  /** The diagnostic this action fixes, and the range it was reported on (none for a plain edit, such as accepting a change). */
  readonly fixes?: { readonly code: DiagnosticCode; readonly range: OffsetRange };
  /**
   * A diagnostic this action also clears, though it stands on its own (accepting a change resolves the
   * comment on it): offered whether or not that diagnostic is shown.
   */
  readonly resolves?: { readonly code: DiagnosticCode; readonly range: OffsetRange };
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

export function codeActions(s: Snapshot, at: OffsetRange): CodeAction[] {
  const out: CodeAction[] = [];
  const touches = (r: OffsetRange) => r.start <= at.end && at.start <= r.end;

  // Only the blocks the range meets are read (and bound: model/manuscript.ts `partsOf`): editors ask at
  // every move of the cursor.
  const parts = blocksMeeting(s.manuscript, at).map((i) => s.manuscript.partsOf(i));
  for (const c of parts.flatMap((p) => p.citations)) {
    if (!touches(c.item.keyRange) || s.entries.has(c.item.key)) continue;
    const declare = declareNearby(s, c.item.key);
    if (declare)
      out.push({ ...declare, fixes: { code: 'unknown-key', range: c.item.keyRange }, preferred: true });
    suggestions(s, c.item.key).forEach((key, i) =>
      out.push({
        title: `Replace with '${key}'`,
        fixes: { code: 'unknown-key', range: c.item.keyRange },
        edits: [{ range: c.item.keyRange, newText: key }],
        preferred: i === 0,
      }),
    );
  }

  let context: ReturnType<typeof contextOf> | undefined;
  for (const sentence of parts.flatMap((p) => p.sentences)) {
    if (!touches(sentence.range) || sentence.override || !claimProblem(s, sentence)) continue;
    const r = sentence.range;
    context ??= contextOf(s);
    for (const suggestion of suggestionsIn(s, referenceIndexOf(s), context, sentence))
      out.push({
        title: `Cite @${suggestion.key} — ${suggestion.label}`,
        fixes: { code: 'uncited-claim', range: r },
        edits: [citationInsertion(s.manuscript.text, sentence, suggestion.key)],
      });
    // Wrapping must not cut through markup (emphasis, a link, a span) that starts or ends inside the sentence.
    if (cutsMarkup(s.manuscript.tree, r)) continue;
    out.push({
      title: "Mark as the authors' own position ({.no-claim})",
      fixes: { code: 'uncited-claim', range: r },
      edits: [
        { range: { start: r.start, end: r.start }, newText: '[' },
        { range: { start: r.end, end: r.end }, newText: ']{.no-claim}' },
      ],
    });
  }
  out.push(...reviewActions(s, at));
  return out;
}

/**
 * Declares the bibliography file beside the manuscript that defines `key`, in the front matter (made
 * when there is none). Not offered when the front matter has a `bibliography:` field already (empty or
 * unreadable): a second one would be a YAML error.
 */
function declareNearby(s: Snapshot, key: string): Omit<CodeAction, 'fixes'> | undefined {
  const beside = nearbyDefining(s, key);
  const fm = s.manuscript.frontMatter;
  if (!beside || 'bibliography' in fm.data || fm.errors.length) return undefined;
  const value = /^[\w./-]+$/.test(beside.name) ? beside.name : JSON.stringify(beside.name);
  const line = `bibliography: ${value}`;
  const title = `Declare ${beside.name} as the bibliography in the front matter`;
  if (fm.range.end === 0) return { title, edits: [{ range: { start: 0, end: 0 }, newText: `---\n${line}\n---\n\n` }] };
  // Before the closing fence: after the last line of YAML (which remark gives without its line break).
  const at = fm.yamlOffset + fm.yamlText.length;
  return { title, edits: [{ range: { start: at, end: at }, newText: fm.yamlText ? `\n${line}` : `${line}\n` }] };
}

function cutsMarkup(tree: Root, r: OffsetRange): boolean {
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (end <= r.start || start >= r.end) continue;
    const crosses = (start < r.start && end < r.end) || (start > r.start && end > r.end);
    if (crosses && node.type !== 'text') return true;
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return false;
}
