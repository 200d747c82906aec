/** micromark extension: Pandoc's HTML blocks (block.ts) in place of CommonMark's HTML flow. */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { htmlBlockElement, htmlBlockTag } from './block.js';

export function pandocHtmlSyntax(): Extension {
  return {
    flow: { [codes.lessThan]: [htmlBlockElement, htmlBlockTag] },
    disable: { null: ['htmlFlow'] },
  };
}
