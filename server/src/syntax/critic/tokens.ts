/** Token types of the CriticMarkup constructs, registered with micromark's type map. */
import type { Token } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import type { CriticKind } from '../types.js';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** `{++`, `{--`, `{~~`, `{==`, `{>>` not (yet) closed: a stray opener when resolving ends. */
    criticOpen: 'criticOpen';
    /** `++}`, `--}`, `~~}`, `==}`, `<<}` not (yet) paired: a stray closer when resolving ends. */
    criticClose: 'criticClose';
    /** `~>` inside a substitution; ordinary text elsewhere. */
    criticSeparator: 'criticSeparator';
    /** A paired mark, from opener to closer; also each part of a substitution (old, new). */
    criticMark: 'criticMark';
    /** An opener, closer or separator that belongs to a `criticMark`. */
    criticMarker: 'criticMarker';
  }
}

/** The kind of each opener, closer and mark token (token types stay few; the kind is data). */
export const kindOf = new WeakMap<Token, CriticKind>();

/** The character doubled in each kind's markers: `{++ … ++}`, `{-- … --}`, … */
export const markerCode: Record<CriticKind, number> = {
  addition: codes.plusSign,
  deletion: codes.dash,
  substitution: codes.tilde,
  highlight: codes.equalsTo,
  comment: codes.greaterThan,
};

/** Opener character -> kind (`{>>` opens a comment). */
export const kindByOpenCode = new Map<number, CriticKind>(
  (Object.entries(markerCode) as [CriticKind, number][]).map(([kind, code]) => [code, kind]),
);

/** Closer character -> kind (`<<}` closes a comment). */
export const kindByCloseCode = new Map<number, CriticKind>(
  (Object.entries(markerCode) as [CriticKind, number][]).map(([kind, code]) => [
    kind === 'comment' ? codes.lessThan : code,
    kind,
  ]),
);
