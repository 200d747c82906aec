/** micromark extension: Pandoc's HTML blocks (block.ts) in place of CommonMark's HTML flow; unclosed inline comments read once (comment-text.ts). */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { htmlBlockElement, htmlBlockTag } from './block.js';
import { unclosedCommentText } from './comment-text.js';

export function pandocHtmlSyntax(): Extension {
  return {
    flow: { [codes.lessThan]: [htmlBlockElement, htmlBlockTag] },
    text: { [codes.lessThan]: unclosedCommentText },
    disable: { null: ['htmlFlow'] },
  };
}
