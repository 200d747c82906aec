/**
 * Review marks (CriticMarkup) as a reviewer or editor reads them: who wrote what, where, and the
 * comment attached to a change or highlight. Built from the syntax tree; plain data (no cycles, no
 * tree nodes) so reports can serialise it.
 *
 * Conventions (CriticMarkup's, made explicit):
 * - a comment's author is the tag at its start: `{>> R1: … <<}`, `{>> @ana: … <<}` (`@name` also
 *   without the colon); a comment without a tag has no reviewer;
 * - a comment written right after a change or highlight (`{== x ==}{>> R1: why <<}`, nothing in
 *   between) is about that mark, and the mark takes the comment's reviewer.
 */
import type { Nodes, Root } from 'mdast';
import type { CriticKind, CriticMark } from '../syntax/types.js';
import type { OffsetRange } from '../text/range.js';
import { allSections, type Manuscript, type Section } from './manuscript.js';

export type ReviewKind = CriticKind;

export interface ReviewMark {
  readonly kind: ReviewKind;
  /** The reviewer as tagged (`R1`, `@ana`); for a change or highlight, its attached comment's. */
  readonly reviewer?: string;
  /**
   * A comment: its text without the tag. An addition, deletion or highlight: the marked text.
   * A substitution: the new text. Whitespace collapsed, as written otherwise (Markdown kept).
   */
  readonly text: string;
  /** A substitution: the old text. */
  readonly old?: string;
  /** The whole mark, delimiters included. */
  readonly range: OffsetRange;
  /** Between the delimiters. */
  readonly contentRange: OffsetRange;
  /** A substitution: the ranges of the old and the new text. */
  readonly oldRange?: OffsetRange;
  readonly newRange?: OffsetRange;
  /** A change or highlight: the text of the comment attached to it. */
  readonly note?: string;
  /** A comment: the kind and text of the change or highlight it is attached to. */
  readonly about?: { readonly kind: ReviewKind; readonly text: string; readonly range: OffsetRange };
  /** Title of the innermost section the mark is in. */
  readonly section?: string;
}

export interface ReviewMarkError {
  readonly range: OffsetRange;
  readonly message: string;
}

/** Every review mark of the manuscript, in document order. */
export function reviewMarks(manuscript: Pick<Manuscript, 'tree' | 'text' | 'sections'>): ReviewMark[] {
  // Every mark opens with one of these: without any, the walk over every node (1.3 ms at 1 MB, at each
  // outline request) finds nothing. Only the tree's own text is searched: the per-block findings pass
  // one block's tree with the whole text, and searching all of it for each block made an open quadratic.
  if (!CRITIC_OPENER.test(spanOf(manuscript.tree, manuscript.text))) return [];
  const nodes = criticNodes(manuscript.tree);
  const { text } = manuscript;
  const sections = allSections(manuscript.sections);
  const sectionAt = (offset: number) => innermost(sections, offset)?.title;
  const marks: ReviewMark[] = nodes.map((node) => describe(node, text, sectionAt));
  // Attach each comment to the change or highlight it directly follows.
  return marks.map((mark, i) => {
    const next = marks[i + 1];
    const previous = marks[i - 1];
    if (mark.kind !== 'comment' && next?.kind === 'comment' && next.range.start === mark.range.end)
      return { ...mark, note: next.text, ...(next.reviewer ? { reviewer: next.reviewer } : {}) };
    if (mark.kind === 'comment' && previous && previous.kind !== 'comment' && previous.range.end === mark.range.start)
      return { ...mark, about: { kind: previous.kind, text: previous.text, range: previous.range } };
    return mark;
  });
}

/** Openers and closers that pair with nothing (`malformed-review-mark`). */
export function reviewMarkErrors(tree: Root): ReviewMarkError[] {
  const errors: ReviewMarkError[] = [];
  walk(tree, (node) => {
    if (node.type !== 'criticStray') return true;
    const range = { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
    const [open, close] = MARKERS[node.kind];
    const what = node.kind === 'substitution' ? 'substitution (`{~~ old ~> new ~~}`)' : node.kind;
    errors.push({
      range,
      message:
        node.side === 'open'
          ? `Unterminated ${what}: \`${open}\` has no \`${close}\` in the same paragraph; the text is read as written`
          : `\`${close}\` closes no ${what}: no \`${open}\` before it in the same paragraph`,
    });
    return false;
  });
  return errors;
}

const MARKERS: Record<CriticKind, readonly [string, string]> = {
  addition: ['{++', '++}'],
  deletion: ['{--', '--}'],
  substitution: ['{~~', '~~}'],
  highlight: ['{==', '==}'],
  comment: ['{>>', '<<}'],
};

/** `@name` (colon optional) or `Name:` (one word of up to 30 characters, then a space). */
const TAG = /^\s*(?:(@[\p{L}\p{N}_][\p{L}\p{N}_.-]*?)(?::|(?=\s)|$)|([\p{L}\p{N}][\p{L}\p{N}_.-]{0,29}):(?=\s|$))\s*/u;

/** Splits a comment into its reviewer tag and the rest. */
export function reviewerTag(comment: string): { reviewer?: string; text: string } {
  const m = TAG.exec(comment);
  if (!m) return { text: comment.trim() };
  return { reviewer: (m[1] ?? m[2])!, text: comment.slice(m[0].length).trim() };
}

function describe(node: CriticMark, text: string, sectionAt: (offset: number) => string | undefined): ReviewMark {
  const range = { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
  const slice = (r: OffsetRange) => text.slice(r.start, r.end).replace(/\s+/g, ' ').trim();
  const section = sectionAt(range.start);
  const base = { kind: node.kind, range, contentRange: node.contentRange, ...(section !== undefined ? { section } : {}) };
  if (node.kind === 'comment') {
    const { reviewer, text: body } = reviewerTag(slice(node.contentRange));
    return { ...base, text: body, ...(reviewer ? { reviewer } : {}) };
  }
  if (node.kind === 'substitution') {
    const [before, after] = node.children as CriticMark[];
    const oldRange = before?.contentRange ?? node.contentRange;
    const newRange = after?.contentRange ?? node.contentRange;
    return { ...base, text: slice(newRange), old: slice(oldRange), oldRange, newRange };
  }
  return { ...base, text: slice(node.contentRange) };
}

const CRITIC_OPENER = /\{(?:\+\+|--|~~|>>|==)/;

/** The text from the tree's first block to its last (all of it when the nodes carry no positions). */
function spanOf(tree: Root, text: string): string {
  if (tree.children.length === 0) return '';
  const start = tree.children[0]?.position?.start.offset;
  const end = tree.children[tree.children.length - 1]?.position?.end.offset;
  return start === undefined || end === undefined ? text : text.slice(start, end);
}

function criticNodes(tree: Root): CriticMark[] {
  const found: CriticMark[] = [];
  walk(tree, (node) => {
    if (node.type !== 'criticMark') return true;
    found.push(node);
    return false;
  });
  return found.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
}

function walk(node: Nodes, enter: (node: Nodes) => boolean): void {
  if (!enter(node) || !('children' in node)) return;
  for (const child of node.children as Nodes[]) walk(child, enter);
}

function innermost(sections: readonly Section[], offset: number): Section | undefined {
  let found: Section | undefined;
  for (const s of sections) if (offset >= s.range.start && offset < s.range.end && (!found || s.depth > found.depth)) found = s;
  return found;
}
