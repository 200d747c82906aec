/**
 * No indented code on the line right after a line that opens an HTML block element (`<td>`, `<p>`
 * alone on their line, or last on a tag line). Pandoc's `rawHtmlBlocks` (with `markdown_in_html_blocks`,
 * its default) takes the indentation of that next line as the element's own and strips it from each
 * block inside, so
 *
 *     <td>
 *         Text [@a]
 *
 * is a paragraph that cites, not code. Pandoc strips the same indentation from the element's later blocks
 * too (after a blank line); those stay code here if indented by four or more (a known difference,
 * docs/robustness.md). An element whose opening tag is followed by a blank line has no indentation of its
 * own, to Pandoc as here.
 */
import type { Code, Construct, ParseContext, State, TokenizeContext } from 'micromark-util-types';
import { content } from 'micromark-core-commonmark';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';

/** Per parse: the offsets where a line opening an HTML element ends (html/block.ts records them). */
export const openingLineEnds = new WeakMap<ParseContext, Set<number>>();

export function recordOpeningLine(parser: ParseContext, end: number): void {
  let ends = openingLineEnds.get(parser);
  if (!ends) openingLineEnds.set(parser, (ends = new Set()));
  ends.add(end);
}

/** Whether the flow so far ends with an HTML block that opened an element, then a line ending. */
function afterOpeningLine(self: TokenizeContext): boolean {
  const events = self.events;
  const n = events.length;
  if (n < 3) return false;
  const [lineExit, lineEnter, html] = [events[n - 1]!, events[n - 2]!, events[n - 3]!];
  if (lineExit[0] !== 'exit' || lineExit[1].type !== types.lineEnding || lineEnter[1].type !== types.lineEnding) return false;
  if (html[0] !== 'exit' || html[1].type !== types.htmlFlow) return false;
  return openingLineEnds.get(self.parser)?.has(html[1].end.offset) === true;
}

/**
 * Tried before micromark's `codeIndented` (which stays enabled: other constructs limit their indentation
 * by its presence): right after an element's opening line, the indentation is a line prefix and the line
 * is read as any unindented line (flow constructs, else a paragraph), as micromark's flow does.
 */
export const htmlIndentedContent: Construct = {
  name: 'pandocHtmlIndentedContent',
  tokenize(effects, ok, nok) {
    const self = this;
    return start;

    function start(code: Code): State | undefined {
      if (!markdownSpace(code) || !afterOpeningLine(self)) return nok(code);
      effects.enter(types.linePrefix);
      return prefix(code);
    }

    function prefix(code: Code): State | undefined {
      if (markdownSpace(code)) {
        effects.consume(code);
        return prefix;
      }
      effects.exit(types.linePrefix);
      if (code === codes.eof || markdownLineEnding(code)) return nok(code);
      // A fence here could not close: micromark allows a closing fence three spaces of indentation,
      // where Pandoc strips the element's own first. As a paragraph, its code is one code span.
      if (code === codes.graveAccent || code === codes.tilde) return effects.attempt(content, ok, nok)(code);
      return effects.attempt(self.parser.constructs.flow, ok, effects.attempt(content, ok, nok))(code);
    }
  },
};
