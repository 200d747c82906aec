/**
 * Incremental reparsing: after an edit, only the top-level blocks it touches are parsed again, and the
 * result is spliced into a new tree (the previous tree is never mutated: unchanged blocks before the
 * edit are shared, blocks after it are copied with shifted positions).
 *
 * Why this is sound. CommonMark parses blocks line by line. Where a blank line follows a top-level
 * block that a blank line closes (anything but a list, a footnote definition, indented code, or an
 * unclosed fence or HTML block), the parser is back in its initial state, whatever came before. So a
 * slice that starts and ends at such points parses alone exactly as it does inside the document,
 * provided it sees the same link and footnote definitions (the only document-wide state: a `[x]` or
 * `[^x]` is a reference only if `x` is defined somewhere). The slice is widened block by block until
 * both of its ends are such points, definitions elsewhere are given to it as stubs, and an edit that
 * adds or removes a definition, touches the front matter or meets a set-aside block (nesting.ts)
 * parses the whole text instead. Peers do the same with block-level damage regions (Microsoft's
 * markdown language service re-tokenises from the edited block; rust-analyzer reparses the smallest
 * enclosing block that lexes alike); the property test in test/server/syntax/incremental.test.ts
 * checks every splice against a full parse.
 */
import type { Nodes, Root } from 'mdast';
import { guardNesting } from './nesting.js';
import { parseBody, type SyntaxError } from './parse.js';
import { definitions, mayRefer, referencedLabels, type Definition } from './referenced-labels.js';
import { parseInSlices } from './sliced.js';
import {
  closesAtBlankLine,
  FRONT_MATTER_FENCE,
  hasBlankLine,
  HTML_TAG,
  lineBreaks,
  lineEnd,
  lineStart,
} from './block-boundaries.js';
import { detached } from '../text/detached.js';

export interface ParsedMarkdown {
  readonly text: string;
  readonly tree: Root;
  readonly errors: readonly SyntaxError[];
}

export interface Reparsed {
  readonly tree: Root;
  readonly errors: SyntaxError[];
  /** True when only a slice was parsed; false with the reason when the whole text was. */
  readonly incremental: boolean;
  readonly reason?: string;
  /** The edit: old text [start, oldEnd) became new text [start, newEnd) (the common prefix and suffix). */
  readonly edit: TextEdit;
  /** The reparsed slice of the new text, when incremental (for tests and benches). */
  readonly slice?: { readonly start: number; readonly end: number };
  /**
   * When incremental: the new tree's top-level blocks are the old ones before `lo`, `fresh` blocks parsed
   * from the slice, and the old ones after `hi` (shifted), each of those with its text unchanged.
   */
  readonly carried?: { readonly lo: number; readonly hi: number; readonly fresh: number };
}

/** Slices widened this many times without reaching safe ends give way to a full parse. */
const MAX_RETRIES = 4;

export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** `previous` (from `parseMarkdown` or this function) edited into `text`, parsed: the tree `parseMarkdown(text)` gives. */
export function reparseMarkdown(previous: ParsedMarkdown, text: string): Reparsed {
  const edit = textEdit(previous.text, text);
  const full = (reason: string): Reparsed => {
    const { tree, errors } = parseInSlices(text);
    return { tree, errors, incremental: false, reason, edit };
  };
  // The old tree lacks the blocks set aside (nesting.ts); a block set aside now is left to the full parse.
  if (previous.errors.length) return full('the previous text had syntax errors');
  try {
    return splice(previous, text, edit) ?? full('no sound slice');
  } catch (error) {
    return full(`the slice failed to parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The edit between two texts: their common prefix and suffix. */
function textEdit(old: string, text: string): TextEdit {
  const shorter = Math.min(old.length, text.length);
  // Chunks compared as strings first (native comparisons; a character loop took 12 ms at 1 MB on the
  // concatenated strings an editor's edits produce), then characters within the first unequal chunk.
  let prefix = 0;
  for (const step of [4096, 64])
    while (prefix + step <= shorter && old.slice(prefix, prefix + step) === text.slice(prefix, prefix + step)) prefix += step;
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  const room = shorter - prefix;
  let suffix = 0;
  for (const step of [4096, 64])
    while (suffix + step <= room && old.slice(old.length - suffix - step, old.length - suffix) === text.slice(text.length - suffix - step, text.length - suffix))
      suffix += step;
  while (suffix < room && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { start: prefix, oldEnd: old.length - suffix, newEnd: text.length - suffix };
}

function splice(previous: ParsedMarkdown, text: string, edit: TextEdit): Reparsed | undefined {
  const old = previous.text;
  const blocks = previous.tree.children;
  const changeStart = edit.start;
  const changeEnd = edit.oldEnd;
  const delta = text.length - old.length;

  // Front matter is never in a slice: an edit in it parses everything (the slice would not cover it).
  const yaml = blocks[0]?.type === 'yaml' ? blocks[0] : undefined;
  const first = yaml ? 1 : 0;
  const bodyStart = yaml ? nextLineStart(old, end(yaml)) : 0;
  // Without front matter, a text that starts with `---` (after a byte order mark, which micromark
  // skips) may gain some anywhere (its closing fence).
  if (!yaml && (FRONT_MATTER_FENCE.test(old) || FRONT_MATTER_FENCE.test(text))) return undefined;
  if (blocks.length <= first) return undefined;

  // The blocks the edit touches; for an edit between blocks, the blocks on either side.
  let lo = blocks.findIndex((b, i) => i >= first && end(b) >= changeStart);
  if (lo < 0) lo = blocks.length - 1;
  let hi = findLastIndex(blocks, (b, i) => i >= first && start(b) <= changeEnd);
  if (hi < 0) hi = first;
  if (hi < lo) [lo, hi] = [hi, lo];

  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    // Widen until the slice starts after a block a blank line closed, and ends before a blank line. The
    // old block before the rest needs no check: the rest's first line closed it, whatever it was (no
    // laziness after a blank line); the new one is checked once parsed.
    for (;;) {
      if (lo > first && changeStart < lineStart(old, start(blocks[lo]!))) lo--;
      else if (lo > first && !closesAtBlankLine(blocks[lo - 1]!, old)) lo--;
      else if (lo > first && !hasBlankLine(old, end(blocks[lo - 1]!), lineStart(old, start(blocks[lo]!)))) lo--;
      else break;
    }
    for (;;) {
      if (hi < blocks.length - 1 && changeEnd > lineEnd(old, end(blocks[hi]!))) hi++;
      else if (hi < blocks.length - 1 && !hasBlankLine(old, lineEnd(old, end(blocks[hi]!)), start(blocks[hi + 1]!))) hi++;
      else break;
    }
    const from = lo === first ? Math.min(bodyStart, lineStart(old, start(blocks[lo]!))) : lineStart(old, start(blocks[lo]!));
    const to = hi === blocks.length - 1 ? old.length : lineEnd(old, end(blocks[hi]!));
    if (changeStart < from || changeEnd > to) return undefined;

    const outcome = parseSlice(previous, text, { lo, hi, from, to, first, delta }, edit);
    if (outcome === 'full') return undefined;
    if (outcome !== 'open') return outcome;
    // The slice's new last block may go on into the next one (a new list item, an unclosed fence).
    if (hi === blocks.length - 1) return undefined;
    hi++;
  }
  return undefined;
}

interface Slice {
  /** Old top-level blocks lo..hi are replaced. */
  readonly lo: number;
  readonly hi: number;
  /** The slice in the old text: whole lines, `from` a line start, `to` a line end. */
  readonly from: number;
  readonly to: number;
  readonly first: number;
  readonly delta: number;
}

function parseSlice(previous: ParsedMarkdown, text: string, slice: Slice, edit: TextEdit): Reparsed | 'open' | 'full' {
  const { lo, hi, from, to, first, delta } = slice;
  const old = previous.text;
  if (setsAside(old, text, slice)) return 'full';
  const blocks = previous.tree.children;
  const last = hi === blocks.length - 1;

  // Definitions outside the slice that it may refer to, as stubs before it: references in the slice
  // resolve as in the document. (Every definition, thousands of footnotes, made a keystroke take seconds.)
  const sliceText = text.slice(from, to + delta);
  const elsewhere = definitions([...blocks.slice(first, lo), ...blocks.slice(hi + 1)]);
  const referenced = elsewhere.length ? referencedLabels(sliceText) : undefined;
  const outside = referenced ? elsewhere.filter((d) => mayRefer(referenced, d.type === 'footnoteDefinition', d.label)) : [];
  const stubs = outside.map((d) => (d.type === 'footnoteDefinition' ? `[^${d.label}]: x` : `[${d.label}]: x`));
  const lead = stubs.length ? stubs.join('\n\n') + '\n\n' : '';
  // A raw HTML element (`<pre>`, `<script>`, `<style>`, `<textarea>`) or comment (syntax/html/) may reach
  // any later closing tag or `-->`, blank lines or not, and a line of tags can end the paragraph above it:
  // where a tag is, or was, the whole text is read.
  if (HTML_TAG.test(sliceText) || HTML_TAG.test(old.slice(from, to))) return 'full';
  // A copy: the nodes' values are cut from what is parsed, and must not keep this version's whole text.
  const parsed = parseBody(detached(lead + sliceText));
  const fresh = parsed.children.slice(stubs.length);
  if (parsed.children.slice(0, stubs.length).some((n, i) => n.type !== outside[i]!.type || end(n) > lead.length)) return 'full';
  if (fresh.some((n) => start(n) < lead.length)) return 'full';
  // Another definition here changes how the rest of the document parses.
  const before = definitions(blocks.slice(lo, hi + 1));
  const after = definitions(fresh);
  if (!sameDefinitions(before, after)) return 'full';
  // The rest of the document parses as before only from a block a blank line closes.
  const tail = fresh.at(-1);
  if (!last && tail && !closesAtBlankLine(tail, lead + sliceText)) return 'open';

  const firstLine = lo === first && from < lineStart(old, start(blocks[lo]!)) ? lineAt(previous.tree, from, first) : blocks[lo]!.position!.start.line;
  const shiftedFresh = fresh.map((n) => shifted(n, from - lead.length, firstLine - 1 - lineBreaks(lead, 0, lead.length)));
  const lineDelta = lineBreaks(text, from, to + delta) - lineBreaks(old, from, to);
  const rest = blocks.slice(hi + 1);
  const shiftedRest = delta === 0 && lineDelta === 0 ? rest : rest.map((n) => shifted(n, delta, lineDelta));
  // The last line's start, read from the end (a search for a \r that is not there reads the whole text).
  const lastLine = lineStart(text, text.length);
  const tree: Root = {
    type: 'root',
    children: [...blocks.slice(0, lo), ...shiftedFresh, ...shiftedRest],
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: (previous.tree.position?.end.line ?? 1) + lineDelta, column: text.length - lastLine + 1, offset: text.length },
    },
  };
  return { tree, errors: [], incremental: true, edit, slice: { start: from, end: to + delta }, carried: { lo, hi, fresh: fresh.length } };
}

/** Lines where the nesting guard may see a code fence open or close (a superset: any container prefix). */
const GUARD_FENCE = /^[ \t>*+\-\d.)]*(?:```|~~~)/m;

/**
 * Whether a line of `text` before `end` may open or close a code fence (`GUARD_FENCE`). The expression
 * runs only when a fence's mark occurs there at all: a string search (0.05 ms over 1 MB) spares its scan
 * of all the text before the slice (0.6–1 ms at 1 MB, at every keystroke) in the many manuscripts
 * without code blocks.
 */
function fenceBefore(text: string, end: number): boolean {
  const backticks = text.indexOf('```');
  const tildes = text.indexOf('~~~');
  const mark = (backticks >= 0 && backticks + 3 <= end) || (tildes >= 0 && tildes + 3 <= end);
  return mark && GUARD_FENCE.test(text.slice(0, end));
}

/**
 * Whether the nesting guard sets a block aside in the new text. The guard reads blocks separated by
 * blank lines, outside what it takes for code fences, so with no fence before or in the slice, and
 * blank lines (or the text's ends) around it, the slice alone decides; otherwise the whole text is read.
 */
function setsAside(old: string, text: string, { from, to, delta }: Slice): boolean {
  const sliceText = text.slice(from, to + delta);
  const whole = fenceBefore(text, to + delta) || GUARD_FENCE.test(old.slice(from, to)) || sliceText.startsWith('---');
  return guardNesting(whole ? text : sliceText).setAside.length > 0;
}

/** The line (1-based) of `offset`, a line start before block `first` (the body's first line). */
function lineAt(tree: Root, offset: number, first: number): number {
  if (offset === 0) return 1;
  const yaml = tree.children[first - 1];
  return (yaml?.position?.end.line ?? 0) + 1;
}

function sameDefinitions(a: readonly Definition[], b: readonly Definition[]): boolean {
  const key = (d: Definition) => `${d.type}\u0000${d.identifier}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

/** A copy of `node` with every position and offset range moved by `offset` characters and `lines` lines. */
function shifted<T extends Nodes>(node: T, offset: number, lines: number): T {
  // Iterative (trees of emphasis and links can be deep): copies objects and arrays, shifting
  // `position` points and `{start, end}` offset ranges (citation items, span attributes). The work is
  // three parallel stacks, not a tuple per value: this copies every node after the edit (at 1 MB a
  // third of what the copy allocated was those tuples).
  const root: { value?: unknown } = {};
  const values: unknown[] = [node];
  const intos: (Record<string, unknown> | unknown[])[] = [root as Record<string, unknown>];
  const keys: (string | number)[] = ['value'];
  while (values.length) {
    const value = values.pop();
    const into = intos.pop()!;
    const key = keys.pop()!;
    let copy: unknown = value;
    if (Array.isArray(value)) {
      const array: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        values.push(value[i]);
        intos.push(array);
        keys.push(i);
      }
      copy = array;
    } else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (isRange(object)) copy = { start: object['start'] + offset, end: object['end'] + offset };
      else {
        const out: Record<string, unknown> = {};
        // `for…in`, not `Object.keys`: no array per object (tree nodes are plain objects, nothing inherited).
        for (const k in object) {
          const v = object[k];
          // Assigned now (filled in later for objects), so the copy keeps the keys' order.
          out[k] = k === 'position' && v && typeof v === 'object' ? shiftPosition(v as Position, offset, lines) : v;
          if (k !== 'position' && v !== null && typeof v === 'object') {
            values.push(v);
            intos.push(out);
            keys.push(k);
          }
        }
        copy = out;
      }
    }
    (into as Record<string | number, unknown>)[key] = copy;
  }
  return root.value as T;
}

type Point = { line: number; column: number; offset?: number };
type Position = { start: Point; end: Point };

function shiftPosition(p: Position, offset: number, lines: number): Position {
  // Literals, not a spread of the optional offset: this runs twice for every node after an edit.
  const point = (x: Point): Point =>
    x.offset !== undefined ? { line: x.line + lines, column: x.column, offset: x.offset + offset } : { line: x.line + lines, column: x.column };
  return { start: point(p.start), end: point(p.end) };
}

function isRange(o: Record<string, unknown>): o is { start: number; end: number } {
  if (typeof o['start'] !== 'number' || typeof o['end'] !== 'number') return false;
  let keys = 0;
  for (const k in o) if (k && ++keys > 2) return false;
  return true;
}

function start(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

function end(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

function nextLineStart(text: string, offset: number): number {
  const e = lineEnd(text, offset);
  return text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : Math.min(text.length, e + 1);
}

function findLastIndex<T>(xs: readonly T[], test: (x: T, i: number) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (test(xs[i]!, i)) return i;
  return -1;
}
