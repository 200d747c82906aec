/**
 * knitr's inline R code in a front-matter value: R Markdown templates write
 * csl: "`r system.file('rmd', 'apa7.csl', package = 'papaja')`"
 * and knitr replaces it with the code's result before Pandoc runs. Marginalia does not run R, so such a
 * path cannot be followed; the diagnostics say that rather than "not found at <the code as a path>".
 */
const INLINE_R = /`r[ \t][^`]*`/;

export function isKnitrInline(value: string): boolean {
  return INLINE_R.test(value);
}

/** Why such a path is not followed, for a message. */
export const KNITR_INLINE_REASON = 'is computed by inline R code that knitr runs when it renders the manuscript; Marginalia does not run R';
