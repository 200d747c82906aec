/**
 * remark plugin: Pandoc citations, bracketed spans, CriticMarkup review marks, and Pandoc's HTML blocks and link destinations. Registers the micromark syntax, the
 * mdast-util-from-markdown and the mdast-util-to-markdown extensions, the way remark-gfm does.
 */
import type { Processor } from 'unified';
import type { Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import { pandocCitationSyntax } from './citation/syntax.js';
import { citationFromMarkdown } from './citation/from-markdown.js';
import { citationToMarkdown } from './citation/to-markdown.js';
import { pandocSpanSyntax } from './span/syntax.js';
import { spanFromMarkdown } from './span/from-markdown.js';
import { spanToMarkdown } from './span/to-markdown.js';
import { criticMarkupSyntax } from './critic/syntax.js';
import { criticFromMarkdown } from './critic/from-markdown.js';
import { criticToMarkdown } from './critic/to-markdown.js';
import { pandocHtmlSyntax } from './html/syntax.js';
import { pandocLinkSyntax } from './link/syntax.js';
import type { HtmlRetries } from './html/retries.js';

declare module 'unified' {
  interface Data {
    /** Also declared by remark-stringify, which this project does not depend on. */
    toMarkdownExtensions?: ToMarkdownOptions[];
  }
}

export interface RemarkPandocOptions {
  /** Where HTML blocks that fail after their first line are reported, for the caller to parse again (syntax/html/retries.ts). */
  readonly htmlRetries?: HtmlRetries;
}

export function remarkPandoc(this: Processor, options: RemarkPandocOptions = {}): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(pandocSpanSyntax(), pandocCitationSyntax(), criticMarkupSyntax(), pandocHtmlSyntax(options.htmlRetries), pandocLinkSyntax());
  (data.fromMarkdownExtensions ??= []).push(spanFromMarkdown(), citationFromMarkdown(), criticFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(spanToMarkdown(), citationToMarkdown(), criticToMarkdown());
}

export { pandocCitationSyntax, citationFromMarkdown, citationToMarkdown, pandocSpanSyntax, spanFromMarkdown, spanToMarkdown };
