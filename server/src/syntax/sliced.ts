/**
 * A whole text parsed in slices of top-level blocks, so that micromark's events for the whole text
 * (most of a parse's peak memory: 90 MB of heap for 1 MB of Markdown) never exist at once. Gives the
 * tree `parseMarkdown` gives, for the reasons syntax/incremental.ts gives for a slice after an edit:
 * after a blank line that follows a block a blank line closes, the parser is back in its initial
 * state, and the only document-wide state is the set of link and footnote definitions, of which each
 * slice is given those it refers to and does not define as stubs after its text. Raw HTML that runs
 * across blank lines (syntax/html/: a comment, `<?…?>`, `<pre>` and its kind) must be closed before a
 * slice ends; a text with a block set aside by the nesting guard, or whose definitions the scan for
 * them did not predict exactly, is parsed whole.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { closesAtBlankLine, FRONT_MATTER_FENCE, hasBlankLine, lineBreaks, lineEnd, lineStart } from './block-boundaries.js';
import { guardNesting } from './nesting.js';
import { parseBody, parseDocument, parseMarkdown, type SyntaxError } from './parse.js';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { definitions, MAX_LABEL, mayRefer, referencedLabels } from './referenced-labels.js';
import { detached } from '../text/detached.js';

/** Slices of about this many characters (each ends at the first blank line after it). */
export const SLICE_CHARS = 64 * 1024;

/**
 * Lines that start a list item, a block quote or a footnote definition a slice may hold before it is
 * cut smaller. micromark takes time quadratic in the containers of one parse (remark-parse alone: 2,000
 * one-item lists with paragraphs between, 59 KB, 4.5 s; half as many, 0.5 s), so a text dense with them is parsed in
 * slices small enough to hold about this many (bench/parse-slices.mjs). Prose with few of them keeps
 * large slices, which parse it fastest.
 */
const CONTAINERS_PER_SLICE = 200;
const MIN_SLICE_CHARS = 2048;
const CONTAINER_START = /^ {0,3}(?:[-+*]|\d{1,9}[.)]|>)(?=[ \t\r\n]|$)/gm;

/** How many lines in [from, to) start a container, counting no further than `enough`. */
function containerStarts(text: string, from: number, to: number, enough = Infinity): number {
  // Searched in [from, to) only (`from` is a line start): a search of the whole text from `from` read to
  // its end at every slice of a text without a match, quadratic in its length.
  const window = text.slice(from, to);
  CONTAINER_START.lastIndex = 0;
  let n = 0;
  for (let m = CONTAINER_START.exec(window); m && n < enough; m = CONTAINER_START.exec(window)) n++;
  // Footnote definitions are containers too (4,000 notes, 0.3 MB, took 8 s parsed whole). A scan: a
  // pattern for `[^label]:` at a line start backtracked polynomially (test/server/regex-audit.test.ts).
  for (let at = window.indexOf('[^'); at >= 0 && n < enough; at = window.indexOf('[^', at + 2)) if (footnoteDefinitionAt(text, from + at)) n++;
  return n;
}

/** Whether `[^` at `at` starts a line's footnote definition label, `[^label]:`, after at most three spaces. */
function footnoteDefinitionAt(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && at - start < 3 && text.charCodeAt(start - 1) === 0x20) start--;
  if (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) return false;
  for (let i = at + 2; i < text.length && i - at <= MAX_LABEL + 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5d) return i > at + 2 && text.charCodeAt(i + 1) === 0x3a; // ]:
    if (c === 0x5b || c === 10 || c === 13) return false;
  }
  return false;
}

/** The size of the slice from `from`: `size`, or smaller where the text is dense with containers. */
function sliceSizeAt(text: string, from: number, size: number): number {
  const n = containerStarts(text, from, from + size, CONTAINERS_PER_SLICE * 64);
  return n <= CONTAINERS_PER_SLICE ? size : Math.max(MIN_SLICE_CHARS, Math.floor((size * CONTAINERS_PER_SLICE) / n));
}

/**
 * `[x]` and `[^x]` before each `]:` on its line: what may be a link or footnote definition's label (a
 * superset, checked after parsing; one missed or mistaken makes the text parse whole). A scan, not a
 * regular expression: one with a bounded label backtracked polynomially (test/server/regex-audit.test.ts).
 */
function definitionLabels(text: string): string[] {
  const labels = new Set<string>();
  for (let close = text.indexOf(']:'); close >= 0; close = text.indexOf(']:', close + 2)) {
    let open = close - 1;
    for (; open >= 0 && close - open <= MAX_LABEL; open--) {
      const c = text.charCodeAt(open);
      if (c === 0x5b || c === 0x5d || c === 10 || c === 13) break; // [ ] and line ends
    }
    if (open >= 0 && open < close - 1 && text.charCodeAt(open) === 0x5b) labels.add(text.slice(open, close + 1));
  }
  return [...labels];
}

/** A scanned definition label, `[x]` or `[^x]`: whether it is a footnote's, and its text. */
function scanned(label: string): { footnote: boolean; text: string } {
  const footnote = label.startsWith('[^');
  return { footnote, text: label.slice(footnote ? 2 : 1, -1) };
}

/** Whether `tree` defines each of `labels` (as scanned). */
function definesAll(tree: Root, labels: readonly string[]): boolean {
  const defined = definedIn(tree);
  return labels.every((label) => {
    const { footnote, text } = scanned(label);
    // As mdast gives a definition's identifier.
    return defined.has(`${footnote ? 'footnoteDefinition' : 'definition'} ${normalizeIdentifier(text).toLowerCase()}`);
  });
}

/** The definitions of a tree, by type and identifier. */
function definedIn(tree: Root): Set<string> {
  return new Set(definitions(tree.children).map((d) => `${d.type} ${d.identifier}`));
}

/** Whether a slice whose `referencedLabels` are `found` may refer to the definition `label` (as scanned). */
function refersTo(found: ReadonlySet<string>, label: string): boolean {
  const { footnote, text } = scanned(label);
  return mayRefer(found, footnote, text);
}

export interface SlicedParse {
  readonly tree: Root;
  readonly errors: SyntaxError[];
  /** How many slices were parsed (1: the whole text at once). */
  readonly slices: number;
}

export function parseInSlices(text: string, sliceChars = SLICE_CHARS): SlicedParse {
  const whole = (): SlicedParse => ({ ...parseMarkdown(text), slices: 1 });
  // micromark counts offsets after a byte order mark, which a later slice would not know of.
  if (text.charCodeAt(0) === 0xfeff) return whole();
  if (text.length <= 2 * sliceChars && containerStarts(text, 0, text.length, 2 * CONTAINERS_PER_SLICE + 1) <= 2 * CONTAINERS_PER_SLICE) return whole();
  try {
    if (guardNesting(text).setAside.length) return whole();
    const sliced = slices(text, sliceChars);
    return sliced ? { tree: sliced.tree, errors: [], slices: sliced.count } : whole();
  } catch {
    return whole();
  }
}

function slices(text: string, sliceChars: number): { tree: Root; count: number } | undefined {
  const labels = definitionLabels(text);
  const stubs = labels.map((label) => `${label}: x`);
  const children: RootContent[] = [];
  let ends: HtmlEnds | undefined;
  let from = 0;
  let line = 0;
  let size = sliceSizeAt(text, 0, sliceChars);
  let count = 0;
  while (from < text.length) {
    count++;
    const end = sliceEnd(text, from + size);
    const last = end === text.length;
    const source = text.slice(from, end);
    // Stubs of the definitions this slice may refer to: all of them in each slice made a text with
    // thousands of footnotes take time quadratic in them (syntax/referenced-labels.ts). Not of those it
    // defines itself (each stub is a container too), once the parse shows that it does.
    const referenced = stubs.length ? referencedLabels(source) : undefined;
    const local = referenced ? new Set(definitionLabels(source)) : undefined;
    const parse = (stubbed: readonly string[]) => {
      const tail = stubbed.length ? '\n\n' + stubbed.join('\n\n') + '\n' : '';
      // A copy: the nodes' values are cut from what is parsed, and must not keep a larger string alive.
      return from === 0 ? parseDocument(detached(source + tail)) : parseBody(detached(source + tail));
    };
    const wanted = referenced ? labels.filter((label) => refersTo(referenced, label)) : [];
    let own = wanted.filter((label) => !local!.has(label)).map((label) => `${label}: x`);
    let parsed = parse(own);
    if (own.length < wanted.length && !definesAll(parsed, wanted.filter((label) => local!.has(label)))) {
      own = wanted.map((label) => `${label}: x`);
      parsed = parse(own);
    }
    const blocks = parsed.children.filter((b) => offset(b, 'start') < source.length);
    const given = parsed.children.length - blocks.length;
    // The stubs must each stand alone after the slice: an open fence that swallowed them closes in a
    // later slice, so take more.
    if (given !== own.length || parsed.children.slice(blocks.length).some((b) => b.type !== 'definition' && b.type !== 'footnoteDefinition')) {
      if (last) return undefined;
      size *= 2;
      continue;
    }
    if (from === 0 && FRONT_MATTER_FENCE.test(text) && blocks[0]?.type !== 'yaml') return undefined;
    // Blocks up to the last one a blank line closes, followed by a blank line, are as in the whole.
    let keep = blocks.length;
    if (!last) {
      keep = 0;
      for (let i = blocks.length - 1; i >= 0; i--) {
        const next = i + 1 < blocks.length ? offset(blocks[i + 1]!, 'start') : source.length;
        if (closesAtBlankLine(blocks[i]!, source) && (next === source.length || hasBlankLine(source, lineEnd(source, offset(blocks[i]!, 'end')), next))) {
          keep = i + 1;
          break;
        }
      }
      if (keep && htmlOpenAtEnd(source.slice(0, keep < blocks.length ? offset(blocks[keep]!, 'start') : source.length), from, (ends ??= new HtmlEnds(text)))) keep = 0;
    }
    if (keep === 0) {
      if (last) break;
      size *= 2; // one block (a long list, a fence) runs past the slice: take more
      continue;
    }
    const to = keep < blocks.length ? offset(blocks[keep]!, 'start') : end;
    for (const b of blocks.slice(0, keep)) children.push(shiftInPlace(b, from, line));
    // The next slice starts at the line start of the first block not kept (blank lines between blocks
    // hold no nodes), or where this one ended.
    const next = keep < blocks.length ? lineStart(text, from + to) : end;
    line += lineBreaks(text, from, next);
    from = next;
    size = sliceSizeAt(text, from, sliceChars);
  }
  const tree: Root = { type: 'root', children, position: rootPosition(text) };
  return sameDefinitions(tree, stubs) ? { tree, count } : undefined;
}

const RAW_ELEMENT = /<(pre|script|style|textarea)(?=[\s>/]|$)/gi;

/**
 * Where the last `-->`, `?>` and closing tag of each raw element start in a text (lower case), so that
 * a slice can tell an HTML construct that goes on after it from one that never closes.
 */
class HtmlEnds {
  private readonly lower: string;
  private readonly last = new Map<string, number>();

  constructor(text: string) {
    this.lower = text.toLowerCase();
  }

  /** Whether `closer` occurs in the text after `at`. */
  after(closer: string, at: number): boolean {
    let last = this.last.get(closer);
    if (last === undefined) this.last.set(closer, (last = this.lower.lastIndexOf(closer)));
    return last > at;
  }
}

/**
 * Whether raw HTML that may run across blank lines is still open at the end of `source`, the text from
 * `from`: a marker whose end is not in `source` but comes later in the text (a superset: markers in
 * code count too, and a slice that ends so is only made longer). One that never closes is no block
 * (Pandoc reads it as text), so the slice may end: a document after an unclosed `<!--` is still cut.
 */
function htmlOpenAtEnd(source: string, from: number, ends: HtmlEnds): boolean {
  const comment = source.lastIndexOf('<!--');
  if (comment >= 0 && source.indexOf('-->', comment + 4) < 0 && ends.after('-->', from + comment + 4)) return true;
  const instruction = source.lastIndexOf('<?');
  if (instruction >= 0 && source.indexOf('?>', instruction + 2) < 0 && ends.after('?>', from + instruction + 2)) return true;
  const lower = source.toLowerCase();
  for (const m of source.matchAll(RAW_ELEMENT)) {
    const closer = `</${m[1]!.toLowerCase()}`;
    if (lower.indexOf(closer, m.index) < 0 && ends.after(closer, from + m.index)) return true;
  }
  return false;
}

/** The end of the line before the first blank line at or after `at` (or the text's end). */
function sliceEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  // `\r` only when not the first half of `\r\n` (one line ending, not two).
  const blank = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)/g;
  blank.lastIndex = at;
  const m = blank.exec(text);
  return m ? m.index : text.length;
}

/** Whether the stubs were exactly the document's definitions (a stub for a non-definition would make `[x]` a reference). */
function sameDefinitions(tree: Root, stubs: readonly string[]): boolean {
  const found = definedIn(tree);
  if (!stubs.length) return found.size === 0;
  // Parsed a hundred at a time: footnote definitions are containers, and micromark's time grows with the
  // square of those in one parse (20,000 stubs at once took 3.7 s).
  const given = new Set<string>();
  for (let i = 0; i < stubs.length; i += 100)
    for (const d of parseBody(stubs.slice(i, i + 100).join('\n\n')).children) given.add(`${d.type} ${'identifier' in d ? d.identifier : ''}`);
  return given.size === found.size && [...given].every((d) => found.has(d));
}

function rootPosition(text: string): Root['position'] {
  const lastLine = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  return { start: { line: 1, column: 1, offset: 0 }, end: { line: lineBreaks(text, 0, text.length) + 1, column: text.length - lastLine + 1, offset: text.length } };
}

function offset(node: Nodes, side: 'start' | 'end'): number {
  return node.position?.[side].offset ?? 0;
}

/**
 * `node` (fresh from a slice's parse, shared with nothing) moved by `by` characters and `lines` lines:
 * every `position` point and `{start, end}` offset range under it (citation items, span attributes).
 */
function shiftInPlace<T extends Nodes>(node: T, by: number, lines: number): T {
  if (by === 0 && lines === 0) return node;
  const seen = new Set<object>();
  const stack: unknown[] = [node];
  for (let value = stack.pop(); value !== undefined; value = stack.pop()) {
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 2 && typeof object['start'] === 'number' && typeof object['end'] === 'number') {
      object['start'] = (object['start'] as number) + by;
      object['end'] = (object['end'] as number) + by;
      continue;
    }
    for (const k of keys) {
      const v = object[k];
      if (k === 'position' && v && typeof v === 'object') {
        for (const point of [(v as { start: Point }).start, (v as { end: Point }).end]) {
          if (seen.has(point)) continue;
          seen.add(point);
          point.line += lines;
          if (point.offset !== undefined) point.offset += by;
        }
      } else if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
  return node;
}

type Point = { line: number; column: number; offset?: number };
