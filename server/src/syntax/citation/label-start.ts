/**
 * Shared by the `]` constructs of citations and spans: find the `[` that a `]` closes, using
 * micromark's own stack of label starts (the one `labelEnd` uses), so brackets pair exactly as
 * they do for links and each `]` costs no more than micromark's own link handling.
 */
import type { Event, Token, TokenizeContext } from 'micromark-util-types';
import { types } from 'micromark-util-symbol';

/** The innermost open `[` (not `![`), ignoring `_inactive`: spans and citations may sit in links. */
export function openLabelStart(context: TokenizeContext): Token | undefined {
  const starts = context._labelStarts;
  if (!starts) return undefined;
  while (starts.length > 0 && starts[starts.length - 1]?._balanced) starts.pop();
  const top = starts[starts.length - 1];
  return top && top.type === types.labelLink ? top : undefined;
}

/** Mark the label start as used, like `labelEnd` does after a link. */
export function consumeLabelStart(context: TokenizeContext, start: Token): void {
  const starts = context._labelStarts;
  if (starts && starts[starts.length - 1] === start) starts.pop();
}

/**
 * The most events a citation group's content may span (about 2,000 words). Deciding whether a `]`
 * closes a citation scans the content; the bound keeps thousands of nested brackets linear instead of
 * quadratic (each `]` would rescan everything inside it). Spans have no such bound.
 */
export const MAX_LABEL_EVENTS = 8192;

/** Where an event sits in the document: events are in document order, so this never decreases. */
function eventOffset(event: Event): number {
  return event[0] === 'enter' ? event[1].start.offset : event[1].end.offset;
}

/**
 * Index of the `enter` event of `token` in `events[0, before)`, or -1. Binary search on the events'
 * document offsets (O(log n), so a `]` costs the same however deep it is nested), then a short scan
 * among the events at the token's offset; a linear look-back of MAX_LABEL_EVENTS as the fallback.
 */
export function enterIndexOf(events: Event[], token: Token, before = events.length): number {
  const target = token.start.offset;
  let low = 0;
  let high = before;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (eventOffset(events[middle]!) < target) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < before && index < low + 64; index++) {
    const event = events[index]!;
    if (event[1] === token && event[0] === 'enter') return index;
    if (eventOffset(event) > target) break;
  }
  let index = before;
  const stop = Math.max(0, before - MAX_LABEL_EVENTS);
  while (index-- > stop) {
    const event = events[index];
    if (event && event[0] === 'enter' && event[1] === token) return index;
  }
  return -1;
}

/**
 * Event counts (enter to exit, inclusive) of the tokens our resolvers build (spans, citation groups),
 * so that scans of an enclosing bracket's content step over them in one move: nested spans then cost
 * linear time, not quadratic. A count is only trusted when the event it points to is the token's own.
 */
const extents = new WeakMap<Token, number>();

export function recordExtent(events: Event[], enter: number, exit: number): void {
  const event = events[enter];
  if (event) extents.set(event[1], exit - enter + 1);
}

/** Index of the exit matching the enter at `index`, when the token has a trusted extent; else -1. */
function exitOf(events: Event[], index: number): number {
  const event = events[index]!;
  const extent = extents.get(event[1]);
  if (extent === undefined) return -1;
  const exit = events[index + extent - 1];
  return exit && exit[0] === 'exit' && exit[1] === event[1] ? index + extent - 1 : -1;
}

/** Index of the enter matching the exit at `index`, when the token has a trusted extent; else -1. */
export function enterOf(events: Event[], index: number): number {
  const event = events[index]!;
  const extent = extents.get(event[1]);
  if (extent === undefined) return -1;
  const enter = events[index - extent + 1];
  return enter && enter[0] === 'enter' && enter[1] === event[1] ? index - extent + 1 : -1;
}

/** A token at the top level of a slice of events, with the indices of its enter and exit. */
export interface TopToken {
  readonly token: Token;
  readonly enter: number;
  readonly exit: number;
}

/** Tokens at depth 0 in `events[from, to)`. */
export function topLevelTokens(events: Event[], from: number, to: number): TopToken[] {
  const result: TopToken[] = [];
  let depth = 0;
  let enter = from;
  for (let index = from; index < to; index++) {
    const event = events[index];
    if (!event) break;
    if (event[0] === 'enter') {
      if (depth === 0) {
        const exit = exitOf(events, index);
        if (exit >= 0 && exit < to) {
          result.push({ token: event[1], enter: index, exit });
          index = exit;
          continue;
        }
        enter = index;
      }
      depth++;
    } else {
      depth--;
      if (depth === 0) result.push({ token: event[1], enter, exit: index });
    }
  }
  return result;
}
