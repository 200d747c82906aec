/** Token types of the Pandoc bracketed-span construct, registered with micromark's type map. */
declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** `[content]{attributes}` */
    bracketedSpan: 'bracketedSpan';
    /** `[` and `]` */
    bracketedSpanMarker: 'bracketedSpanMarker';
    /** `{...}` including the braces; parsed by `attributes.ts`. */
    bracketedSpanAttributes: 'bracketedSpanAttributes';
  }
}

export {};
