/**
 * Pathological nesting, found before parsing. micromark and remark-gfm take time quadratic (or worse)
 * in the depth of nested block quotes, lists and brackets, and deep trees overflow recursive walks:
 * 5,000 nested quotes used to stop the whole document. A block (a run of non-blank lines) nested
 * deeper than the limits below is set aside: its characters become spaces for the parser (offsets
 * and line breaks are kept, so every other range stays right) and it is reported on its own range.
 * The rest of the document is analysed as usual. One pass over the text, linear in its length.
 *
 * The depths are estimates from the line's own prefix: `>` and list markers, plus the indentation
 * before a marker (two columns a level, as nested lists are usually written). Real manuscripts nest a
 * few levels; the limits are far above that and far below where parsing slows down.
 */
import type { OffsetRange } from '../text/range.js';

/** Block quotes and list items, counted together. */
export const MAX_BLOCK_NESTING = 32;
/** Unclosed `[` at any point of a block. */
export const MAX_BRACKET_NESTING = 128;
/** Consecutive `*`, `_` and `~` (emphasis nested that deep took minutes) outside thematic breaks. */
export const MAX_EMPHASIS_RUN = 128;

export interface SetAside {
  readonly range: OffsetRange;
  readonly message: string;
}

export interface NestingGuard {
  /** The text the parser reads: `text` with the set-aside blocks blanked out. */
  readonly text: string;
  readonly setAside: SetAside[];
}

const SPACE = 0x20;
const TAB = 0x09;

export function guardNesting(text: string): NestingGuard {
  const setAside: SetAside[] = [];
  let offset = frontMatterEnd(text);
  let fence: { char: number; length: number } | undefined;
  let block: { start: number; end: number; containers: number; brackets: number; open: number; emphasis: number } | undefined;

  const closeBlock = (): void => {
    if (!block) return;
    const { start, end, containers, brackets, emphasis } = block;
    if (containers > MAX_BLOCK_NESTING)
      setAside.push({
        range: { start, end },
        message: `This block nests about ${containers} block quotes or lists (more than ${MAX_BLOCK_NESTING}); Marginalia does not analyse it.`,
      });
    else if (brackets > MAX_BRACKET_NESTING)
      setAside.push({
        range: { start, end },
        message: `This block nests ${brackets} brackets (more than ${MAX_BRACKET_NESTING}); Marginalia does not analyse it.`,
      });
    else if (emphasis > MAX_EMPHASIS_RUN)
      setAside.push({
        range: { start, end },
        message: `This block has a run of ${emphasis} emphasis marks (more than ${MAX_EMPHASIS_RUN}); Marginalia does not analyse it.`,
      });
    block = undefined;
  };

  while (offset < text.length) {
    const lineEnd = endOfLine(text, offset);
    const prefix = containerPrefix(text, offset, lineEnd);
    const rest = prefix.end;
    if (fence) {
      if (isFence(text, rest, lineEnd, fence.char, fence.length) !== undefined) fence = undefined;
    } else if (prefix.depth === 0 && isBlank(text, rest, lineEnd)) {
      closeBlock();
    } else {
      block ??= { start: offset, end: lineEnd, containers: 0, brackets: 0, open: 0, emphasis: 0 };
      block.end = lineEnd;
      block.containers = Math.max(block.containers, prefix.depth);
      const opened = isFence(text, rest, lineEnd);
      // Fences inside containers end with them; tracking them is not worth the cost here.
      if (opened && prefix.depth === 0) fence = opened;
      else {
        block.brackets = Math.max(block.brackets, bracketDepth(text, rest, lineEnd, block));
        block.emphasis = Math.max(block.emphasis, emphasisRun(text, rest, lineEnd));
      }
    }
    offset = nextLine(text, lineEnd);
  }
  closeBlock();
  if (setAside.length === 0) return { text, setAside };
  return { text: blankRanges(text, setAside.map((a) => a.range)), setAside };
}

/** `text` with the ranges' characters (in order, not overlapping) turned to spaces, line breaks kept: every offset stays right. */
export function blankRanges(text: string, ranges: readonly OffsetRange[]): string {
  let out = '';
  let from = 0;
  for (const r of ranges) {
    out += text.slice(from, r.start) + text.slice(r.start, r.end).replace(/[^\r\n]/g, ' ');
    from = r.end;
  }
  return out + text.slice(from);
}

/** Each block as the guard sees one, a run of lines that are not blank: its range, no line break around it. */
export function nonBlankRuns(text: string): OffsetRange[] {
  const runs: OffsetRange[] = [];
  let start = -1;
  let end = 0;
  for (let offset = 0; offset < text.length; ) {
    const lineEnd = endOfLine(text, offset);
    if (!isBlank(text, offset, lineEnd)) {
      if (start < 0) start = offset;
      end = lineEnd;
    } else if (start >= 0) {
      runs.push({ start, end });
      start = -1;
    }
    offset = nextLine(text, lineEnd);
  }
  if (start >= 0) runs.push({ start, end });
  return runs;
}

/** Running bracket depth of the block through this line; returns the deepest point. */
function bracketDepth(text: string, from: number, to: number, block: { open: number }): number {
  let depth = block.open;
  let deepest = depth;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x5b /* [ */) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d /* ] */ && depth > 0) depth--;
  }
  block.open = depth;
  return deepest;
}

/** Longest run of `*`, `_`, `~` on a line that holds something else too (not a thematic break). */
function emphasisRun(text: string, from: number, to: number): number {
  let longest = 0;
  let run = 0;
  let other = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2a || c === 0x5f || c === 0x7e) longest = Math.max(longest, ++run);
    else {
      run = 0;
      if (c !== SPACE && c !== TAB) other = true;
    }
  }
  return other ? longest : 0;
}

/** Depth of `>` and list markers at the start of a line, and where the line's content starts. */
function containerPrefix(text: string, from: number, to: number): { depth: number; end: number } {
  let depth = 0;
  let i = from;
  let indent = 0;
  for (;;) {
    let columns = 0;
    while (i < to && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) {
      columns += text.charCodeAt(i) === TAB ? 4 : 1;
      i++;
    }
    if (depth === 0) indent = columns;
    const c = text.charCodeAt(i);
    if (i < to && c === 0x3e /* > */) {
      depth++;
      i++;
      continue;
    }
    const marker = listMarkerEnd(text, i, to);
    if (marker < 0) break;
    depth++;
    i = marker;
  }
  // Indentation before a marker nests lists too: two columns a level.
  return { depth: depth > 0 ? depth + Math.floor(indent / 2) : 0, end: i };
}

/** End of a list marker (`-`, `+`, `*`, `1.`, `1)`) followed by a space, a tab or the line's end; -1 if none. */
function listMarkerEnd(text: string, i: number, to: number): number {
  if (i >= to) return -1;
  const c = text.charCodeAt(i);
  let end = -1;
  if (c === 0x2d || c === 0x2b || c === 0x2a) end = i + 1;
  else {
    let j = i;
    while (j < to && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
    if (j > i && (text.charCodeAt(j) === 0x2e || text.charCodeAt(j) === 0x29)) end = j + 1;
  }
  if (end < 0) return -1;
  if (end === to) return end;
  const after = text.charCodeAt(end);
  return after === SPACE || after === TAB ? end : -1;
}

/** A code fence opening (or, given `char` and `length`, closing) at `from`. */
function isFence(text: string, from: number, to: number, char?: number, length = 3): { char: number; length: number } | undefined {
  let i = from;
  const c = text.charCodeAt(i);
  if (c !== 0x60 && c !== 0x7e) return undefined;
  if (char !== undefined && c !== char) return undefined;
  while (i < to && text.charCodeAt(i) === c) i++;
  if (i - from < length) return undefined;
  if (char !== undefined && !isBlank(text, i, to)) return undefined;
  return { char: c, length: i - from };
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

function endOfLine(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}

function nextLine(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a) return lineEnd + 2;
  return lineEnd + 1;
}

/** Offset after a YAML front matter block (`---` … `---` or `...`), which is not Markdown; 0 if none. */
function frontMatterEnd(text: string): number {
  if (!/^---[ \t]*(?:\r\n|\r|\n)/.test(text)) return 0;
  const close = /(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/g;
  close.lastIndex = 3;
  const match = close.exec(text);
  return match ? match.index + match[0].length : 0;
}
