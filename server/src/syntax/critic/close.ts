/**
 * Construct: a CriticMarkup closer (`++}` `--}` `~~}` `==}` `<<}`), and the resolver that pairs it
 * with its opener. micromark has already tokenized the text between them as ordinary inline text
 * (citations, spans, links, emphasis); the resolver wraps it in a `criticMark`, like `labelEnd`
 * wraps link text.
 *
 * Pairing rules (CriticMarkup has no nesting):
 * - a closer pairs with the nearest earlier opener of the same kind when nothing but finished
 *   inline constructs lie between them (not across a link, span or citation boundary, not across
 *   another mark or stray closer);
 * - the text is inline content: a mark ends in the paragraph (or heading, table cell) it starts in.
 *   An opener whose paragraph ends first (a blank line) stays a stray opener, reported as
 *   `malformed-review-mark`; the rest of the document parses as if it were plain text;
 * - a substitution needs a `~>` at its top level; the first one separates old from new;
 * - `[` left open inside a mark cannot be closed after it (that would cross the mark);
 * - a comment is a note to the authors, not manuscript text: `@key` and `[@key]` in it are plain
 *   text (so the reviewer tag of `{>> @ana: … <<}` is no citation).
 */
import type { Code, Construct, Effects, Event, State, Token, TokenizeContext } from 'micromark-util-types';
import { codes, types } from 'micromark-util-symbol';
import { resolveAll } from 'micromark-util-resolve-all';
import { splice } from 'micromark-util-chunked';
import type { CriticKind } from '../types.js';
import { kindByCloseCode, kindOf } from './tokens.js';

export const criticClose: Construct = {
  name: 'criticClose',
  tokenize: tokenizeCriticClose,
  resolveTo: resolveToCriticMark,
  // Before GFM strikethrough (`~~`) and the email autolink (`+`, `-`).
  add: 'before',
};

/**
 * How far back a closer looks for its opener, in events. Review marks are short; the bound keeps a
 * paragraph of thousands of stray closers linear.
 */
const MAX_MARK_EVENTS = 8192;

function tokenizeCriticClose(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let kind: CriticKind | undefined;
  let marker: Code = null;
  return start;

  /** At `+`, `-`, `~`, `=` or `<`. */
  function start(code: Code): State | undefined {
    kind = code === null ? undefined : kindByCloseCode.get(code);
    if (!kind) return nok(code);
    marker = code;
    effects.enter('criticClose');
    effects.consume(code);
    return second;
  }

  /** After the first marker character. */
  function second(code: Code): State | undefined {
    if (code !== marker) return nok(code);
    effects.consume(code);
    return brace;
  }

  /** At the `}`. */
  function brace(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace || !kind) return nok(code);
    effects.consume(code);
    kindOf.set(effects.exit('criticClose'), kind);
    return ok;
  }
}

function resolveToCriticMark(events: Event[], context: TokenizeContext): Event[] {
  const closeEnter = events.length - 2;
  const close = events[closeEnter]?.[1];
  if (!close || close.type !== 'criticClose') return events;
  const kind = kindOf.get(close);

  // Walk back over finished constructs to the opener: stop at anything that rules a pairing out.
  let depth = 0;
  let openIndex = -1;
  const separators: number[] = [];
  const stop = Math.max(0, closeEnter - MAX_MARK_EVENTS);
  for (let index = closeEnter - 1; index >= stop; index--) {
    const [phase, token] = events[index]!;
    if (phase === 'exit') {
      if (depth === 0 && (token.type === 'criticMark' || token.type === 'criticClose')) break;
      depth++;
      continue;
    }
    depth--;
    if (token.type === 'criticOpen') {
      if (depth === 0) openIndex = index;
      break;
    }
    if (token.type === 'criticSeparator' && depth === 0) separators.push(index);
  }
  if (openIndex < 0) return events;
  const open = events[openIndex]![1];
  if (kindOf.get(open) !== kind || !kind) return events;
  if (kind === 'substitution' && separators.length === 0) return events;

  open.type = 'criticMarker';
  close.type = 'criticMarker';
  const mark: Token = { type: 'criticMark', start: { ...open.start }, end: { ...close.end } };
  kindOf.set(mark, kind);
  const inside = (slice: Event[]) => resolveAll(context.parser.constructs.insideSpan.null ?? [], slice, context);

  let content: Event[];
  if (kind === 'substitution') {
    // Collected backwards: the last one found is the first in the text.
    const separatorIndex = separators.pop()!;
    for (const index of separators) events[index]![1].type = types.data;
    const separator = events[separatorIndex]![1];
    separator.type = 'criticMarker';
    const before: Token = { type: 'criticMark', start: { ...open.end }, end: { ...separator.start } };
    const after: Token = { type: 'criticMark', start: { ...separator.end }, end: { ...close.start } };
    kindOf.set(before, 'deletion');
    kindOf.set(after, 'addition');
    content = [
      ['enter', before, context],
      ...inside(events.slice(openIndex + 2, separatorIndex)),
      ['exit', before, context],
      events[separatorIndex]!,
      events[separatorIndex + 1]!,
      ['enter', after, context],
      ...inside(events.slice(separatorIndex + 2, closeEnter)),
      ['exit', after, context],
    ];
  } else {
    for (const index of separators) events[index]![1].type = types.data;
    content = events.slice(openIndex + 2, closeEnter);
    content = inside(kind === 'comment' ? citationsAsText(content, context) : content);
  }

  // A `[` still open inside the mark must not pair with a `]` after it.
  for (const start of context._labelStarts ?? []) if (start.start.offset >= open.start.offset) start._balanced = true;

  splice(events, openIndex, events.length - openIndex, [
    ['enter', mark, context],
    events[openIndex]!,
    events[openIndex + 1]!,
    ...content,
    events[closeEnter]!,
    events[closeEnter + 1]!,
    ['exit', mark, context],
  ]);
  return events;
}

/** Replaces each citation in `slice` (with everything inside it) by one plain-text token. */
function citationsAsText(slice: Event[], context: TokenizeContext): Event[] {
  const out: Event[] = [];
  for (let index = 0; index < slice.length; index++) {
    const [phase, token] = slice[index]!;
    if (phase === 'enter' && (token.type === 'citationInText' || token.type === 'citationGroup')) {
      while (index < slice.length && !(slice[index]![0] === 'exit' && slice[index]![1] === token)) index++;
      const text: Token = { type: types.data, start: { ...token.start }, end: { ...token.end } };
      out.push(['enter', text, context], ['exit', text, context]);
    } else out.push(slice[index]!);
  }
  return out;
}
