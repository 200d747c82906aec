/** Construct: a CriticMarkup opener, `{++` `{--` `{~~` `{==` `{>>`. Pairing happens at the closer. */
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import type { CriticKind } from '../types.js';
import { kindByOpenCode, kindOf } from './tokens.js';

export const criticOpen: Construct = { name: 'criticOpen', tokenize: tokenizeCriticOpen };

function tokenizeCriticOpen(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let kind: CriticKind | undefined;
  let marker: Code = null;
  return start;

  /** At `{`. */
  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.enter('criticOpen');
    effects.consume(code);
    return first;
  }

  /** After `{`. */
  function first(code: Code): State | undefined {
    kind = code === null ? undefined : kindByOpenCode.get(code);
    if (!kind) return nok(code);
    marker = code;
    effects.consume(code);
    return second;
  }

  /** After `{+`. */
  function second(code: Code): State | undefined {
    if (code !== marker || !kind) return nok(code);
    effects.consume(code);
    kindOf.set(effects.exit('criticOpen'), kind);
    return ok;
  }
}
