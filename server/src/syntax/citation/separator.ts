/**
 * Construct: `;` as its own `data` token. It changes nothing in the output (data tokens are merged
 * later) but guarantees that every `;` of a group's top level sits in a token of its own when
 * `group-end.ts` splits the group into items, so no token has to be cut in two.
 */
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { codes, types } from 'micromark-util-symbol';

export const citationSeparator: Construct = { name: 'citationSeparator', tokenize };

function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  /** At `;`. */
  function start(code: Code): State | undefined {
    if (code !== codes.semicolon) return nok(code);
    effects.enter(types.data);
    effects.consume(code);
    effects.exit(types.data);
    return ok;
  }
}
