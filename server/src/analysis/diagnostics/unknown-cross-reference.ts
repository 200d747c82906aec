/**
 * unknown-cross-reference (warning): `@fig-map` (Quarto) or `@fig:map` (pandoc-crossref) names a label
 * the document does not define. Not checked in a chapter of a book or a document with Quarto includes,
 * whose labels may be in another file. See analysis/cross-references.ts.
 */
import { crossReferencesOf, includesOtherFiles } from '../cross-references.js';
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function unknownCrossReferences(s: Snapshot): Finding[] {
  if ((s.project?.chapters.length ?? 0) > 1 || includesOtherFiles(s.manuscript.text)) return [];
  const missing = new Map(crossReferencesOf(s).filter((x) => !x.defined).map((x) => [x.key, x]));
  if (!missing.size) return [];
  const out: Finding[] = [];
  for (const c of s.manuscript.citations) {
    const x = missing.get(c.item.key);
    if (!x) continue;
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
