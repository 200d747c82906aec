/**
 * unknown-category (error) and unknown-domain (error): a `.consequence` span names a category or
 * domain that the front matter's `marginalia:` block does not declare.
 * malformed-span (error): a bracketed span's `{...}` could not be read, or a `.consequence` span
 * lacks its `category` or `key`.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';
import type { Annotation } from '../../model/manuscript.js';

export function annotationProblems(s: Snapshot): Finding[] {
  return annotationProblemsIn(s, s.manuscript.annotations);
}

/** The findings of some of the manuscript's annotations (one block's). */
export function annotationProblemsIn(s: Snapshot, annotations: readonly Annotation[]): Finding[] {
  const out: Finding[] = [];
  const fm = s.manuscript.frontMatter;
  for (const a of annotations) {
    for (const e of a.node.attributes.errors)
      out.push(finding('malformed-span', s.path, e.range, `Malformed span attributes: ${e.message}`));
    if (!a.classes.includes('consequence')) continue;
    const pair = (name: string) => a.node.attributes.pairs.find((p) => p.key === name);
    for (const needed of ['category', 'key']) {
      if (!pair(needed))
        out.push(finding('malformed-span', s.path, a.node.attributesRange, `A .consequence span needs ${needed}=…`));
    }
    const vocabularies = [
      { attribute: 'category', code: 'unknown-category', what: 'consequence category', terms: fm.categories, list: 'marginalia.categories' },
      { attribute: 'domain', code: 'unknown-domain', what: 'domain', terms: fm.domains, list: 'marginalia.domains' },
    ] as const;
    for (const v of vocabularies) {
      const used = pair(v.attribute);
      if (!used || v.terms.some((t) => t.id === used.value)) continue;
      const declared = v.terms.map((t) => t.id).join(', ');
      const message = declared
        ? `Unknown ${v.what} '${used.value}'; declared: ${declared}`
        : `Unknown ${v.what} '${used.value}': the front matter declares no ${v.list}`;
      out.push(finding(v.code, s.path, used.valueRange, message));
    }
  }
  return out;
}
