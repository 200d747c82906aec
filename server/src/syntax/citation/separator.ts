/**
 * Construct: `;` as a token of its own (`citationSemicolon`, text in mdast). It changes nothing in
 * the output but guarantees that every `;` of a group's top level sits in a token of its own when
 * `group-end.ts` splits the group into items, so no token has to be cut in two.
 */
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';

export const citationSeparator: Construct = { name: 'citationSeparator', tokenize };

function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  /** At `;`. */
  function start(code: Code): State | undefined {
    if (code !== codes.semicolon) return nok(code);
    // Not `data`: micromark merges adjacent data tokens with one array splice each, which made a long
    // paragraph with many `;` quadratic. A token of another type needs no merging.
    effects.enter('citationSemicolon');
    effects.consume(code);
    effects.exit('citationSemicolon');
    return ok;
  }
}
