/**
 * A document that opens with `---` but never closes a front matter has none, and the rest of it parses
 * as without one: micromark-extension-frontmatter 2.0.0 broke the parser after such a fence (every list
 * and block quote of the document read as a paragraph; micromark/micromark-extension-frontmatter#5),
 * which also made incremental and full analyses disagree on the block kinds. Pandoc is the oracle.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseManuscript } from '../../../server/src/model/manuscript.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { parseInSlices } from '../../../server/src/syntax/sliced.js';
import { hasPandoc } from '../../pandoc.js';

const documents: readonly (readonly [string, readonly string[]])[] = [
  ['---\n\n- a list item\n- another\n\n> a quote\n\n1. one\n2. two\n', ['thematicBreak', 'list', 'blockquote', 'list']],
  ['--- \n- a list item\n', ['thematicBreak', 'list']],
  ['---\nsome text\n\n# Introduction\n\n- a list item\n', ['thematicBreak', 'paragraph', 'heading', 'list']],
  ['\uFEFF---\n\n> a quote\n', ['thematicBreak', 'blockquote']],
  ['---\r\ntitle: never closed\r\n\r\n- a list item\r\n', ['thematicBreak', 'paragraph', 'list']],
  // A closed front matter is front matter, and what follows parses as before.
  ['---\ntitle: T\n---\n\n- a list item\n\n> a quote\n', ['yaml', 'list', 'blockquote']],
];

const kinds = (children: readonly { type: string }[]) => children.map((c) => c.type);

describe('a front matter fence that is never closed', () => {
  it.each(documents)('%j parses into %j', (text, expected) => {
    expect(kinds(parseMarkdown(text).tree.children)).toEqual(expected);
    // A book is parsed in slices: the first slice falls back to the whole text, which must agree.
    expect(kinds(parseInSlices(text, 8).tree.children)).toEqual(expected);
    expect(parseManuscript(text).hasFrontMatter).toBe(expected[0] === 'yaml');
  });

  /** Pandoc's top-level blocks, in mdast's names (metadata is not a block there). */
  const pandocKinds = (text: string): string[] => {
    const out = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: text, encoding: 'utf8' });
    const names: Record<string, string> = { HorizontalRule: 'thematicBreak', BulletList: 'list', OrderedList: 'list', BlockQuote: 'blockquote', Para: 'paragraph', Plain: 'paragraph', Header: 'heading' };
    return (JSON.parse(out.stdout) as { blocks: { t: string }[] }).blocks.map((b) => names[b.t] ?? b.t);
  };

  it.skipIf(!hasPandoc).each(documents)(`%j: the blocks Pandoc reads${hasPandoc ? '' : ' (skipped: pandoc not installed)'}`, (text, expected) => {
    expect(pandocKinds(text)).toEqual(expected.filter((k) => k !== 'yaml'));
  });
});
