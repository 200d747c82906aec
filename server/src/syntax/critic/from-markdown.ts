/** mdast-util-from-markdown extension: CriticMarkup tokens -> `criticMark` and `criticStray` nodes. */
import type { Nodes } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { CriticMark, CriticStray } from '../types.js';
import { kindOf } from './tokens.js';

/** Openers and closers are three characters (`{++`, `++}`); `~>` lies inside a substitution's content. */
const MARKER_LENGTH = 3;

export function criticFromMarkdown(): Extension {
  return {
    canContainEols: ['criticMark'],
    enter: { criticMark: enterMark, criticOpen: enterStray, criticClose: enterStray },
    exit: { criticMark: exitMark, criticOpen: exitStray, criticClose: exitStray },
  };
}

function enterMark(this: CompileContext, token: Token): undefined {
  const kind = kindOf.get(token) ?? 'comment';
  const parent = this.stack.at(-1);
  // The parts of a substitution carry no markers: their content is the whole token.
  const part = parent?.type === 'criticMark' && parent.kind === 'substitution';
  const trim = part ? 0 : MARKER_LENGTH;
  const node: CriticMark = {
    type: 'criticMark',
    kind,
    children: [],
    contentRange: { start: token.start.offset + trim, end: token.end.offset - trim },
  };
  this.enter(node as Nodes, token);
}

function exitMark(this: CompileContext, token: Token): undefined {
  this.exit(token);
}

function enterStray(this: CompileContext, token: Token): undefined {
  const node: CriticStray = {
    type: 'criticStray',
    kind: kindOf.get(token) ?? 'comment',
    side: token.type === 'criticOpen' ? 'open' : 'close',
    value: this.sliceSerialize(token),
  };
  this.enter(node as Nodes, token);
}

function exitStray(this: CompileContext, token: Token): undefined {
  this.exit(token);
}
