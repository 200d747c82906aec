/** Per-parse record of failed searches for the end of HTML constructs (block.ts, comment-text.ts). */
import type { ParseContext } from 'micromark-util-types';

export type Unclosed = 'comment' | 'instruction' | 'textComment';

/**
 * What failed searches found, per parse, so that no search is repeated: for each tag name, the openers
 * a search for a closing tag passed and whether each has its own closing tag before the search stopped;
 * the stretch after an unclosed `<!--` holding no `-->`, and after an unclosed `<?` no `>`. Without it,
 * n unclosed `<table>` or `<!--` lines would each search to the end of the document (quadratic). Keyed
 * by the parse, so it lives as long as that parse and is never shared between texts.
 */
export interface Searched {
  readonly closes: Map<string, ReadonlyMap<number, boolean>>;
  /**
   * An unclosed comment or instruction searched [from, to) for its end marker and found none: as a block
   * (to the end of the document or container) or in a paragraph's text (to its end); `atEnd` when `to` is
   * the end of the document.
   */
  readonly unclosed: Map<Unclosed, { from: number; to: number; atEnd?: boolean }>;
}

export const searched = new WeakMap<ParseContext, Searched>();

export function searchedIn(parser: ParseContext): Searched {
  let found = searched.get(parser);
  if (!found) searched.set(parser, (found = { closes: new Map(), unclosed: new Map() }));
  return found;
}

