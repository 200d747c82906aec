/** mdast-util-to-markdown extension: review marks back to CriticMarkup. */
import type { Options, State, Info } from 'mdast-util-to-markdown';
import type { Parents } from 'mdast';
import type { CriticKind, CriticMark, CriticStray } from '../types.js';

export const criticMarkers: Record<CriticKind, readonly [string, string]> = {
  addition: ['{++', '++}'],
  deletion: ['{--', '--}'],
  substitution: ['{~~', '~~}'],
  highlight: ['{==', '==}'],
  comment: ['{>>', '<<}'],
};

export function criticToMarkdown(): Options {
  return { handlers: { criticMark: handleMark, criticStray: handleStray } };
}

function handleMark(node: CriticMark, _parent: Parents | undefined, state: State, info: Info): string {
  const tracker = state.createTracker(info);
  const [open, close] = criticMarkers[node.kind];
  let value = tracker.move(open);
  // A substitution's children are its old and new parts, written around `~>`.
  const parts = node.kind === 'substitution' ? node.children : [node];
  parts.forEach((part, i) => {
    if (i > 0) value += tracker.move('~>');
    if (part.type === 'criticMark') value += tracker.move(state.containerPhrasing(part, { ...tracker.current(), before: value, after: close }));
  });
  value += tracker.move(close);
  return value;
}

function handleStray(node: CriticStray): string {
  return node.value;
}
