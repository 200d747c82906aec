/**
 * What the Markdown preview needs to render a manuscript as Pandoc would, computed here (the preview
 * plugin runs synchronously in the editor and knows no bibliography):
 * - each citation, keyed by its source text (`[see @a, p. 3]`, `@a [p. 3]`), with author-date text
 *   and the formatted references as a tooltip. citeproc formats each item's author-date part in the
 *   manuscript's style; prefix, locator and suffix are placed around it, and an author-in-text
 *   citation becomes `Author (Year)` (an approximation of Pandoc's citeproc for author-date styles);
 * - the reference list: every cited and `nocite` entry, formatted, in alphabetical order;
 * - the category and domain labels for consequence spans.
 */
import type { CitationItem } from '../syntax/types.js';
import type { AnalysisConfig } from './config.js';
import { lookup, styleOptions, type Snapshot } from './snapshot.js';

export interface PreviewCitation {
  /** The citation as written, whitespace collapsed: the preview finds it by this text. */
  readonly source: string;
  /** Rendered author-date text, `(Katz, 2012, p. 3)` or `Katz (2012)`. */
  readonly text: string;
  /** The formatted references (plain text), one per line, or why a key is unknown. */
  readonly title: string;
  readonly keys: readonly string[];
  /** Some key is in no bibliography: the preview shows the source as written. */
  readonly unknown?: boolean;
}

export interface PreviewData {
  readonly citations: readonly PreviewCitation[];
  /** Formatted reference list entries (Markdown). */
  readonly references: readonly { readonly key: string; readonly markdown: string }[];
  readonly categories: readonly { readonly id: string; readonly label: string }[];
  readonly domains: readonly { readonly id: string; readonly label: string }[];
}

export function previewData(s: Snapshot, config: AnalysisConfig): PreviewData {
  const options = styleOptions(s, config.locale);
  const text = s.manuscript.text;
  const seen = new Map<string, PreviewCitation>();
  const cited = new Set<string>();
  for (const occurrence of s.manuscript.citations) {
    const group = occurrence.group;
    if (group.nested) continue;
    const source = normalise(text.slice(occurrence.groupRange.start, occurrence.groupRange.end));
    if (seen.has(source)) continue;
    const items = group.items;
    for (const item of items) cited.add(item.key);
    const unknown = items.filter((i) => !lookup(s, i.key));
    if (unknown.length) {
      seen.set(source, { source, text: source, title: unknown.map((i) => `Unknown key '${i.key}'`).join('\n'), keys: items.map((i) => i.key), unknown: true });
      continue;
    }
    const parts = items.map((item) => authorDate(s, item, options));
    const rendered = group.bracketed
      ? `(${parts.map((p, i) => itemText(items[i]!, p)).join('; ')})`
      : inText(items, parts);
    const title = items.map((i) => s.formatter.formatReference(lookup(s, i.key)!.entry.csl(), options).text).join('\n');
    seen.set(source, { source, text: rendered, title, keys: items.map((i) => i.key) });
  }
  const nocite = s.manuscript.frontMatter.nocite;
  const keys = nocite.includes('*') ? [...s.entries.keys()] : [...cited, ...nocite];
  const references = [...new Set(keys)]
    .flatMap((key) => {
      const entry = lookup(s, key);
      return entry ? [{ key, markdown: s.formatter.formatReference(entry.entry.csl(), options).markdown }] : [];
    })
    .sort((a, b) => a.markdown.localeCompare(b.markdown));
  const labels = (terms: readonly { id: string; label?: string }[]) => terms.map((t) => ({ id: t.id, label: t.label ?? t.id }));
  return {
    citations: [...seen.values()],
    references,
    categories: labels(s.manuscript.frontMatter.categories),
    domains: labels(s.manuscript.frontMatter.domains),
  };
}

/** `Katz, 2012` from citeproc's `(Katz, 2012)`, split into names and date. */
function authorDate(s: Snapshot, item: CitationItem, options: ReturnType<typeof styleOptions>): { names: string; date: string; whole: string } {
  const formatted = s.formatter.formatCitation([lookup(s, item.key)!.entry.csl()], options).text.trim();
  const whole = formatted.replace(/^\((.*)\)$/s, '$1');
  const comma = whole.lastIndexOf(', ');
  return comma > 0 ? { names: whole.slice(0, comma), date: whole.slice(comma + 2), whole } : { names: whole, date: '', whole };
}

function itemText(item: CitationItem, p: { names: string; date: string; whole: string }): string {
  const core = item.mode === 'suppress-author' && p.date ? p.date : p.whole;
  const suffix = suffixOf(item);
  return [item.prefix, core + (suffix ? `, ${suffix}` : '')].filter(Boolean).join(' ');
}

/**
 * `Katz (2012, p. 3)`; an in-text citation with a group after it (`@katz2012 [@lee2020]`, one citation
 * to Pandoc) puts the group's items in the same parenthesis: `Katz (2012; Lee, 2020)`, as citeproc does.
 */
function inText(items: readonly CitationItem[], parts: readonly { names: string; date: string; whole: string }[]): string {
  const [first, ...rest] = items;
  const own = [parts[0]!.date, suffixOf(first!)].filter(Boolean).join(', ');
  const inside = [own, ...rest.map((item, i) => itemText(item, parts[i + 1]!))].filter(Boolean).join('; ');
  return inside ? `${parts[0]!.names} (${inside})` : parts[0]!.names;
}

/** The suffix without the comma that separates it from the key (`[@a, p. 3]`). */
function suffixOf(item: CitationItem): string {
  return item.suffix.replace(/^,\s*/, '').trim();
}

export function normalise(source: string): string {
  return source.replace(/\s+/g, ' ').trim();
}
