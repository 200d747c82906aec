/**
 * Projects the inline content of one block (a paragraph) to plain text, keeping for every plain
 * character the document offset it came from. Sentence splitting and claim rules work on the plain
 * text; results are mapped back through `toSource`. Citations become one U+FFFC character each.
 * Review marks read as after acceptance: additions and the new side of substitutions are text,
 * deletions and comments are not; stray markers stay as written.
 */
import type { PhrasingContent, Text } from 'mdast';
import type { BracketedSpan, Citation } from '../syntax/types.js';
import type { OffsetRange } from '../text/range.js';
import { detached } from '../text/detached.js';

export const CITATION_MARK = '\uFFFC';

/** Longer than any escape or character reference (`&CounterClockwiseContourIntegral;` is 33). */
const ALIGN_WINDOW = 40;

export interface ProjectedCitation {
  readonly node: Citation;
  /** Index of its U+FFFC in the plain text. */
  readonly at: number;
}

export interface ProjectedSpan {
  readonly node: BracketedSpan;
  /** Plain-text range of the span's content. */
  readonly plain: OffsetRange;
}

export interface Projection {
  readonly text: string;
  /** offsets[i] is the document offset of text[i]; offsets[text.length] is the end of the block. */
  readonly offsets: number[];
  /** ends[i] is the document offset just after the source of text[i] (a citation's whole group). */
  readonly ends: number[];
  readonly citations: ProjectedCitation[];
  readonly spans: ProjectedSpan[];
  readonly footnoteRefs: { readonly identifier: string; readonly at: number }[];
}

/**
 * `blockStart` stands for the source of text without a position before any with one (remark's GFM
 * autolink literals split the text around an e-mail address into nodes without positions).
 */
export function project(children: readonly PhrasingContent[], source: string, blockEnd: number, blockStart = 0): Projection {
  let text = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  const citations: ProjectedCitation[] = [];
  const spans: ProjectedSpan[] = [];
  const footnoteRefs: { identifier: string; at: number }[] = [];

  const emit = (chars: string, sourceOffset: number, sourceEnd = sourceOffset + 1) => {
    for (let i = 0; i < chars.length; i++) {
      offsets.push(sourceOffset);
      ends.push(sourceEnd);
    }
    text += chars;
  };
  const push = (offset: number) => {
    offsets.push(offset);
    ends.push(offset + 1);
  };

  const emitText = (node: Text | { value: string; position?: Text['position'] }) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return emit(node.value, offsets.at(-1) ?? blockStart);
    const raw = source.slice(start, end);
    if (raw === node.value) {
      for (let i = 0; i < raw.length; i++) push(start + i);
      text += raw;
      return;
    }
    // Escapes, entities and soft line breaks make the value differ from the source: align greedily.
    let s = 0;
    for (let v = 0; v < node.value.length; v++) {
      const ch = node.value[v]!;
      // Look a little ahead only (an escape or entity is short): a full scan per character was quadratic.
      let k = s;
      const stop = Math.min(raw.length, s + ALIGN_WINDOW);
      while (k < stop && raw[k] !== ch) k++;
      if (k === stop) k = raw.length;
      if (k < raw.length) s = k;
      push(start + Math.min(s, raw.length - 1));
      text += ch === '\n' ? ' ' : ch;
      if (k < raw.length) s++;
    }
  };

  // Iterative (a deep tree must not overflow the stack); a span's entry closes it once its children are done.
  const stack: (PhrasingContent | { spanEnd: BracketedSpan; start: number })[] = [...children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('spanEnd' in node) {
      spans.push({ node: node.spanEnd, plain: { start: node.start, end: text.length } });
      continue;
    }
    switch (node.type) {
      case 'text':
        emitText(node);
        break;
      case 'inlineCode':
        emit(node.value, node.position?.start.offset ?? offsets.at(-1) ?? blockStart);
        break;
      case 'break':
        emit(' ', node.position?.start.offset ?? offsets.at(-1) ?? blockStart);
        break;
      case 'citation':
        citations.push({ node, at: text.length });
        emit(CITATION_MARK, node.position?.start.offset ?? offsets.at(-1) ?? blockStart, node.position?.end.offset);
        break;
      case 'footnoteReference':
        footnoteRefs.push({ identifier: node.identifier, at: text.length });
        break;
      case 'bracketedSpan':
        stack.push({ spanEnd: node, start: text.length });
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
        break;
      case 'criticMark':
        if (node.kind !== 'deletion' && node.kind !== 'comment')
          for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
        break;
      case 'criticStray': {
        const start = node.position?.start.offset ?? offsets.at(-1) ?? blockStart;
        for (let i = 0; i < node.value.length; i++) push(start + i);
        text += node.value;
        break;
      }
      case 'html':
      case 'image':
      case 'imageReference':
        break;
      default:
        if ('children' in node) {
          const inner = node.children as PhrasingContent[];
          for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]!);
        }
    }
  }
  offsets.push(blockEnd);
  ends.push(blockEnd);
  // A copy: sentences cut from it are kept across versions, and must not keep the document's text.
  return { text: detached(text), offsets, ends, citations, spans, footnoteRefs };
}

/** Maps a plain-text range back to a document range. */
export function toSource(p: Projection, plain: OffsetRange): OffsetRange {
  const start = p.offsets[plain.start] ?? p.offsets.at(-1)!;
  const end = plain.end > plain.start ? (p.ends[plain.end - 1] ?? start) : start;
  return { start, end: Math.max(start, end) };
}
