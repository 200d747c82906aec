/**
 * unknown-category (error) and unknown-domain (error): a `.consequence` span names a category or
 * domain that the front matter's `marginalia:` block does not declare.
 * malformed-span (error): a bracketed span's `{...}` could not be read, or a `.consequence` span
 * lacks its `category` or `key`.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function annotationProblems(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const fm = s.manuscript.frontMatter;
  const categories = new Set(fm.categories.map((c) => c.id));
  const domains = new Set(fm.domains.map((d) => d.id));
  for (const a of s.manuscript.annotations) {
    for (const e of a.node.attributes.errors)
      out.push(finding('malformed-span', s.path, e.range, `Malformed span attributes: ${e.message}`));
    if (!a.classes.includes('consequence')) continue;
    const pair = (name: string) => a.node.attributes.pairs.find((p) => p.key === name);
    for (const needed of ['category', 'key']) {
      if (!pair(needed))
        out.push(finding('malformed-span', s.path, a.node.attributesRange, `A .consequence span needs ${needed}=…`));
    }
    const category = pair('category');
    if (category && !categories.has(category.value)) {
      const declared = fm.categories.map((c) => c.id).join(', ');
      out.push(
        finding(
          'unknown-category',
          s.path,
          category.valueRange,
          declared
            ? `Unknown consequence category '${category.value}'; declared: ${declared}`
            : `Unknown consequence category '${category.value}': the front matter declares no marginalia.categories`,
        ),
      );
    }
    const domain = pair('domain');
    if (domain && !domains.has(domain.value)) {
      const declared = fm.domains.map((d) => d.id).join(', ');
      out.push(
        finding(
          'unknown-domain',
          s.path,
          domain.valueRange,
          declared
            ? `Unknown domain '${domain.value}'; declared: ${declared}`
            : `Unknown domain '${domain.value}': the front matter declares no marginalia.domains`,
        ),
      );
    }
  }
  return out;
}
