/** micromark extension: Pandoc's link destinations (destination.ts), where CommonMark's fail. */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { pandocLinkEnd } from './destination.js';

export function pandocLinkSyntax(): Extension {
  return { text: { [codes.rightSquareBracket]: pandocLinkEnd } };
}
