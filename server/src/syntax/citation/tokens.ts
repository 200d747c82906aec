/** Token types of the Pandoc citation constructs, registered with micromark's type map. */
import type { Token } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** `[see @a, p. 3; @b]` */
    citationGroup: 'citationGroup';
    /** `@a`, `@a [p. 3]`, `@a [@b]` */
    citationInText: 'citationInText';
    /** One cited work: prefix, `-`, reference, suffix. */
    citationItem: 'citationItem';
    citationPrefix: 'citationPrefix';
    citationSuffix: 'citationSuffix';
    /** The `-` of `[-@a]`. */
    citationSuppressMarker: 'citationSuppressMarker';
    /** `@key` or `@{key}`. */
    citationReference: 'citationReference';
    citationKeyMarker: 'citationKeyMarker';
    citationKeyBrace: 'citationKeyBrace';
    citationKey: 'citationKey';
    /** `[` and `]` of a group or of an in-text citation's bracket. */
    citationGroupMarker: 'citationGroupMarker';
    citationGroupSeparator: 'citationGroupSeparator';
    /** A `;` (a separator once inside a group; text otherwise). */
    citationSemicolon: 'citationSemicolon';
    /** The `-` before `@` (a suppress-author marker once inside a group; text otherwise). */
    citationDash: 'citationDash';
    /** Spaces and tabs between parts: no mdast of their own. */
    citationWhitespace: 'citationWhitespace';
  }
}

/** In-text citations that already took a following bracket (`@a [p. 3]`). */
export const extendedInText = new WeakSet<Token>();
