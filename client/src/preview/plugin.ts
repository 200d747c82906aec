/**
 * markdown-it plugin for VS Code's Markdown preview: renders a manuscript as Pandoc would, with the
 * review visible.
 * - citations (`[@a; @b, p. 3]`, `@a [p. 3]`) as author-date text with the formatted references as a
 *   tooltip; only those the server recognised (its data is keyed by the source text), so the preview
 *   never disagrees with the diagnostics;
 * - a reference list at `::: {#refs}`, or at the end when the manuscript has none;
 * - bracketed spans `[…]{.class key=value}` as `<span>`s (Pandoc's HTML), consequences marked by
 *   category with their label as a tooltip;
 * - CriticMarkup: additions `<ins>`, deletions `<del>`, highlights `<mark>`, comments in the margin.
 * Rendering is synchronous: the data comes from a cache the client fills after each analysis.
 */
import type MarkdownIt from 'markdown-it';
import type { StateCore, StateInline } from 'markdown-it';
import type { PreviewCitation, PreviewData } from './data';

export interface PreviewOptions {
  /** The data for the document being rendered (`env.currentDocument` in VS Code), if known yet. */
  data(env: unknown): PreviewData | undefined;
}

const KEY = /^@(?:\{[^{}\s]*\}|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/]+(?=[\p{L}\p{N}_]))*)/u;
const BRACKET_AFTER_KEY = /^[ \t]*\n?[ \t]*\[[^[\]]*\]/;
const REFS = /^:{3,}\s*\{\s*#refs\s*\}\s*(?:\n:{3,}\s*)?$/;

const CRITIC: Record<string, { close: string; tag: string; kind: string }> = {
  '{++': { close: '++}', tag: 'ins', kind: 'addition' },
  '{--': { close: '--}', tag: 'del', kind: 'deletion' },
  '{~~': { close: '~~}', tag: 'span', kind: 'substitution' },
  '{==': { close: '==}', tag: 'mark', kind: 'highlight' },
  '{>>': { close: '<<}', tag: 'span', kind: 'comment' },
};

export function marginaliaPreview(md: MarkdownIt, options: PreviewOptions): void {
  const lookups = new WeakMap<PreviewData, Map<string, PreviewCitation>>();
  const citationsOf = (data: PreviewData) => {
    let map = lookups.get(data);
    if (!map) lookups.set(data, (map = new Map(data.citations.map((c) => [c.source, c]))));
    return map;
  };

  md.inline.ruler.before('link', 'marginalia_bracket', (state, silent) => bracket(state, silent));
  md.inline.ruler.before('link', 'marginalia_in_text', (state, silent) => inTextCitation(state, silent));
  md.inline.ruler.before('strikethrough', 'marginalia_critic', (state, silent) => critic(state, silent));
  md.core.ruler.push('marginalia_references', (state) => references(state));

  function citationAt(state: StateInline, start: number, end: number, silent: boolean): boolean {
    const data = options.data(state.env);
    const found = data && citationsOf(data).get(normalise(state.src.slice(start, end)));
    if (!found) return false;
    if (!silent) {
      const open = state.push('marginalia_citation_open', 'span', 1);
      open.attrs = [
        ['class', found.unknown ? 'marginalia-citation marginalia-citation-unknown' : 'marginalia-citation'],
        ['title', found.title],
        ['data-cites', found.keys.join(' ')],
      ];
      state.push('text', '', 0).content = found.text;
      state.push('marginalia_citation_close', 'span', -1);
    }
    state.pos = end;
    return true;
  }

  /** `[` … `]`: a citation group, else a bracketed span `[…]{…}`; anything else is left to links. */
  function bracket(state: StateInline, silent: boolean): boolean {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
    const close = matchingBracket(state.src, state.pos, state.posMax);
    if (close < 0) return false;
    const next = state.src[close + 1];
    if (next !== '(' && next !== '[' && next !== '{' && citationAt(state, state.pos, close + 1, silent)) return true;
    if (next !== '{') return false;
    const end = state.src.indexOf('}', close + 2);
    if (end < 0 || end >= state.posMax) return false;
    const block = state.src.slice(close + 2, end);
    if (/[\n{\]]/.test(block)) return false;
    if (!silent) {
      const open = state.push('marginalia_span_open', 'span', 1);
      open.attrs = spanAttributes(block, options.data(state.env));
      inline(state, state.pos + 1, close);
      state.push('marginalia_span_close', 'span', -1);
    }
    state.pos = end + 1;
    return true;
  }

  /** `@key`, `@key [p. 3]`: only where the server found that citation. */
  function inTextCitation(state: StateInline, silent: boolean): boolean {
    if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
    const before = state.src[state.pos - 1];
    if (before && /[\p{L}\p{N}_\\@]/u.test(before)) return false;
    const key = KEY.exec(state.src.slice(state.pos, state.posMax));
    if (!key) return false;
    const afterKey = state.pos + key[0].length;
    const bracketed = BRACKET_AFTER_KEY.exec(state.src.slice(afterKey, state.posMax));
    if (bracketed && citationAt(state, state.pos, afterKey + bracketed[0].length, silent)) return true;
    return citationAt(state, state.pos, afterKey, silent);
  }

  /** CriticMarkup: a mark ends in the paragraph it starts in, as in the language server. */
  function critic(state: StateInline, silent: boolean): boolean {
    const mark = CRITIC[state.src.slice(state.pos, state.pos + 3)];
    if (!mark) return false;
    const contentStart = state.pos + 3;
    const closeAt = state.src.indexOf(mark.close, contentStart);
    if (closeAt < 0 || closeAt + 3 > state.posMax) return false;
    const separator = mark.kind === 'substitution' ? state.src.indexOf('~>', contentStart) : -1;
    if (mark.kind === 'substitution' && (separator < 0 || separator > closeAt)) return false;
    if (!silent) {
      const open = state.push(`marginalia_${mark.kind}_open`, mark.tag, 1);
      open.attrs = [['class', `marginalia-${mark.kind}`]];
      if (mark.kind === 'comment') open.attrs.push(['role', 'note']);
      if (mark.kind === 'substitution') {
        wrapped(state, 'del', 'marginalia-deletion', contentStart, separator);
        wrapped(state, 'ins', 'marginalia-addition', separator + 2, closeAt);
      } else inline(state, contentStart, closeAt);
      state.push(`marginalia_${mark.kind}_close`, mark.tag, -1);
    }
    state.pos = closeAt + 3;
    return true;
  }

  function wrapped(state: StateInline, tag: string, className: string, start: number, end: number): void {
    state.push(`marginalia_${tag}_open`, tag, 1).attrs = [['class', className]];
    inline(state, start, end);
    state.push(`marginalia_${tag}_close`, tag, -1);
  }

  /** Tokenizes `src[start, end)` as inline content into the current token stream. */
  function inline(state: StateInline, start: number, end: number): void {
    const { pos, posMax } = state;
    state.pos = start;
    state.posMax = end;
    state.md.inline.tokenize(state);
    state.pos = pos;
    state.posMax = posMax;
  }

  /** Replaces `::: {#refs}` / `:::` with the reference list, or appends one. */
  function references(state: StateCore): void {
    // renderInline (used for the references themselves) runs the core rules too.
    if (state.inlineMode) return;
    const data = options.data(state.env);
    if (!data || !data.references.length) return;
    const list = new state.Token('html_block', '', 0);
    list.content = `<div id="refs" class="marginalia-references" role="list">\n${data.references
      .map((r) => `<div class="marginalia-reference" role="listitem" data-key="${escapeAttribute(r.key)}">${md.renderInline(r.markdown)}</div>\n`)
      .join('')}</div>\n`;
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i]!.type !== 'paragraph_open' || tokens[i + 1]!.type !== 'inline' || !REFS.test(tokens[i + 1]!.content.trim())) continue;
      const hasClose = tokens[i + 1]!.content.trim().includes('\n');
      // A closing `:::` after a blank line is a paragraph of its own.
      const closeSeparately = !hasClose && tokens[i + 4]?.type === 'inline' && /^:{3,}$/.test(tokens[i + 4]!.content.trim());
      tokens.splice(i, closeSeparately ? 6 : 3, list);
      return;
    }
    tokens.push(list);
  }
}

function spanAttributes(block: string, data: PreviewData | undefined): [string, string][] {
  const classes: string[] = [];
  const pairs = new Map<string, string>();
  let id: string | undefined;
  for (const m of block.matchAll(/#([^\s}]+)|\.([^\s}]+)|([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s}]+))/g)) {
    if (m[1]) id = m[1];
    else if (m[2]) classes.push(m[2]);
    else if (m[3]) pairs.set(m[3], (m[4] ?? m[5] ?? m[6] ?? '').replace(/\\(.)/g, '$1'));
  }
  const attrs: [string, string][] = [];
  if (id) attrs.push(['id', id]);
  const category = pairs.get('category');
  if (classes.includes('consequence') && category) {
    classes.push(`marginalia-category-${category.replace(/[^\w-]/g, '_')}`);
    const label = data?.categories.find((c) => c.id === category)?.label ?? category;
    const domainId = pairs.get('domain');
    const domain = domainId ? (data?.domains.find((d) => d.id === domainId)?.label ?? domainId) : undefined;
    attrs.push(['title', domain ? `${label} · ${domain}` : label]);
  }
  if (classes.length) attrs.push(['class', classes.join(' ')]);
  // Pandoc's HTML writer: key=value becomes data-key="value".
  for (const [key, value] of pairs) attrs.push([`data-${key}`, value]);
  return attrs;
}

/** How far a `[` looks for its `]`: citations and spans are short, and a paragraph of unclosed `[` stays linear. */
const MAX_BRACKET = 4096;

function matchingBracket(src: string, open: number, max: number): number {
  let depth = 0;
  for (let i = open, end = Math.min(max, open + MAX_BRACKET); i < end; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function normalise(source: string): string {
  return source.replace(/\s+/g, ' ').trim();
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

