/**
 * Which link and footnote definitions a piece of text has, and which it may refer to. A slice parsed apart from its
 * document (syntax/sliced.ts, syntax/incremental.ts) is given stubs of the definitions elsewhere, so that
 * its references resolve as in the whole; giving it every definition made a document with 20,000
 * footnotes parse each slice with 20,000 stubs (an open took minutes, a keystroke seconds). Only the
 * definitions whose label occurs in the slice as a bracketed text can matter to it.
 */
import type { Nodes } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';

/** CommonMark's longest label. */
export const MAX_LABEL = 999;

export type Definition = { type: 'definition' | 'footnoteDefinition'; label: string; identifier: string };

/** Link and footnote definitions among these blocks and the containers in them (not in paragraphs). */
export function definitions(nodes: readonly Nodes[]): Definition[] {
  const found: Definition[] = [];
  const stack = [...nodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition' || node.type === 'footnoteDefinition')
      found.push({ type: node.type, label: node.label ?? node.identifier, identifier: node.identifier });
    if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'footnoteDefinition')
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

/**
 * The normalised content of every `[…]` in `text` with no bracket inside and at most 999 characters (a
 * reference's label cannot hold an unescaped bracket), keyed as `labelKey` keys a definition: a superset
 * of the labels of its full, collapsed and shortcut references and of its footnote calls. A label that
 * runs over lines in a block quote has the quote's markers removed, as micromark reads it.
 */
export function referencedLabels(text: string): Set<string> {
  const found = new Set<string>();
  for (let close = text.indexOf(']'); close >= 0; close = text.indexOf(']', close + 1)) {
    let open = close - 1;
    let lines = false;
    for (; open >= 0 && close - open <= MAX_LABEL + 1; open--) {
      const c = text.charCodeAt(open);
      if (c === 0x5b || c === 0x5d) break; // [ ]
      if (c === 10 || c === 13) lines = true;
    }
    if (open < 0 || text.charCodeAt(open) !== 0x5b) continue;
    let content = text.slice(open + 1, close);
    if (lines) content = content.replace(/(\r\n|\r|\n)[ \t]*(?:>[ \t]?)*/g, '\n');
    found.add(normalizeIdentifier(content));
    if (content.startsWith('^')) found.add('^' + normalizeIdentifier(content.slice(1)));
  }
  return found;
}

/** A definition's key in `referencedLabels`: `^` before a footnote's normalised label. */
export function labelKey(footnote: boolean, label: string): string {
  return (footnote ? '^' : '') + normalizeIdentifier(label);
}

/**
 * Whether a text whose `referencedLabels` are `found` may refer to the definition labelled `label` (as
 * written, without brackets). A label holding a bracket or a backslash (an escape) is not read back
 * reliably by the scan, so it is always assumed to be referred to.
 */
export function mayRefer(found: ReadonlySet<string>, footnote: boolean, label: string): boolean {
  return /[[\]\\]/.test(label) || found.has(labelKey(footnote, label));
}
