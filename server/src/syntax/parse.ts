/**
 * Markdown -> mdast for Marginalia: CommonMark + YAML front matter + GFM (footnotes, tables, ...)
 * + Pandoc citations and bracketed spans. Never throws.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { toMarkdown, type Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import type { OffsetRange } from '../text/range.js';
import { remarkPandoc } from './remark-pandoc.js';
import { guardNesting } from './nesting.js';
import { HtmlRetries } from './html/retries.js';
import './types.js';

export interface SyntaxError {
  readonly message: string;
  readonly range: OffsetRange;
}

export { remarkPandoc };

/**
 * The processor used by `parseMarkdown` (parsing only; see `stringifyMarkdown`). With `htmlRetries`, HTML
 * blocks that fail after their first line are reported there (syntax/html/retries.ts).
 */
export function createProcessor(htmlRetries?: HtmlRetries) {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkPandoc, { htmlRetries });
}

/** The same processor without front matter, which only exists at a document's start. */
function createBodyProcessor(htmlRetries?: HtmlRetries) {
  return unified().use(remarkParse).use(remarkGfm).use(remarkPandoc, { htmlRetries });
}

/** A frozen processor and the retries its HTML blocks report to, made once. */
interface Parser {
  readonly processor: { parse(text: string): Root };
  readonly retries: HtmlRetries;
}

let shared: Parser | undefined;
let sharedBody: Parser | undefined;

function parser(create: (retries: HtmlRetries) => { freeze(): { parse(text: string): Root } }): Parser {
  const retries = new HtmlRetries();
  return { processor: create(retries).freeze(), retries };
}

/** `text` parsed, again while HTML blocks fail after their first line (syntax/html/retries.ts). */
function parseWith(p: Parser, text: string): Root {
  return p.retries.settle(() => p.processor.parse(text));
}

/**
 * Parses a slice of a document that does not start it (syntax/incremental.ts): a leading `---` is a
 * thematic break there, not front matter. No nesting guard: the caller guards the whole text. Throws
 * what the parser throws.
 */
export function parseBody(text: string): Root {
  return parseWith((sharedBody ??= parser(createBodyProcessor)), text);
}

/** Parses a whole document (front matter included) without the nesting guard; throws what the parser throws. */
export function parseDocument(text: string): Root {
  const tree = parseWith((shared ??= parser(createProcessor)), text);
  // A document that opens with a front matter fence never closed has no front matter, and is parsed as
  // one without: micromark-extension-frontmatter 2.0.0 leaves the parser broken after such a fence, every
  // later list and block quote read as a paragraph (micromark/micromark-extension-frontmatter#5).
  if (tree.children[0]?.type !== 'yaml' && OPENING_FENCE.test(text)) return parseBody(text);
  return tree;
}

/** A first line the front matter construct takes for its opening fence (micromark skips a byte order mark). */
const OPENING_FENCE = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;

export function parseMarkdown(text: string): { tree: Root; errors: SyntaxError[] } {
  try {
    // Blocks nested too deep for the parser are blanked out and reported (see nesting.ts).
    const guard = guardNesting(text);
    return { tree: parseDocument(guard.text), errors: guard.setAside.map(({ message, range }) => ({ message, range })) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      tree: { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } },
      errors: [{ message: `Markdown parser failed: ${message}`, range: { start: 0, end: text.length } }],
    };
  }
}

let stringifier: ReturnType<typeof createProcessor> | undefined;

/** mdast -> Pandoc Markdown (used for round trips and quick fixes). */
export function stringifyMarkdown(tree: Root): string {
  // The plugins registered their to-markdown halves on the processor, as for remark-stringify.
  const extensions: ToMarkdownOptions[] = (stringifier ??= createProcessor().freeze()).data().toMarkdownExtensions ?? [];
  return toMarkdown(tree, { extensions });
}
