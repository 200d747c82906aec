/** Minimal typings for the part of `stopword` Marginalia uses (the package ships no types). */
declare module 'stopword' {
  /** English stop words, lower case. */
  export const eng: readonly string[];
}
