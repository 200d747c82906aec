/**
 * Construct: `~>`, the separator of a substitution `{~~ old ~> new ~~}`. Tokenized everywhere (the
 * closer decides whether it is inside a substitution); the ones left over become plain text.
 */
import type { Code, Construct, Effects, Event, State, TokenizeContext } from 'micromark-util-types';
import { codes, types } from 'micromark-util-symbol';
import './tokens.js';

export const criticSeparator: Construct = {
  name: 'criticSeparator',
  tokenize: tokenizeCriticSeparator,
  resolveAll: resolveAllSeparators,
  // Before GFM strikethrough, which would take the `~`.
  add: 'before',
};

function tokenizeCriticSeparator(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  /** At `~`. */
  function start(code: Code): State | undefined {
    if (code !== codes.tilde) return nok(code);
    effects.enter('criticSeparator');
    effects.consume(code);
    return arrow;
  }

  /** After `~`. */
  function arrow(code: Code): State | undefined {
    if (code !== codes.greaterThan) return nok(code);
    effects.consume(code);
    effects.exit('criticSeparator');
    return ok;
  }
}

/** Separators outside a substitution are text. */
function resolveAllSeparators(events: Event[]): Event[] {
  for (const [, token] of events) if (token.type === 'criticSeparator') token.type = types.data;
  return events;
}
