/**
 * Reference formatting through a real CSL processor: citation-js's plugin-csl, which drives
 * citeproc-js. Default style `apa` (plugin-csl 0.7.9 ships "American Psychological Association
 * 7th edition"), also `vancouver` and `harvard1`; any other style by `.csl` path or XML text.
 *
 * citeproc runs once per (item, style, locale) and renders HTML; plain text and Markdown are both
 * derived from that HTML. Results are kept by the `ReferenceFormatter` the host owns. Nothing here
 * throws: an item citeproc rejects gets a hand-built "Author (Year). Title." fallback.
 */
import { createHash } from 'node:crypto';
import { logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './types.js';
import { CslEngines, type StyleEngine } from './csl-engines.js';

export interface FormatOptions {
  /** A style name citation-js bundles (`apa`, `vancouver`, `harvard1`). Style files are read by the host and given as `cslText`. */
  style?: string;
  /** The XML of a CSL style; takes precedence over `style`. */
  cslText?: string;
  /** Locale such as `en-US` (default); plugin-csl ships en-US, de-DE, fr-FR, es-ES, nl-NL. */
  locale?: string;
}

export interface FormattedReference {
  text: string;
  /** Markdown: italics as `*...*`, bold as `**...**`, Markdown specials escaped. */
  markdown: string;
  /** Set when citeproc failed on the item (or the style could not be loaded) and a fallback was used. */
  fallback?: boolean;
}

const DEFAULT_STYLE = 'apa';
const DEFAULT_LOCALE = 'en-US';

function cslConfig(): { templates: { has(n: string): boolean; list(): string[] } } {
  return plugins.config.get('@csl');
}

export function availableStyles(): string[] {
  return cslConfig().templates.list();
}

/** The style to format with: a user style's engine, a registered template name, or undefined (unavailable: APA). */
type Resolved = { readonly key: string; readonly user?: Extract<StyleEngine, { engine: unknown }>; readonly template?: string };

/** Formatted references kept per formatter: a bounded LRU keyed by style, locale and the item's JSON. */
const CACHE_LIMIT = 5000;

/**
 * Formats references and citations, remembering what it formatted. The host owns one (workspace/), so
 * nothing here outlives it or is shared between hosts: results are keyed by everything they depend on
 * (the style's name or a hash of its text, the locale, the item's JSON; items may be rebuilt per parse),
 * and styles given as text get engines of their own, a few at a time (citation-js would keep each
 * version of an edited style file forever).
 */
export class ReferenceFormatter {
  private readonly cache = new Map<string, FormattedReference>();
  private readonly userStyles = new CslEngines();

  /** How many results are kept (for tests). */
  get size(): number {
    return this.cache.size;
  }

  /** How many user style engines are alive (for tests and benches). */
  get userStyleEngineCount(): number {
    return this.userStyles.size;
  }

  clear(): void {
    this.cache.clear();
  }

  /** Why a style text cannot be used for hovers (formatting then uses APA), or undefined when it can. */
  styleProblem(cslText: string, locale: string = DEFAULT_LOCALE): string | undefined {
    const made = this.userStyles.get(cslText, locale);
    return 'error' in made ? made.error : undefined;
  }

  formatReference(item: CslItem, options?: FormatOptions): FormattedReference {
    const kept = this.referenceKey(item, options);
    if (!kept) return fallbackReference(item);
    const { key, locale, style } = kept;
    return this.cached(key, () => {
      const clean = sanitize(item);
      // citeproc renders an item with neither names nor title as "(N.d.)."; the key is more useful.
      if (!authorsOf(clean).length && clean.title === undefined) return fallbackReference(clean);
      try {
        let html: unknown;
        if (style.user) html = this.userStyles.bibliography(style.user, [clean])[0];
        else {
          const output = plugins.output.format('bibliography', [clean], {
            template: style.template ?? DEFAULT_STYLE,
            lang: locale,
            format: 'html',
            asEntryArray: true,
          });
          html = Array.isArray(output) && Array.isArray(output[0]) ? output[0][1] : undefined;
        }
        if (typeof html !== 'string') return fallbackReference(clean);
        const result = htmlToOutputs(html);
        if (!result.text) return fallbackReference(clean);
        return style.user || style.template ? result : { ...result, fallback: true };
      } catch {
        return fallbackReference(clean);
      } finally {
        logger._log.length = 0;
      }
    });
  }

  /** An in-text citation such as "(Katz, 2012)" or "(Katz, 2012; Lee & Park, 2020)". */
  formatCitation(items: readonly CslItem[], options?: FormatOptions): FormattedReference {
    if (items.length === 0) return { text: '', markdown: '' };
    let json: string;
    try {
      json = JSON.stringify(items);
    } catch {
      return fallbackCitation(items);
    }
    const locale = options?.locale ?? DEFAULT_LOCALE;
    const style = this.resolveStyle(options, locale);
    return this.cached(`c\u0000${style.key}\u0000${locale}\u0000${json}`, () => {
      const clean = dedupeIds(items.map(sanitize));
      try {
        const html = style.user
          ? this.userStyles.citation(style.user, clean)
          : plugins.output.format('citation', clean, {
              template: style.template ?? DEFAULT_STYLE,
              lang: locale,
              format: 'html',
            });
        if (typeof html !== 'string') return fallbackCitation(clean);
        const result = htmlToOutputs(html);
        return result.text ? result : fallbackCitation(clean);
      } catch {
        return fallbackCitation(clean);
      } finally {
        logger._log.length = 0;
      }
    });
  }

  /** Whether `formatReference(item, options)` would answer from what is kept, without running citeproc. */
  hasReference(item: CslItem, options?: FormatOptions): boolean {
    const kept = this.referenceKey(item, options);
    return kept !== undefined && this.cache.has(kept.key);
  }

  /**
   * Keeps `result` as `formatReference(item, options)`'s answer: the same formatter's work done elsewhere
   * (the language server formats with bundled styles in a worker thread, whose engine build would
   * otherwise block this one).
   */
  rememberReference(item: CslItem, options: FormatOptions | undefined, result: FormattedReference): void {
    const kept = this.referenceKey(item, options);
    if (kept) this.cached(kept.key, () => result);
  }

  /** Where `formatReference` keeps an item's reference in a style; undefined for an item JSON cannot encode. */
  private referenceKey(item: CslItem, options: FormatOptions | undefined): { key: string; locale: string; style: Resolved } | undefined {
    let json: string;
    try {
      json = JSON.stringify(item);
    } catch {
      return undefined;
    }
    const locale = options?.locale ?? DEFAULT_LOCALE;
    const style = this.resolveStyle(options, locale);
    return { key: `b\u0000${style.key}\u0000${locale}\u0000${json}`, locale, style };
  }

  private resolveStyle(options: FormatOptions | undefined, locale: string): Resolved {
    if (options?.cslText) {
      const key = 'text:' + createHash('sha1').update(options.cslText).digest('hex');
      const made = this.userStyles.get(options.cslText, locale);
      return 'error' in made ? { key: `${key}:unusable` } : { key, user: made };
    }
    const style = options?.style ?? DEFAULT_STYLE;
    // Only citation-js's bundled templates are registered (nothing here adds any), so a name is its text.
    return cslConfig().templates.has(style) ? { key: style, template: style } : { key: `missing:${style}` };
  }

  private cached(key: string, compute: () => FormattedReference): FormattedReference {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const value = compute();
    this.cache.set(key, value);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    return value;
  }
}

function dedupeIds(items: CslItem[]): CslItem[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    if (!seen.has(item.id)) {
      seen.add(item.id);
      return item;
    }
    return { ...item, id: `${item.id}\u0000${i}` };
  });
}

// -------------------------------------------------------------------------------------------------
// Sanitising: citeproc-js throws (or loops) on some malformed input; hand it only well-typed fields.

const CSL_TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast',
  'chapter', 'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary',
  'entry-encyclopedia', 'event', 'figure', 'graphic', 'hearing', 'interview', 'legal_case',
  'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post',
  'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech',
  'standard', 'thesis', 'treaty', 'webpage',
]);

const NAME_FIELDS = new Set([
  'author', 'editor', 'translator', 'container-author', 'collection-editor', 'composer', 'director',
  'interviewer', 'illustrator', 'original-author', 'recipient', 'reviewed-author',
  'editorial-director', 'chair', 'compiler', 'contributor', 'curator', 'executive-producer',
  'guest', 'host', 'narrator', 'organizer', 'performer', 'producer', 'script-writer',
  'series-creator',
]);

const DATE_FIELDS = new Set(['issued', 'accessed', 'original-date', 'event-date', 'submitted', 'available-date']);

function sanitize(item: CslItem): CslItem {
  const id = typeof item.id === 'string' && item.id ? item.id : String(item.id ?? 'item');
  const type = typeof item.type === 'string' && CSL_TYPES.has(item.type) ? item.type : 'document';
  const out: CslItem = { id, type };
  for (const [field, value] of Object.entries(item)) {
    if (field === 'id' || field === 'type' || value === null || value === undefined) continue;
    if (NAME_FIELDS.has(field)) {
      const names = sanitizeNames(value);
      if (names.length) out[field] = names;
    } else if (DATE_FIELDS.has(field)) {
      const date = sanitizeDate(value);
      if (date) out[field] = date;
    } else if (typeof value === 'string' || typeof value === 'number') {
      out[field] = value;
    }
  }
  return out;
}

function sanitizeNames(value: unknown): Record<string, string>[] {
  const list = Array.isArray(value) ? value : [value];
  const out: Record<string, string>[] = [];
  for (const n of list) {
    if (typeof n === 'string' && n.trim()) out.push({ literal: n.trim() });
    else if (n && typeof n === 'object') {
      const name: Record<string, string> = {};
      for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
        if (typeof v === 'string' || typeof v === 'number') name[k] = String(v);
      }
      if (name.family || name.given || name.literal) out.push(name);
    }
  }
  return out;
}

function sanitizeDate(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'number') return { 'date-parts': [[value]] };
  if (typeof value === 'string') return value.trim() ? { raw: value.trim() } : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const d = value as Record<string, unknown>;
  const parts = d['date-parts'];
  if (Array.isArray(parts)) {
    const clean = parts
      .filter((p): p is unknown[] => Array.isArray(p))
      .map((p) => p.map((x) => Number(x)).filter((x) => Number.isInteger(x)).slice(0, 3))
      .filter((p) => p.length > 0);
    if (clean.length) return { 'date-parts': clean.slice(0, 2) };
  }
  for (const k of ['literal', 'raw']) {
    const v = d[k];
    if (typeof v === 'string' && v.trim()) return { [k]: v.trim() };
  }
  return undefined;
}

// -------------------------------------------------------------------------------------------------
// citeproc HTML → plain text and Markdown.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Exported for tests. */
export function htmlToOutputs(html: string): { text: string; markdown: string } {
  let text = '';
  let markdown = '';
  const tag = /<(\/?)([a-z]+)((?:[\s/][^<>]*)?)>/gi;
  // A stack of the Markdown closer for each open tag, so `</span>` closes what its opener opened.
  const closers: string[] = [];
  let last = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const chunk = decodeEntities(html.slice(last, m.index));
    text += chunk;
    markdown += escapeMarkdown(chunk);
    last = m.index + m[0].length;
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const attrs = m[3] ?? '';
    if (closing) {
      const closer = closers.pop() ?? '';
      markdown = closeMarker(markdown, closer);
      continue;
    }
    let marker = '';
    if (name === 'i' || name === 'em' || (name === 'span' && /font-style:\s*italic/.test(attrs))) marker = '*';
    else if (name === 'b' || name === 'strong' || (name === 'span' && /font-weight:\s*bold/.test(attrs))) marker = '**';
    else if (name === 'sup') marker = '^';
    else if (name === 'sub') marker = '~';
    else if (name === 'br') {
      text += ' ';
      markdown += ' ';
      continue;
    }
    markdown += marker;
    closers.push(marker);
  }
  const tail = decodeEntities(html.slice(last));
  text += tail;
  markdown += escapeMarkdown(tail);
  return { text: text.replace(/\s+/g, ' ').trim(), markdown: markdown.replace(/\s+/g, ' ').trim() };
}

/** Appends `closer`, moving trailing spaces outside the emphasis (`*a *` is not emphasis) and dropping empty pairs. */
function closeMarker(markdown: string, closer: string): string {
  if (!closer) return markdown;
  const trimmed = markdown.trimEnd();
  const spaces = markdown.slice(trimmed.length);
  if (trimmed.endsWith(closer) && !trimmed.endsWith('\\' + closer)) {
    return trimmed.slice(0, -closer.length) + spaces; // empty emphasis
  }
  return trimmed + closer + spaces;
}

// -------------------------------------------------------------------------------------------------
// Fallbacks.

function nameOf(n: unknown): string | undefined {
  if (typeof n === 'string') return n;
  if (!n || typeof n !== 'object') return undefined;
  const r = n as Record<string, unknown>;
  const literal = r.literal;
  if (typeof literal === 'string') return literal;
  const family = typeof r.family === 'string' ? r.family : undefined;
  const particle = typeof r['non-dropping-particle'] === 'string' ? `${r['non-dropping-particle']} ` : '';
  return family ? particle + family : typeof r.given === 'string' ? r.given : undefined;
}

function yearOf(item: CslItem): string | undefined {
  const issued = item.issued as Record<string, unknown> | undefined;
  const parts = issued?.['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0][0] !== undefined) return String(parts[0][0]);
  for (const k of ['literal', 'raw']) if (typeof issued?.[k] === 'string') return issued[k] as string;
  return undefined;
}

function authorsOf(item: CslItem): string[] {
  const list = Array.isArray(item.author) ? item.author : Array.isArray(item.editor) ? item.editor : [];
  return list.map(nameOf).filter((n): n is string => !!n);
}

function richText(s: string): { text: string; markdown: string } {
  return htmlToOutputs(s);
}

function fallbackReference(item: CslItem): FormattedReference {
  const authors = authorsOf(item);
  const year = yearOf(item) ?? 'n.d.';
  const title = typeof item.title === 'string' ? richText(item.title) : undefined;
  const who = authors.length ? authors.join(', ') : undefined;
  const head = who ? `${who} (${year}).` : `(${year}).`;
  const text = [head, title ? `${title.text}.` : undefined, typeof item.id === 'string' ? `[${item.id}]` : undefined]
    .filter(Boolean)
    .join(' ');
  const markdown = [
    escapeMarkdown(head),
    title ? `*${title.markdown}*.` : undefined,
    typeof item.id === 'string' ? `\\[${escapeMarkdown(item.id)}\\]` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return { text, markdown, fallback: true };
}

function fallbackCitation(items: readonly CslItem[]): FormattedReference {
  const parts = items.map((item) => {
    const authors = authorsOf(item);
    const who = authors.length > 2 ? `${authors[0]} et al.` : authors.join(' & ') || (typeof item.title === 'string' ? richText(item.title).text : item.id);
    return `${who}, ${yearOf(item) ?? 'n.d.'}`;
  });
  const text = `(${parts.join('; ')})`;
  return { text, markdown: escapeMarkdown(text), fallback: true };
}
