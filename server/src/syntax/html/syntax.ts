/** micromark extension: Pandoc's HTML blocks (block.ts) in place of CommonMark's HTML flow, indented code that gives way to them (indented.ts); unclosed inline comments read once (comment-text.ts). */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { htmlBlockConstructs } from './block.js';
import { unclosedCommentText } from './comment-text.js';
import { htmlIndentedContent } from './indented.js';
import type { HtmlRetries } from './retries.js';

/** `retries`: where HTML blocks that fail after their first line are reported (retries.ts). */
export function pandocHtmlSyntax(retries?: HtmlRetries): Extension {
  return {
    flow: { [codes.lessThan]: htmlBlockConstructs(retries) },
    flowInitial: { [codes.horizontalTab]: htmlIndentedContent, [codes.virtualSpace]: htmlIndentedContent, [codes.space]: htmlIndentedContent },
    text: { [codes.lessThan]: unclosedCommentText },
    disable: { null: ['htmlFlow'] },
  };
}
