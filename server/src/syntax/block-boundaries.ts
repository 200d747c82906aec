/**
 * Where top-level blocks of CommonMark end, read from a parsed block and the text around it: the facts
 * that make parsing a slice of a document alone give what parsing the whole gives (syntax/incremental.ts
 * after an edit, syntax/sliced.ts for a whole text).
 */
import type { RootContent } from 'mdast';

/** The start of an HTML tag, comment or instruction. */
export const HTML_TAG = /<[A-Za-z/!?]/;

/** A text that may open with front matter: `---` first (after a byte order mark, which micromark skips). */
export const FRONT_MATTER_FENCE = /^\uFEFF?---/;

/**
 * Whether a blank line after this top-level block returns the parser to its initial state: not for
 * containers that go on after blank lines (lists, footnote definitions), indented code, or a fence or
 * HTML block whose end condition was not met (it runs on into whatever follows).
 */
export function closesAtBlankLine(node: RootContent, text: string): boolean {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'thematicBreak':
    case 'table':
    case 'definition':
    case 'blockquote':
      return true;
    case 'code':
      return fenceClosed(text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0));
    case 'html':
      return htmlClosed(text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0));
    default:
      return false;
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A fenced code block with its closing fence; false for indented code and unclosed fences. */
function fenceClosed(source: string): boolean {
  const open = FENCE.exec(source);
  if (!open) return false;
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length < 2) return false;
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines.at(-1)!);
  return !!close && close[1]![0] === open[1]![0] && close[1]!.length >= open[1]!.length;
}

/** HTML blocks of CommonMark's kinds 1–5 end at a marker, which must be on their last line; 6–7 end at a blank line. */
function htmlClosed(source: string): boolean {
  const lines = source.split(/\r\n|\r|\n/);
  const lastLine = lines.at(-1)!;
  const head = source.trimStart();
  // On a one-line block the marker must follow the opener.
  const after = (opener: number) => (lines.length === 1 ? head.slice(opener) : lastLine);
  const raw = /^<(script|pre|style|textarea)(?=[\s>]|$)/i.exec(head);
  if (raw) return after(raw[0].length).toLowerCase().includes(`</${raw[1]!.toLowerCase()}>`);
  if (head.startsWith('<!--')) return after(4).includes('-->');
  if (head.startsWith('<?')) return after(2).includes('?>');
  if (head.startsWith('<![CDATA[')) return after(9).includes(']]>');
  if (/^<![A-Za-z]/.test(head)) return after(2).includes('>');
  return true;
}

/**
 * A top-level block's source: its text from the start of its first line (what decides how it parses, and
 * so what per-block caches are kept for).
 */
export function blockSourceRange(text: string, block: RootContent): { start: number; end: number } {
  const start = block.position?.start.offset ?? 0;
  return { start: lineStart(text, start), end: block.position?.end.offset ?? start };
}

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** Whether text[from, to) holds a blank line (two line breaks with only spaces and tabs between). */
export function hasBlankLine(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (++breaks === 2) return true;
    } else if (c !== 32 && c !== 9) breaks = 0;
  }
  return false;
}

/** Line breaks in text[from, to), CRLF counted once (as micromark counts lines). */
export function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10 && i + 1 < to) i++;
    }
  }
  return n;
}

