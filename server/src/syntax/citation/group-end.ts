/**
 * Construct: the `]` that closes a Pandoc citation group. micromark has already tokenized the
 * bracket's content as ordinary inline text (with `@key` references from `reference.ts`), and its
 * `[` is an open link label start. Here we decide, like Pandoc's `normalCite` / `bareloc`, whether
 * the bracket is a citation, and the resolver regroups the events into items.
 *
 * - `[pre @a suf; pre -@b suf]`: every `;`-separated segment must hold a reference at its top
 *   level; the first one is the item's key, text before is the prefix, text after the suffix.
 * - `@a [p. 3; @b]` (in-text + spaces/one line ending + bracket): the first segment is the
 *   author-in-text item's suffix ("bareloc"); `@a [@b]` appends the group's items instead.
 * - Not a citation when `]` is followed by `(`, `[` or `{` (a link, reference or span: Pandoc).
 *
 * Differences from Pandoc: `@a [p. 3]{.x}` is a span here (Pandoc: citation, then `{.x}` as
 * text); a group item whose key already took a bracket (`[@a [p. 3]]`) is not regrouped, so the
 * outer bracket stays text; emphasis that would span the key is not considered.
 */
import type {
  Code,
  Construct,
  Effects,
  Event,
  State,
  Token,
  TokenizeContext,
} from 'micromark-util-types';
import { codes, types } from 'micromark-util-symbol';
import { resolveAll } from 'micromark-util-resolve-all';
import { splice } from 'micromark-util-chunked';
import { MAX_LABEL_EVENTS, consumeLabelStart, enterIndexOf, openLabelStart, recordExtent, topLevelTokens, type TopToken } from './label-start.js';
import { extendedInText } from './tokens.js';

export const citationGroupEnd: Construct = {
  name: 'citationGroupEnd',
  tokenize: tokenizeCitationGroupEnd,
  resolveTo: resolveToCitationGroup,
};

interface Segment {
  /** Top-level tokens of the segment, without the separator. */
  readonly tokens: TopToken[];
  /** Index in `tokens` of the reference, -1 when there is none. */
  readonly key: number;
  /** Whether `tokens[key - 1]` is the `-` of `-@key`. */
  readonly suppress: boolean;
  readonly separator?: TopToken;
}

interface Plan {
  readonly kind: 'group' | 'inTextGroup' | 'bareloc';
  readonly openIndex: number;
  readonly segments: Segment[];
  /** The in-text citation before the bracket, for the in-text kinds. */
  readonly inText?: TopToken;
}

/** Plans made by the tokenizer, picked up by the resolver through the closing marker token. */
const plans = new WeakMap<Token, Plan>();

function tokenizeCitationGroupEnd(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  const self = this;
  const open = openLabelStart(self);
  let plan: Plan | undefined;
  return start;

  /** At `]`. */
  function start(code: Code): State | undefined {
    if (code !== codes.rightSquareBracket || !open) return nok(code);
    plan = planCitation(self, open);
    if (!plan) return nok(code);
    effects.enter('citationGroupMarker');
    effects.consume(code);
    plans.set(effects.exit('citationGroupMarker'), plan);
    return after;
  }

  /** After `]`: a link, reference or span wins. */
  function after(code: Code): State | undefined {
    if (
      code === codes.leftParenthesis ||
      code === codes.leftSquareBracket ||
      code === codes.leftCurlyBrace
    ) {
      return nok(code);
    }
    if (open) consumeLabelStart(self, open);
    return ok(code);
  }
}

function planCitation(context: TokenizeContext, open: Token): Plan | undefined {
  const events = context.events;
  const openIndex = enterIndexOf(events, open);
  if (openIndex < 0 || events.length - openIndex > MAX_LABEL_EVENTS) return undefined;
  // `^[…]` is a Pandoc inline note, not a citation group: `@key` inside stays an in-text citation.
  if (afterCaret(context, events, openIndex)) return undefined;
  // `enter labelLink, enter labelMarker, exit labelMarker, exit labelLink`, then the content.
  const content = topLevelTokens(events, openIndex + 4, events.length);
  const segments = splitSegments(context, content);
  const keyed = segments.map((segment) => segment.key >= 0);
  const inText = inTextBefore(context, events, openIndex);
  if (inText && !startsWithCaret(context, content)) {
    if (keyed.every(Boolean)) return { kind: 'inTextGroup', openIndex, segments, inText };
    if (keyed.slice(1).every(Boolean)) return { kind: 'bareloc', openIndex, segments, inText };
  }
  if (keyed.every(Boolean)) return { kind: 'group', openIndex, segments };
  return undefined;
}

function splitSegments(context: TokenizeContext, content: TopToken[]): Segment[] {
  const segments: Segment[] = [];
  let current: TopToken[] = [];
  const finish = (separator?: TopToken): void => {
    const key = current.findIndex((top) => top.token.type === 'citationInText');
    const usable = key >= 0 && !extendedInText.has(current[key]!.token);
    const before = usable ? current[key - 1] : undefined;
    const twoBefore = usable ? current[key - 2] : undefined;
    const suppress =
      before !== undefined &&
      before.token.type === 'citationDash' &&
      before.token.end.offset === current[key]!.token.start.offset &&
      // `--@a` is an en dash before a normal citation in Pandoc (smart typography reads `--` first).
      !(twoBefore?.token.type === 'citationDash' && twoBefore.token.end.offset === before.token.start.offset);
    segments.push({ tokens: current, key: usable ? key : -1, suppress, separator });
    current = [];
  };
  // A `;` inside brackets nested in the group (`[@a, see [p. 3; @c]]`) is the item's text, as in
  // Pandoc: only a `;` outside them separates items. An inner `[` that opened nothing stays a label
  // start token; its `]` is data.
  let depth = 0;
  for (const top of content) {
    const type = top.token.type;
    if (type === types.labelLink || type === types.labelImage) depth++;
    else if (depth > 0 && type === types.data) {
      const text = context.sliceSerialize(top.token);
      for (let i = text.indexOf(']'); i >= 0 && depth > 0; i = text.indexOf(']', i + 1)) depth--;
    }
    if (type === 'citationSemicolon' && depth === 0) finish(top);
    else current.push(top);
  }
  finish();
  return segments;
}

/** The author-in-text citation right before `openIndex`, across spaces and one line ending. */
function inTextBefore(context: TokenizeContext, events: Event[], openIndex: number): TopToken | undefined {
  let index = openIndex - 1;
  let lineEndings = 0;
  while (index >= 0) {
    const event = events[index];
    if (!event || event[0] !== 'exit') return undefined;
    const token = event[1];
    if (token.type === types.lineEnding && lineEndings++ === 0) {
      index = enterIndexOf(events, token, index) - 1;
      continue;
    }
    if (token.type === types.data && /^[ \t]*$/.test(context.sliceSerialize(token))) {
      index -= 2;
      continue;
    }
    if (token.type !== 'citationInText' || extendedInText.has(token)) return undefined;
    const enter = enterIndexOf(events, token, index);
    return enter < 0 ? undefined : { token, enter, exit: index };
  }
  return undefined;
}

/** Whether the `[` at `openIndex` follows a `^` directly (an inline note). */
function afterCaret(context: TokenizeContext, events: Event[], openIndex: number): boolean {
  const before = events[openIndex - 1];
  return (
    before !== undefined &&
    before[0] === 'exit' &&
    before[1].type === types.data &&
    before[1].end.offset === events[openIndex]![1].start.offset &&
    context.sliceSerialize(before[1]).endsWith('^')
  );
}

/** `[^...]` after an in-text citation is a footnote, not a locator (Pandoc's `bareloc`). */
function startsWithCaret(context: TokenizeContext, content: TopToken[]): boolean {
  const first = content[0];
  return first !== undefined && first.token.type === types.data && context.sliceSerialize(first.token).startsWith('^');
}

function isBlank(context: TokenizeContext, top: TopToken): boolean {
  if (top.token.type === types.lineEnding) return true;
  return top.token.type === types.data && /^[ \t]*$/.test(context.sliceSerialize(top.token));
}

function resolveToCitationGroup(events: Event[], context: TokenizeContext): Event[] {
  const closeExit = events[events.length - 1];
  const closeEnter = events[events.length - 2];
  const plan = closeExit ? plans.get(closeExit[1]) : undefined;
  if (!plan || !closeExit || !closeEnter) return events;
  const { openIndex } = plan;
  const openMarkerEnter = events[openIndex + 1]!;
  const openMarkerExit = events[openIndex + 2]!;
  openMarkerEnter[1].type = 'citationGroupMarker';

  const sliceFrom = plan.inText ? plan.inText.enter : openIndex;
  const whole: Token = {
    type: plan.inText ? 'citationInText' : 'citationGroup',
    start: { ...events[sliceFrom]![1].start },
    end: { ...closeExit[1].end },
  };
  const out: Event[] = [['enter', whole, context]];
  const pushAll = (more: Event[]): void => {
    for (const event of more) out.push(event);
  };
  const whitespace = (tops: TopToken[]): void => {
    for (const top of tops) {
      if (top.token.type === types.data) top.token.type = 'citationWhitespace';
      pushAll(events.slice(top.enter, top.exit + 1));
    }
  };
  const inline = (type: 'citationPrefix' | 'citationSuffix', tops: TopToken[]): void => {
    const first = tops[0];
    const last = tops[tops.length - 1];
    if (!first || !last) return;
    const token: Token = { type, start: { ...first.token.start }, end: { ...last.token.end } };
    out.push(['enter', token, context]);
    // Like link labels: emphasis is matched inside the prefix or suffix only.
    pushAll(resolveAll(context.parser.constructs.insideSpan.null ?? [], events.slice(first.enter, last.exit + 1), context));
    out.push(['exit', token, context]);
  };
  const trim = (tops: TopToken[]): [TopToken[], TopToken[], TopToken[]] => {
    let start = 0;
    let end = tops.length;
    while (start < end && isBlank(context, tops[start]!)) start++;
    while (end > start && isBlank(context, tops[end - 1]!)) end--;
    return [tops.slice(0, start), tops.slice(start, end), tops.slice(end)];
  };
  const reference = (inText: TopToken): Event[] =>
    // `enter citationInText, enter citationItem, ...reference..., exit citationItem, exit citationInText`
    events.slice(inText.enter + 2, inText.exit - 1);
  const item = (segment: Segment): void => {
    const [lead, body, trail] = trim(segment.tokens);
    const key = segment.key - lead.length;
    const keyTop = body[key]!;
    const prefix = body.slice(0, segment.suppress ? key - 1 : key);
    const suffix = body.slice(key + 1);
    whitespace(lead);
    const token: Token = { type: 'citationItem', start: { ...body[0]!.token.start }, end: { ...body[body.length - 1]!.token.end } };
    out.push(['enter', token, context]);
    inline('citationPrefix', prefix);
    if (segment.suppress) {
      const dash = body[key - 1]!;
      dash.token.type = 'citationSuppressMarker';
      pushAll(events.slice(dash.enter, dash.exit + 1));
    }
    pushAll(reference(keyTop));
    inline('citationSuffix', suffix);
    out.push(['exit', token, context]);
    whitespace(trail);
    separator(segment);
  };
  const separator = (segment: Segment): void => {
    if (!segment.separator) return;
    segment.separator.token.type = 'citationGroupSeparator';
    pushAll(events.slice(segment.separator.enter, segment.separator.exit + 1));
  };
  const between = (): void => {
    if (!plan.inText) return;
    whitespace(topLevelTokens(events, plan.inText.exit + 1, openIndex));
  };

  let rest = plan.segments;
  if (plan.inText) {
    const itemToken: Token = { type: 'citationItem', start: { ...plan.inText.token.start }, end: { ...plan.inText.token.end } };
    out.push(['enter', itemToken, context]);
    pushAll(reference(plan.inText));
    if (plan.kind === 'bareloc') {
      between();
      out.push(openMarkerEnter, openMarkerExit);
      const segment = plan.segments[0]!;
      const [lead, body, trail] = trim(segment.tokens);
      whitespace(lead);
      inline('citationSuffix', body);
      itemToken.end = { ...(body[body.length - 1]?.token.end ?? openMarkerExit[1].end) };
      out.push(['exit', itemToken, context]);
      whitespace(trail);
      separator(segment);
      rest = plan.segments.slice(1);
    } else {
      out.push(['exit', itemToken, context]);
      between();
      out.push(openMarkerEnter, openMarkerExit);
    }
  } else {
    out.push(openMarkerEnter, openMarkerExit);
  }
  for (const segment of rest) item(segment);
  out.push(closeEnter, closeExit, ['exit', whole, context]);
  splice(events, sliceFrom, events.length - sliceFrom, out);
  recordExtent(events, sliceFrom, events.length - 1);
  if (plan.inText) extendedInText.add(whole);
  return events;
}
