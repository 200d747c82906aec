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
import { blankRanges, guardNesting, nonBlankRuns } from './nesting.js';
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

/**
 * `text` parsed, never throwing. Blocks nested too deep for the parser are blanked out and reported
 * (nesting.ts). Should the parser still throw, the blocks it throws on are found and blanked the same
 * way, each reported, so that one block the parser cannot read does not silence the document; only when
 * no block alone throws does the whole document become one error. `parse` and `parseBlock` are the
 * parser of a whole document and of a block (the tests inject failures through them).
 */
export function parseMarkdown(
  text: string,
  parse: (text: string) => Root = parseDocument,
  parseBlock: (text: string) => Root = parseBody,
): { tree: Root; errors: SyntaxError[] } {
  let guarded = text;
  const errors: SyntaxError[] = [];
  try {
    const guard = guardNesting(text);
    guarded = guard.text;
    errors.push(...guard.setAside.map(({ message, range }) => ({ message, range })));
    return { tree: parse(guarded), errors };
  } catch (error) {
    const failing = failingBlocks(guarded, parseBlock);
    if (failing.length) {
      const blanked = blankRanges(guarded, failing.map((f) => f.range));
      try {
        const all = [...errors, ...failing].sort((a, b) => a.range.start - b.range.start);
        return { tree: parse(blanked), errors: all };
      } catch {
        // Read as a whole, the rest fails too: the document is one error (below).
      }
    }
    return {
      tree: { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } },
      errors: [{ message: `Markdown parser failed: ${messageOf(error)}`, range: { start: 0, end: text.length } }],
    };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The runs of non-blank lines (blocks, near enough) that the parser throws on when it reads each alone,
 * with why. Only reached when a whole parse threw: each block is parsed once, so it stays linear.
 */
function failingBlocks(text: string, parseBlock: (text: string) => Root): SyntaxError[] {
  const out: SyntaxError[] = [];
  for (const range of nonBlankRuns(text)) {
    try {
      parseBlock(text.slice(range.start, range.end));
    } catch (error) {
      out.push({ message: `The Markdown parser failed on this block (${messageOf(error)}); Marginalia does not analyse it`, range });
    }
  }
  return out;
}

let stringifier: ReturnType<typeof createProcessor> | undefined;

/** mdast -> Pandoc Markdown (used for round trips and quick fixes). */
export function stringifyMarkdown(tree: Root): string {
  // The plugins registered their to-markdown halves on the processor, as for remark-stringify.
  const extensions: ToMarkdownOptions[] = (stringifier ??= createProcessor().freeze()).data().toMarkdownExtensions ?? [];
  return toMarkdown(tree, { extensions });
}
