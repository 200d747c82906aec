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
 * How far back a `]` looks for its `[`, in events. A citation group or span is far shorter; the bound
 * keeps thousands of nested brackets linear instead of quadratic (each `]` would rescan them all).
 */
export const MAX_LABEL_EVENTS = 8192;

/** Index of the `enter` event of `token`, searching backwards from `before` (exclusive), or -1. */
export function enterIndexOf(events: Event[], token: Token, before = events.length): number {
  let index = before;
  const stop = Math.max(0, before - MAX_LABEL_EVENTS);
  while (index-- > stop) {
    const event = events[index];
    if (event && event[0] === 'enter' && event[1] === token) return index;
  }
  return -1;
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
      if (depth === 0) enter = index;
      depth++;
    } else {
      depth--;
      if (depth === 0) result.push({ token: event[1], enter, exit: index });
    }
  }
  return result;
}
