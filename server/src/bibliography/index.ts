/** The bibliography layer: parsers for BibTeX/BibLaTeX, CSL-JSON and CSL YAML, loading, formatting. */
export type { BibEntry, BibError, BibFormat, BibParseResult, CslItem } from './types.js';
export { parseBibTeX, type BibTeXEntry, type BibTeXField, type BibTeXParseResult } from './bibtex.js';
export { bibtexToCsl, languageTag, parseName, splitNames } from './bibtex-to-csl.js';
export { latexToUnicode, type LatexMarkup } from './latex.js';
export { parseCslJson } from './csl-json.js';
export { parseYamlReferences } from './yaml-references.js';
export {
  ReferenceFormatter, availableStyles,
  type FormatOptions, type FormattedReference,
} from './format.js';
export {
  BibliographyLoader, formatForPath, parseBibliography,
  type LoadedBibliography, type LoadedBibliographyFile, type MissingBibliography,
} from './load.js';
