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
 *
 * Parsing knows nothing of the server's data; only rendering reads it. VS Code's Markdown engine
 * parses with `env.currentDocument` undefined, caches the tokens per document version (and hands them
 * to the Markdown language server), and passes the document only to the renderer: so the parse marks
 * every citation-like text as a candidate, keeping its plain-Markdown tokens, and the render rule
 * shows it formatted when the server knows it, else as written. Rendering is synchronous: the data
 * comes from a cache the client fills after each analysis.
 */
import type MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';
import type { PreviewCitation, PreviewData } from './data';

export interface PreviewOptions {
  /** The data for the document being rendered (`env.currentDocument` in VS Code), if known yet. */
  data(env: unknown): PreviewData | undefined;
}

/** On a `marginalia_citation` token: the citation as written, whitespace collapsed (the server's key). */
interface CitationMeta {
  readonly source: string;
}

/** On a `marginalia_span_open` token: the attribute block, resolved against the data when rendered. */
interface SpanMeta {
  readonly attributes: string;
}

const KEY = /^@(?:\{[^{}\s]*\}|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/]+(?=[\p{L}\p{N}_]))*)/u;
const BRACKET_AFTER_KEY = /^[ \t]*\n?[ \t]*\[[^[\]]*\]/;
/** A `@key` where Pandoc would read a citation inside brackets: at the start, after a space, `;` or `-`. */
const CITATION_IN_BRACKET = /(?:^|[\s;-])@[\p{L}\p{N}_{]/u;
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

  md.renderer.rules.marginalia_citation = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    const meta = token.meta as CitationMeta;
    const children = token.children ?? [];
    const data = options.data(env);
    const found = data && citationsOf(data).get(meta.source);
    return found ? citationHtml(found) : self.renderInline(children, opts, env);
  };
  md.renderer.rules.marginalia_span_open = (tokens, idx, _opts, env) =>
    `<span${attributesHtml(spanAttributes((tokens[idx]!.meta as SpanMeta).attributes, options.data(env)))}>`;
  md.renderer.rules.marginalia_references = (_tokens, _idx, _opts, env) => {
    const data = options.data(env);
    if (!data?.references.length) return '';
    return `<div id="refs" class="marginalia-references" role="list">\n${data.references
      .map((r) => `<div class="marginalia-reference" role="listitem" data-key="${escape(r.key)}">${md.renderInline(r.markdown)}</div>\n`)
      .join('')}</div>\n`;
  };

  function citationHtml(found: PreviewCitation): string {
    const className = found.unknown ? 'marginalia-citation marginalia-citation-unknown' : 'marginalia-citation';
    return `<span${attributesHtml([['class', className], ['title', found.title], ['data-cites', found.keys.join(' ')]])}>${escape(found.text)}</span>`;
  }

  /**
   * A citation candidate over `src[start, keyEnd)` (`[…]`, `@key`) or `src[start, end)` (`@key [p. 3]`):
   * its children are the plain-Markdown tokens of that text, shown when the server knows no such citation.
   */
  function candidate(state: StateInline, start: number, keyEnd: number, end = keyEnd): void {
    const token = state.push('marginalia_citation', '', 0);
    const source = state.src.slice(start, end);
    token.content = source;
    token.meta = { source: normalise(source) } satisfies CitationMeta;
    const children: Token[] = [];
    if (source.startsWith('[')) {
      // The brackets as text and the inside as Markdown, as markdown-it shows a bracket that is no link.
      children.push(textToken(state, '['));
      state.md.inline.parse(state.src.slice(start + 1, end - 1), state.md, state.env, children);
      children.push(textToken(state, ']'));
    } else {
      children.push(textToken(state, state.src.slice(start, keyEnd)));
      if (end > keyEnd) state.md.inline.parse(state.src.slice(keyEnd, end), state.md, state.env, children);
    }
    token.children = children;
  }

  /** `[` … `]`: a citation candidate, else a bracketed span `[…]{…}`; anything else is left to links. */
  function bracket(state: StateInline, silent: boolean): boolean {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
    const close = matchingBracket(state.src, state.pos, state.posMax);
    if (close < 0) return false;
    const next = state.src[close + 1];
    if (next !== '(' && next !== '[' && next !== '{' && CITATION_IN_BRACKET.test(state.src.slice(state.pos + 1, close))) {
      if (!silent) candidate(state, state.pos, close + 1);
      state.pos = close + 1;
      return true;
    }
    if (next !== '{') return false;
    const end = state.src.indexOf('}', close + 2);
    if (end < 0 || end >= state.posMax) return false;
    const block = state.src.slice(close + 2, end);
    if (/[\n{\]]/.test(block)) return false;
    if (!silent) {
      const open = state.push('marginalia_span_open', 'span', 1);
      open.meta = { attributes: block } satisfies SpanMeta;
      // For other consumers of the tokens (the render rule recomputes them with the labels).
      open.attrs = spanAttributes(block, undefined);
      inline(state, state.pos + 1, close);
      state.push('marginalia_span_close', 'span', -1);
    }
    state.pos = end + 1;
    return true;
  }

  /** `@key`, `@key [p. 3]`: candidates; rendered as citations only where the server found one. */
  function inTextCitation(state: StateInline, silent: boolean): boolean {
    if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
    const before = state.src[state.pos - 1];
    if (before && /[\p{L}\p{N}_\\@]/u.test(before)) return false;
    const key = KEY.exec(state.src.slice(state.pos, state.posMax));
    if (!key) return false;
    const afterKey = state.pos + key[0].length;
    const bracketed = BRACKET_AFTER_KEY.exec(state.src.slice(afterKey, state.posMax));
    // `@key [text](url)`, `[text][ref]`, `[text]{.class}`: the bracket is a link or a span, not a locator.
    const end = bracketed && !'([{'.includes(state.src[afterKey + bracketed[0].length] || ' ') ? afterKey + bracketed[0].length : afterKey;
    if (!silent) candidate(state, state.pos, afterKey, end);
    state.pos = end;
    return true;
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

  /** Replaces `::: {#refs}` / `:::` with the reference list's token, or appends one (rendered from the data). */
  function references(state: StateCore): void {
    // renderInline (used for the references themselves) runs the core rules too.
    if (state.inlineMode) return;
    const list = new state.Token('marginalia_references', 'div', 0);
    list.block = true;
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i]!.type !== 'paragraph_open' || tokens[i + 1]!.type !== 'inline' || !REFS.test(tokens[i + 1]!.content.trim())) continue;
      const hasClose = tokens[i + 1]!.content.trim().includes('\n');
      // A closing `:::` after a blank line is a paragraph of its own.
      const closeSeparately = !hasClose && tokens[i + 4]?.type === 'inline' && /^:{3,}$/.test(tokens[i + 4]!.content.trim());
      list.map = tokens[i]!.map;
      tokens.splice(i, closeSeparately ? 6 : 3, list);
      return;
    }
    tokens.push(list);
  }
}

function textToken(state: StateInline, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

function attributesHtml(attrs: readonly (readonly [string, string])[]): string {
  return attrs.map(([name, value]) => ` ${name}="${escape(value)}"`).join('');
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

/** As markdown-it's escapeHtml: text and attribute values. */
function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

