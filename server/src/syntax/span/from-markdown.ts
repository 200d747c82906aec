/** mdast-util-from-markdown extension: bracketed-span tokens -> `bracketedSpan` nodes. */
import type { Nodes } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { BracketedSpan } from '../types.js';
import { parseAttributes } from './attributes.js';
import './tokens.js';

export function spanFromMarkdown(): Extension {
  return {
    canContainEols: ['bracketedSpan'],
    enter: { bracketedSpan: enterSpan },
    exit: { bracketedSpan: exitSpan, bracketedSpanAttributes: exitAttributes },
  };
}

function enterSpan(this: CompileContext, token: Token): undefined {
  const start = token.start.offset;
  const node: BracketedSpan = {
    type: 'bracketedSpan',
    children: [],
    attributes: { classes: [], pairs: [], errors: [] },
    contentRange: { start: start + 1, end: start + 1 },
    attributesRange: { start: start + 1, end: start + 1 },
  };
  this.enter(node as Nodes, token);
}

function exitAttributes(this: CompileContext, token: Token): undefined {
  const node = this.stack.at(-1) as BracketedSpan;
  // The block is on one line (see end.ts), so string indices map straight to offsets.
  node.attributes = parseAttributes(this.sliceSerialize(token), token.start.offset);
  node.attributesRange = { start: token.start.offset, end: token.end.offset };
  node.contentRange = { start: node.contentRange.start, end: token.start.offset - 1 };
}

function exitSpan(this: CompileContext, token: Token): undefined {
  this.exit(token);
}
