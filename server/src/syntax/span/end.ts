/**
 * Construct: `]{attributes}` closing a Pandoc bracketed span. The `[` is micromark's own link
 * label start, so the content was tokenized as ordinary inline text (spans nest, and may hold
 * citations and links); the resolver wraps it, like `labelEnd` does for links.
 *
 * The attribute block is only delimited here (first `}` outside a quoted value); its meaning is
 * parsed by `attributes.ts` so that malformed blocks still give a span (see there).
 * Differences from Pandoc: the block must fit on one line, and may not contain `{` or `]`
 * outside quotes. That keeps every scan from running into the next `]{`, so a paragraph full of
 * brackets stays linear.
 */
import type { Code, Construct, Effects, Event, State, Token, TokenizeContext } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { markdownLineEnding } from 'micromark-util-character';
import { resolveAll } from 'micromark-util-resolve-all';
import { splice } from 'micromark-util-chunked';
import { consumeLabelStart, enterIndexOf, enterOf, openLabelStart, recordExtent } from '../citation/label-start.js';
import './tokens.js';

export const bracketedSpanEnd: Construct = {
  name: 'bracketedSpanEnd',
  tokenize: tokenizeBracketedSpanEnd,
  resolveTo: resolveToBracketedSpan,
};

const quotedValue: Construct = { tokenize: tokenizeQuotedValue, partial: true };

/** Label start of each span, keyed by its attributes token, for the resolver. */
const opens = new WeakMap<Token, Token>();

function tokenizeBracketedSpanEnd(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  const self = this;
  const open = openLabelStart(self);
  let previous: Code = null;
  return start;

  /** At `]`. */
  function start(code: Code): State | undefined {
    // A `[` the resolver could not find would wrap the wrong events (an earlier bug ran out of memory).
    if (code !== codes.rightSquareBracket || !open || enterIndexOf(self.events, open) < 0) return nok(code);
    effects.enter('bracketedSpanMarker');
    effects.consume(code);
    effects.exit('bracketedSpanMarker');
    return braceOpen;
  }

  /** After `]`: attributes follow at once (Pandoc: `[a] {.x}` is not a span). */
  function braceOpen(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.enter('bracketedSpanAttributes');
    effects.consume(code);
    return inside;
  }

  /** Inside `{...}`. */
  function inside(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code);
    if (code === codes.leftCurlyBrace || code === codes.rightSquareBracket) return nok(code);
    if (code === codes.rightCurlyBrace) {
      effects.consume(code);
      const attributes = effects.exit('bracketedSpanAttributes');
      if (open) opens.set(attributes, open);
      return done;
    }
    if ((code === codes.quotationMark || code === codes.apostrophe) && previous === codes.equalsTo) {
      previous = code;
      return effects.attempt(quotedValue, inside, plainQuote)(code);
    }
    previous = code;
    effects.consume(code);
    return inside;
  }

  /** A quote that never closes on this line is an ordinary character (as in Pandoc). */
  function plainQuote(code: Code): State | undefined {
    effects.consume(code);
    return inside;
  }

  /** After `}`. */
  function done(code: Code): State | undefined {
    if (open) consumeLabelStart(self, open);
    return ok(code);
  }
}

function tokenizeQuotedValue(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let quote: Code = null;
  return start;

  /** At `"` or `'`. */
  function start(code: Code): State | undefined {
    // No token of its own: micromark only consumes into a token with no closed children.
    quote = code;
    effects.consume(code);
    return body;
  }

  /** Inside the quotes. */
  function body(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code);
    effects.consume(code);
    if (code === quote) return ok;
    return code === codes.backslash ? escaped : body;
  }

  /** After `\`: the next character cannot close the value. */
  function escaped(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code);
    effects.consume(code);
    return body;
  }
}

/** Sequences that `insideSpan` resolvers pair (emphasis, strikethrough); unpaired ones become data. */
const unresolved = new Set(['attentionSequence', 'strikethroughSequenceTemporary']);

/**
 * Whether `events[from, to)` holds an unresolved sequence at its top level. Nested spans and citation
 * groups were resolved already and are stepped over, so nested spans cost linear time.
 */
function needsResolving(events: Event[], from: number, to: number): boolean {
  for (let index = to - 1; index >= from; index--) {
    const event = events[index]!;
    if (event[0] === 'exit') {
      const enter = enterOf(events, index);
      if (enter >= from) {
        index = enter;
        continue;
      }
    }
    if (unresolved.has(event[1].type)) return true;
  }
  return false;
}

function resolveToBracketedSpan(events: Event[], context: TokenizeContext): Event[] {
  const last = events[events.length - 1];
  const open = last ? opens.get(last[1]) : undefined;
  if (!last || !open) return events;
  const openIndex = enterIndexOf(events, open);
  if (openIndex < 0) return events;
  let closeIndex = events.length;
  while (closeIndex-- > openIndex) {
    const event = events[closeIndex]!;
    if (event[0] === 'enter' && event[1].type === 'bracketedSpanMarker') break;
  }
  const openMarkerEnter = events[openIndex + 1]!;
  const openMarkerExit = events[openIndex + 2]!;
  openMarkerEnter[1].type = 'bracketedSpanMarker';
  const span: Token = { type: 'bracketedSpan', start: { ...open.start }, end: { ...last[1].end } };
  const contentStart = openIndex + 4;
  if (needsResolving(events, contentStart, closeIndex)) {
    // Like link text: emphasis is matched inside the span only.
    const content = resolveAll(context.parser.constructs.insideSpan.null ?? [], events.slice(contentStart, closeIndex), context);
    splice(events, contentStart, closeIndex - contentStart, content);
  }
  // `enter labelLink, enter labelMarker, exit labelMarker, exit labelLink` -> `enter span, marker`,
  // in place: copying the content for every span made nested spans quadratic.
  events[openIndex] = ['enter', span, context];
  events[openIndex + 1] = openMarkerEnter;
  events[openIndex + 2] = openMarkerExit;
  events.splice(openIndex + 3, 1);
  events.push(['exit', span, context]);
  recordExtent(events, openIndex, events.length - 1);
  return events;
}
