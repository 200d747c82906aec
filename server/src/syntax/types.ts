/**
 * mdast node types for the Pandoc syntax Marginalia adds to remark: citations and bracketed spans.
 * All ranges are offsets into the original document text (see text/range.ts).
 */
import type { Parent, PhrasingContent } from 'mdast';
import type { Node } from 'unist';
import type { OffsetRange } from '../text/range.js';

export type CitationMode = 'normal' | 'author-in-text' | 'suppress-author';

export interface CitationItem {
  /** The key as Pandoc reads it: without `@`, without the braces of `@{...}`. */
  readonly key: string;
  /** Range of the key's characters only (inside the braces for `@{key}`). */
  readonly keyRange: OffsetRange;
  /** Range of the whole item: prefix, `-@key` and suffix. */
  readonly range: OffsetRange;
  readonly mode: CitationMode;
  /** Text before `@key` in a bracketed group, trimmed (`see`). */
  readonly prefix: string;
  /** Text after the key, trimmed; for in-text `@key [p. 3]` the bracket's content (`p. 3`). */
  readonly suffix: string;
  /** The locator Pandoc's citeproc would pick out of the suffix (`pp. 33-35` -> page, 33-35). */
  readonly locator?: { readonly label: string; readonly value: string };
}

/** `[@a; see @b, p. 3]` (bracketed) or `@a` / `@a [p. 3]` (in text). */
export interface Citation extends Node {
  type: 'citation';
  bracketed: boolean;
  items: CitationItem[];
  /**
   * Set on a citation that Pandoc nests in another one's prefix or suffix (`@b` in
   * `[see @a and @b]`). Such citations are hoisted to follow their container in the tree, so
   * ranges overlap; they are serialised as part of the container.
   */
  nested?: boolean;
}

export interface SpanAttribute {
  readonly value: string;
  readonly range: OffsetRange;
}

export interface SpanKeyValue {
  readonly key: string;
  readonly value: string;
  readonly range: OffsetRange;
  readonly keyRange: OffsetRange;
  readonly valueRange: OffsetRange;
}

export interface SpanAttributes {
  readonly id?: SpanAttribute;
  readonly classes: SpanAttribute[];
  readonly pairs: SpanKeyValue[];
  /** Malformed parts of `{...}`: the span is still produced so tools can point at the mistake. */
  readonly errors: { readonly message: string; readonly range: OffsetRange }[];
}

/** Pandoc bracketed span `[content]{#id .class key=value}`. */
export interface BracketedSpan extends Parent {
  type: 'bracketedSpan';
  children: PhrasingContent[];
  attributes: SpanAttributes;
  /** Range between `[` and `]` (exclusive of both). */
  contentRange: OffsetRange;
  /** Range of `{...}` including the braces. */
  attributesRange: OffsetRange;
}

export type CriticKind = 'addition' | 'deletion' | 'substitution' | 'highlight' | 'comment';

/**
 * A CriticMarkup review mark: `{++ added ++}`, `{-- deleted --}`, `{== highlighted ==}`,
 * `{>> comment <<}`, or `{~~ old ~> new ~~}`, whose two children are a `deletion` (old) and an
 * `addition` (new) holding the parts' content (their positions are the parts, without markers).
 */
export interface CriticMark extends Parent {
  type: 'criticMark';
  kind: CriticKind;
  children: PhrasingContent[];
  /** Between the markers (for a substitution, from after `{~~` to before `~~}`). */
  contentRange: OffsetRange;
}

/** An opener or closer that pairs with nothing (reported as `malformed-review-mark`); it reads as text. */
export interface CriticStray extends Node {
  type: 'criticStray';
  kind: CriticKind;
  side: 'open' | 'close';
  /** The marker as written: `{++`, `<<}`, … */
  value: string;
}

declare module 'mdast' {
  interface ImageData {
    /**
     * The caption's inline nodes (mdast keeps only the `alt` string): Pandoc reads citations in
     * captions (`![A caption [@key].](fig.png)`), so walks that collect citations look here too.
     */
    caption?: PhrasingContent[];
  }
  interface PhrasingContentMap {
    citation: Citation;
    bracketedSpan: BracketedSpan;
    criticMark: CriticMark;
    criticStray: CriticStray;
  }
  interface RootContentMap {
    citation: Citation;
    bracketedSpan: BracketedSpan;
    criticMark: CriticMark;
    criticStray: CriticStray;
  }
}
