import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { listCitations } from '../../../server/src/syntax/citations.js';
import type { BracketedSpan } from '../../../server/src/syntax/types.js';
import type { OffsetRange } from '../../../server/src/text/range.js';

/** Citations of `input` with every range replaced by the text it covers. */
export function cites(input: string) {
  const { tree, errors } = parseMarkdown(input);
  if (errors.length > 0) throw new Error(errors[0]!.message);
  const slice = (range: OffsetRange) => input.slice(range.start, range.end);
  return listCitations(tree).map((c) => ({
    key: c.key,
    mode: c.mode,
    ...(c.prefix ? { prefix: c.prefix } : {}),
    ...(c.suffix ? { suffix: c.suffix } : {}),
    ...(c.locator ? { locator: c.locator } : {}),
    keyText: slice(c.keyRange),
    group: slice(c.groupRange),
    ...(c.bracketed ? {} : { inText: true }),
    ...(c.editorial ? { editorial: true } : {}),
  }));
}

export function keys(input: string): string[] {
  return listCitations(parseMarkdown(input).tree).map((c) => c.key);
}

export function spans(tree: Root): BracketedSpan[] {
  const found: BracketedSpan[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'bracketedSpan') found.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return found;
}

/** Spans of `input` with ranges replaced by their text. */
export function spanTexts(input: string) {
  const slice = (range: OffsetRange) => input.slice(range.start, range.end);
  return spans(parseMarkdown(input).tree).map((span) => ({
    whole: slice({ start: span.position!.start.offset!, end: span.position!.end.offset! }),
    content: slice(span.contentRange),
    attributes: slice(span.attributesRange),
    ...(span.attributes.id ? { id: slice(span.attributes.id.range) } : {}),
    classes: span.attributes.classes.map((c) => c.value + (slice(c.range) === c.value ? '' : ` (${slice(c.range)})`)),
    pairs: span.attributes.pairs.map((p) => `${slice(p.keyRange)}=${slice(p.valueRange)} [${slice(p.range)}]`),
    errors: span.attributes.errors.map((e) => `${e.message} [${slice(e.range)}]`),
    children: span.children.map((c) => c.type),
  }));
}
