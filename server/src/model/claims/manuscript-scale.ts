/**
 * The sentences of a block of Markdown, as the manuscript's bibliography scale reads them
 * (workspace/claim-bibliography.ts): the median best match over every sentence of the document. A pure
 * function of the block's source text, so that the host memoises it by that text and an incremental
 * analysis computes the same scale as a full one. Markup and citations are stripped roughly: the scale is
 * a median, quantised (bibliography-match.ts), which a stray link or emphasis mark does not move.
 */

const CITATION_GROUP = /\[[^[\]@]*@[^[\]]*\]/g;
const NARRATIVE_CITATION = /(?<![\p{L}\p{N}])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*/gu;
const LINK_TARGET = /\]\([^()]*\)/g;
const ATTRIBUTES = /\{[^{}\n]*\}/g;
const LINE_MARKERS = /^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|\(?[0-9a-zA-Z#]{1,3}[.)][ \t]+|\[\^[^\]]+\]:[ \t]*|:{3,}.*$)?/gm;
const INLINE_MARKERS = /[*_`~]+/g;

/** The prose sentences of a block's source text, markup and citations out. */
export function proseSentences(source: string, split: (text: string) => readonly { start: number; end: number }[]): string[] {
  const plain = source
    .replace(CITATION_GROUP, ' ')
    .replace(NARRATIVE_CITATION, ' ')
    .replace(LINK_TARGET, ']')
    .replace(ATTRIBUTES, ' ')
    .replace(LINE_MARKERS, '')
    .replace(INLINE_MARKERS, '')
    .replace(/[[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return [];
  return split(plain)
    .map((r) => plain.slice(r.start, r.end).trim())
    .filter((s) => s !== '');
}
