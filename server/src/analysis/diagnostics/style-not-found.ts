/**
 * style-not-found (warning): the front matter's `csl:` names a style file that does not exist or cannot
 * be read (relative to the manuscript), or that citeproc-js cannot use (not CSL, no bibliography layout,
 * over `marginalia.limits.styleBytes`); the message says which. Hovers then format references in APA.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';
import { isKnitrInline, KNITR_INLINE_REASON } from '../../model/knitr-inline.js';

export function styleNotFound(s: Snapshot): Finding[] {
  const style = s.style;
  if (style.kind !== 'file' || !style.declared) return [];
  if (style.problem)
    return [finding('style-not-found', s.path, style.declared.range, `Citation style '${style.declared.value}' ${style.problem} (${style.path}); hovers use APA`)];
  if (style.text !== undefined) return [];
  if (isKnitrInline(style.declared.value))
    return [finding('style-not-found', s.path, style.declared.range, `Citation style '${style.declared.value}' ${KNITR_INLINE_REASON}; hovers use APA`)];
  return [
    finding('style-not-found', s.path, style.declared.range, `Citation style '${style.declared.value}' not found (looked for ${style.path}); hovers use APA`),
  ];
}
