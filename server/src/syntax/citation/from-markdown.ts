/** mdast-util-from-markdown extension: citation tokens -> `citation` nodes (see ../types.ts). */
import type { Nodes, Parent, PhrasingContent } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Citation, CitationItem, CitationMode } from '../types.js';
import { parseLocator } from './locator.js';
import { stringifyInline } from './stringify.js';
import './tokens.js';

/** Collects a prefix or suffix's inline nodes while the citation is being built. */
interface Fragment {
  type: 'citationFragment';
  children: Nodes[];
}

interface ItemBuild {
  start: number;
  end: number;
  suppress: boolean;
  key: string;
  keyStart: number;
  keyEnd: number;
  prefix: string;
  suffix: string;
}

interface CitationBuild {
  node: Citation & { children?: Fragment[] };
  items: ItemBuild[];
  /** Citations nested in prefixes/suffixes (`[see @a and @b]`): hoisted after the node. */
  nested: Citation[];
}

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    citationBuilds?: CitationBuild[];
  }
}

export function citationFromMarkdown(): Extension {
  return {
    canContainEols: ['citationFragment'],
    enter: {
      citationGroup: enterGroup,
      citationInText: enterInText,
      citationItem: enterItem,
      citationPrefix: enterFragment,
      citationSuffix: enterFragment,
      citationSemicolon: enterLiteral,
      citationDash: enterLiteral,
      labelMarker: enterLabelMarker,
    },
    exit: {
      citationSemicolon: exitLiteral,
      citationDash: exitLiteral,
      citationGroup: exitCitation,
      citationInText: exitCitation,
      citationItem: exitItem,
      citationPrefix: exitPrefix,
      citationSuffix: exitSuffix,
      citationSuppressMarker: exitSuppress,
      citationKeyMarker: exitKeyStart,
      citationKeyBrace: exitKeyBrace,
      citationKey: exitKey,
    },
  };
}

/** At an image label's `]` (its `[` comes before any content): keep the caption's nodes, which mdast reduces to `alt`. */
function enterLabelMarker(this: CompileContext): undefined {
  const fragment = this.stack[this.stack.length - 1];
  const image = this.stack[this.stack.length - 2];
  if (image?.type === 'image' && fragment && 'children' in fragment && fragment.children.length > 0)
    (image.data ??= {}).caption = [...(fragment.children as PhrasingContent[])];
}

/** A `;` or `-` left outside a group is plain text: handled as micromark's `data`. */
function enterLiteral(this: CompileContext, token: Token): undefined {
  this.config.enter['data']?.call(this, token);
}

function exitLiteral(this: CompileContext, token: Token): undefined {
  this.config.exit['data']?.call(this, token);
}

function builds(context: CompileContext): CitationBuild[] {
  return (context.data.citationBuilds ??= []);
}

function current(context: CompileContext): CitationBuild {
  const build = builds(context).at(-1);
  if (!build) throw new Error('citation token outside a citation');
  return build;
}

function currentItem(context: CompileContext): ItemBuild {
  const item = current(context).items.at(-1);
  if (!item) throw new Error('citation part outside an item');
  return item;
}

function enterGroup(this: CompileContext, token: Token): undefined {
  open(this, token, true);
}

function enterInText(this: CompileContext, token: Token): undefined {
  open(this, token, false);
}

function open(context: CompileContext, token: Token, bracketed: boolean): void {
  const node: CitationBuild['node'] = { type: 'citation', bracketed, items: [], children: [] };
  builds(context).push({ node, items: [], nested: [] });
  // `children` lets the compiler put prefix/suffix fragments in the node; removed on exit.
  context.enter(node as unknown as Nodes, token);
}

function enterItem(this: CompileContext, token: Token): undefined {
  const offset = token.start.offset;
  current(this).items.push({
    start: offset,
    end: token.end.offset,
    suppress: false,
    key: '',
    keyStart: offset,
    keyEnd: offset,
    prefix: '',
    suffix: '',
  });
}

function exitItem(this: CompileContext, token: Token): undefined {
  currentItem(this).end = Math.min(currentItem(this).end, token.end.offset);
}

function enterFragment(this: CompileContext, token: Token): undefined {
  const fragment: Fragment = { type: 'citationFragment', children: [] };
  // Fragments are not mdast content; they only live until the citation exits.
  this.enter(fragment as unknown as Nodes, token);
}

function exitFragment(context: CompileContext, token: Token): { text: string; lead: number; trail: number } {
  const fragment = context.stack.at(-1) as unknown as Fragment;
  context.exit(token);
  collectNested(fragment.children, current(context).nested);
  // Prefix/suffix tokens never start or end with a line ending, so counting characters of the
  // serialized text gives exact offsets even inside block quotes.
  const raw = context.sliceSerialize(token);
  return {
    text: stringifyInline(fragment.children),
    lead: raw.length - raw.replace(/^[ \t]+/u, '').length,
    trail: raw.length - trimEndSpaces(raw).length,
  };
}

/** `raw` without trailing spaces and tabs; a loop, as `/[ \t]+$/` retries every run (quadratic). */
function trimEndSpaces(raw: string): string {
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--;
  return raw.slice(0, end);
}

function exitPrefix(this: CompileContext, token: Token): undefined {
  const item = currentItem(this);
  const { text, lead } = exitFragment(this, token);
  item.prefix = text;
  item.start = token.start.offset + lead;
}

function exitSuffix(this: CompileContext, token: Token): undefined {
  const item = currentItem(this);
  const { text, trail } = exitFragment(this, token);
  item.suffix = text;
  item.end = token.end.offset - trail;
}

function exitSuppress(this: CompileContext): undefined {
  currentItem(this).suppress = true;
}

function exitKeyStart(this: CompileContext, token: Token): undefined {
  const item = currentItem(this);
  item.keyStart = item.keyEnd = token.end.offset;
  item.end = Math.max(item.end, token.end.offset);
}

function exitKeyBrace(this: CompileContext, token: Token): undefined {
  // Only the opening brace moves the (possibly empty) key range; `@{}` has an empty key.
  if (this.sliceSerialize(token) === '{') {
    const item = currentItem(this);
    item.keyStart = item.keyEnd = token.end.offset;
  }
}

function exitKey(this: CompileContext, token: Token): undefined {
  const item = currentItem(this);
  item.key = this.sliceSerialize(token);
  item.keyStart = token.start.offset;
  item.keyEnd = token.end.offset;
}

function exitCitation(this: CompileContext, token: Token): undefined {
  const build = builds(this).pop();
  if (!build) return;
  const { node } = build;
  node.items = build.items.map((item, index): CitationItem => {
    const mode: CitationMode = item.suppress
      ? 'suppress-author'
      : !node.bracketed && index === 0
        ? 'author-in-text'
        : 'normal';
    const locator = parseLocator(item.suffix);
    return {
      key: item.key,
      keyRange: { start: item.keyStart, end: item.keyEnd },
      range: { start: item.start, end: item.end },
      mode,
      prefix: item.prefix,
      suffix: item.suffix,
      ...(locator ? { locator } : {}),
    };
  });
  delete node.children;
  this.exit(token);
  const parent = this.stack.at(-1) as Parent | undefined;
  if (parent && build.nested.length > 0) parent.children.push(...(build.nested as Parent['children']));
}

function collectNested(nodes: readonly Nodes[], into: Citation[]): void {
  for (const node of nodes) {
    if (node.type === 'citation') {
      node.nested = true;
      into.push(node);
    }
    else if ('children' in node) collectNested(node.children as Nodes[], into);
  }
}
