/**
 * mdast-util-to-markdown extension: `citation` nodes back to Pandoc Markdown. Prefixes and
 * suffixes are stored as plain text, so markup inside them (`[*see* @a]`) comes back plain.
 */
import type { Info, Options, State } from 'mdast-util-to-markdown';
import type { Citation, CitationItem } from '../types.js';
import { isSimpleKey } from './key.js';

export function citationToMarkdown(): Options {
  return {
    handlers: { citation: handleCitation },
    unsafe: [
      // Literal `@` before a key character (text that was `\@a` or `foo@bar`) must not become one.
      { character: '@', after: '[^\\s]', inConstruct: 'phrasing' },
      { character: ';', inConstruct: 'label' },
    ],
  };
}

function handleCitation(node: Citation, _parent: unknown, _state: State, info: Info): string {
  // A nested citation is written as part of the prefix/suffix of the one that contains it.
  return node.nested ? '' : serializeCitation(node, info.after);
}

/** `after` is the character that will follow: `@{x}y` must keep its braces. */
export function serializeCitation(node: Citation, after = ''): string {
  const [first, ...rest] = node.items;
  if (!first) return '';
  if (node.bracketed) return '[' + node.items.map(serializeItem).join('; ') + ']';
  const bracket = [first.suffix ? escapeText(first.suffix) : '', ...rest.map(serializeItem)].filter(Boolean);
  if (bracket.length > 0) return reference(first.key) + ' [' + bracket.join('; ') + ']';
  return /^[\p{L}\p{N}_:.#$%&\-+?<>~/]/u.test(after) ? '@{' + first.key + '}' : reference(first.key);
}

function serializeItem(item: CitationItem): string {
  let value = item.prefix ? escapeText(item.prefix) + ' ' : '';
  value += (item.mode === 'suppress-author' ? '-' : '') + reference(item.key);
  if (item.suffix) value += (/^[,.;:]/u.test(item.suffix) ? '' : ' ') + escapeText(item.suffix);
  return value;
}

function reference(key: string): string {
  return isSimpleKey(key) ? '@' + key : '@{' + key + '}';
}

/**
 * Prefix/suffix text: keep brackets, `;` and markup characters literal. `@` stays unescaped so a
 * nested citation (`[see @a and @b]`) is one again after a round trip.
 */
function escapeText(text: string): string {
  return text.replace(/[\\[\]`*_;<&{}]/gu, (char) => '\\' + char);
}
