/**
 * unknown-cross-reference (warning): `@fig-map` (Quarto) or `@fig:map` (pandoc-crossref) names a label
 * the document does not define. Not checked in a chapter of a book or a document with Quarto includes,
 * whose labels may be in another file. See analysis/cross-references.ts.
 */
import { crossReferenceLabels, includesOtherFiles } from '../cross-references.js';
import { crossReferenceOf } from '../../syntax/cross-reference.js';
import type { CitationOccurrence } from '../../model/manuscript.js';
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function unknownCrossReferences(s: Snapshot): Finding[] {
  if (!crossReferencesChecked(s, includesOtherFiles(s.manuscript.text))) return [];
  let labels: Set<string> | undefined;
  return unknownCrossReferencesIn(s, s.manuscript.citations, () => (labels ??= crossReferenceLabels(s.manuscript.text)));
}

/** Whether cross-references are checked at all: not in a chapter of a book or a text with includes. */
export function crossReferencesChecked(s: Snapshot, includes: boolean): boolean {
  return (s.project?.chapters.length ?? 0) <= 1 && !includes;
}

/**
 * The findings of some of the manuscript's citations (one block's), given the labels the whole document
 * defines (asked only when a citation may be a cross-reference).
 */
export function unknownCrossReferencesIn(s: Snapshot, citations: readonly CitationOccurrence[], labels: () => ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const c of citations) {
    if (s.entries.has(c.item.key)) continue;
    const ref = crossReferenceOf(c.item.key, s.manuscript.crossReferenceKinds);
    if (!ref || labels().has(c.item.key)) continue;
    const x = { key: c.item.key, ref };
    const shown = x.ref.tool === 'Quarto' ? `?@${c.item.key}` : `¿${c.item.key}?`;
    out.push(
      finding(
        'unknown-cross-reference',
        s.path,
        c.item.keyRange,
        `Cross-reference to a ${x.ref.kind} labelled '${c.item.key}', which this document does not define ({#${c.item.key}}): ${x.ref.tool} would print '${shown}'`,
      ),
    );
  }
  return out;
}
