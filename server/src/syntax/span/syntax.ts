/** micromark extension for Pandoc bracketed spans (`[content]{#id .class key=value}`). */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { bracketedSpanEnd } from './end.js';

export function pandocSpanSyntax(): Extension {
  return { text: { [codes.rightSquareBracket]: bracketedSpanEnd } };
}
