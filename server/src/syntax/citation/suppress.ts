/**
 * Construct: the `-` of `-@key` as its own `data` token, for the same reason as `separator.ts`:
 * inside a group it becomes the suppress-author marker without splitting a token. Outside a
 * group Pandoc 2.17 reads `-@key` as `-` followed by an author-in-text citation, and so do we.
 */
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';

export const citationSuppress: Construct = { name: 'citationSuppress', tokenize };

function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  /** At `-`. */
  function start(code: Code): State | undefined {
    if (code !== codes.dash) return nok(code);
    effects.enter('citationDash');
    effects.consume(code);
    effects.exit('citationDash');
    // Every `-` (not only before `@`): as `data`, each hyphen of a paragraph was merged into the
    // text around it with one array splice, quadratic in the paragraph's length.
    return ok;
  }
}
