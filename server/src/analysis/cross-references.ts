/**
 * Cross-references written as citations: Quarto's `@fig-map`, `@tbl-…`, `@sec-…`, `@eq-…` (and its
 * theorem-like kinds) and pandoc-crossref's `@fig:map`, `@tbl:…`, `@sec:…`, `@eq:…`, `@lst:…`. Pandoc
 * parses them as citations; Quarto and the pandoc-crossref filter turn them into "Figure 2". They are
 * no bibliography keys: a key of that form that no bibliography defines is a cross-reference, reported
 * only when the document defines no such label (`{#fig-map}`, `#| label: fig-map`, a knitr chunk's
 * name), as Quarto prints
 * `?@fig-map` and pandoc-crossref `¿fig:map?`.
 */
import { crossReferenceOf, type CrossReference } from '../syntax/cross-reference.js';
import type { Snapshot } from './snapshot.js';
import type { OffsetRange } from '../text/range.js';

/**
 * The labels a document defines: identifiers in attributes (`{#fig-map width=50%}`, headings, divs,
 * equations, tables) and Quarto's code-cell options (`#| label: fig-map`).
 */
export function crossReferenceLabels(text: string): Set<string> {
  return new Set(crossReferenceLabelRanges(text).keys());
}

/** Each label the document defines, with the range of its first definition's name (go to definition). */
export function crossReferenceLabelRanges(text: string): Map<string, OffsetRange> {
  const out = new Map<string, OffsetRange>();
  const add = (label: string, start: number) => {
    if (!out.has(label)) out.set(label, { start, end: start + label.length });
  };
  for (const m of text.matchAll(/\{[ \t]*#([^\s}#]+)/g)) add(m[1]!, m.index + m[0].length - m[1]!.length);
  for (const m of text.matchAll(/^[ \t]*#\|[ \t]*label:[ \t]*["']?([^\s"']+)/gm)) add(m[1]!, m.index + m[0].length - m[1]!.length);
  // knitr's chunk header, which Quarto reads too: ```{r fig-map, fig.cap="…"} or label="fig-map".
  for (const fence of text.matchAll(/^ {0,3}`{3,}/gm)) {
    const end = text.indexOf('\n', fence.index);
    const after = fence.index + fence[0].length;
    const line = text.slice(after, end < 0 ? text.length : end);
    const header = /^\s*\{([^}]*)\}/.exec(line)?.[1];
    if (header === undefined) continue;
    const [engine, ...options] = header.split(',').map((o) => o.trim());
    const first = [engine?.split(/\s+/)[1], options[0]].find((o) => o !== undefined);
    const unnamed = first !== undefined && !first.includes('=') ? first : undefined;
    const named = options.map((o) => /^label\s*=\s*["']([^"']+)["']$/.exec(o)?.[1]).find((l) => l !== undefined);
    const label = named ?? unnamed;
    if (label) add(label, after + line.indexOf(label, line.indexOf('{')));
  }
  return out;
}

/** A Quarto include (`{{< include part.qmd >}}`) may bring labels this text does not show. */
export function includesOtherFiles(text: string): boolean {
  return /\{\{<[ \t]*include[ \t]/.test(text);
}

/** Cross-references of the snapshot that no bibliography defines, each with whether its label exists. */
export function crossReferencesOf(s: Snapshot): { key: string; ref: CrossReference; defined: boolean }[] {
  let labels: Set<string> | undefined;
  const out: { key: string; ref: CrossReference; defined: boolean }[] = [];
  for (const c of s.manuscript.citations) {
    const key = c.item.key;
    if (s.entries.has(key)) continue;
    const ref = crossReferenceOf(key, s.manuscript.crossReferenceKinds);
    if (!ref) continue;
    labels ??= crossReferenceLabels(s.manuscript.text);
    out.push({ key, ref, defined: labels.has(key) });
  }
  return out;
}
