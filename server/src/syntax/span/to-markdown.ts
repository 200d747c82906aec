/** mdast-util-to-markdown extension: `bracketedSpan` nodes back to `[content]{attributes}`. */
import type { Options, State, Info } from 'mdast-util-to-markdown';
import type { Parents } from 'mdast';
import type { BracketedSpan, SpanAttributes } from '../types.js';

export function spanToMarkdown(): Options {
  return { handlers: { bracketedSpan: handleSpan } };
}

function handleSpan(node: BracketedSpan, _parent: Parents | undefined, state: State, info: Info): string {
  const tracker = state.createTracker(info);
  const exit = state.enter('label');
  let value = tracker.move('[');
  value += tracker.move(state.containerPhrasing(node, { ...tracker.current(), before: value, after: ']' }));
  value += tracker.move(']' + serializeAttributes(node.attributes));
  exit();
  return value;
}

export function serializeAttributes(attributes: SpanAttributes): string {
  const parts: string[] = [];
  if (attributes.id) parts.push('#' + attributes.id.value);
  for (const name of attributes.classes) parts.push('.' + name.value);
  for (const pair of attributes.pairs) parts.push(pair.key + '=' + quote(pair.value));
  return '{' + parts.join(' ') + '}';
}

function quote(value: string): string {
  return value !== '' && /^[^\s"'}{\]]+$/u.test(value) ? value : '"' + value.replace(/["\\]/gu, '\\$&') + '"';
}
