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
import './types.js';

export interface SyntaxError {
  readonly message: string;
  readonly range: OffsetRange;
}

export { remarkPandoc };

/** The processor used by `parseMarkdown` (parsing only; see `stringifyMarkdown`). */
export function createProcessor() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkPandoc);
}

let shared: ReturnType<typeof createProcessor> | undefined;

function processor(): ReturnType<typeof createProcessor> {
  return (shared ??= createProcessor().freeze());
}

/** The same processor without front matter, which only exists at a document's start. */
function createBodyProcessor() {
  return unified().use(remarkParse).use(remarkGfm).use(remarkPandoc);
}

let sharedBody: ReturnType<typeof createBodyProcessor> | undefined;

/**
 * Parses a slice of a document that does not start it (syntax/incremental.ts): a leading `---` is a
 * thematic break there, not front matter. No nesting guard: the caller guards the whole text. Throws
 * what the parser throws.
 */
export function parseBody(text: string): Root {
  return (sharedBody ??= createBodyProcessor().freeze()).parse(text);
}

/** Parses a whole document (front matter included) without the nesting guard; throws what the parser throws. */
export function parseDocument(text: string): Root {
  return processor().parse(text);
}

export function parseMarkdown(text: string): { tree: Root; errors: SyntaxError[] } {
  try {
    // Blocks nested too deep for the parser are blanked out and reported (see nesting.ts).
    const guard = guardNesting(text);
    return { tree: processor().parse(guard.text), errors: guard.setAside.map(({ message, range }) => ({ message, range })) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      tree: { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } },
      errors: [{ message: `Markdown parser failed: ${message}`, range: { start: 0, end: text.length } }],
    };
  }
}

/** mdast -> Pandoc Markdown (used for round trips and quick fixes). */
export function stringifyMarkdown(tree: Root): string {
  // The plugins registered their to-markdown halves on the processor, as for remark-stringify.
  const extensions: ToMarkdownOptions[] = processor().data().toMarkdownExtensions ?? [];
  return toMarkdown(tree, { extensions });
}
