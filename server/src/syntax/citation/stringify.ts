/**
 * Plain text of inline mdast, the way Pandoc's `stringify` flattens a citation prefix or suffix:
 * markup dropped, line breaks as spaces, nested citations as their `@key`.
 */
import type { Nodes } from 'mdast';

export function stringifyInline(nodes: readonly Nodes[]): string {
  return nodes.map(one).join('').replace(/\s+/gu, ' ').trim();
}

function one(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    case 'citation':
      return node.items
        .map((item, index) => (index === 0 && !node.bracketed ? '@' + item.key : [item.prefix, '@' + item.key, item.suffix].filter(Boolean).join(' ')))
        .join('; ');
    default:
      return 'children' in node ? node.children.map((child) => one(child as Nodes)).join('') : '';
  }
}
