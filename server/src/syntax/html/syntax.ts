/** micromark extension: Pandoc's HTML blocks (block.ts) in place of CommonMark's HTML flow, indented code that gives way to them (indented.ts); unclosed inline comments read once (comment-text.ts). */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { htmlBlockElement, htmlBlockTag } from './block.js';
import { unclosedCommentText } from './comment-text.js';
import { htmlIndentedContent } from './indented.js';

export function pandocHtmlSyntax(): Extension {
  return {
    flow: { [codes.lessThan]: [htmlBlockElement, htmlBlockTag] },
    flowInitial: { [codes.horizontalTab]: htmlIndentedContent, [codes.virtualSpace]: htmlIndentedContent, [codes.space]: htmlIndentedContent },
    text: { [codes.lessThan]: unclosedCommentText },
    disable: { null: ['htmlFlow'] },
  };
}
