/**
 * HTML blocks as Pandoc 2.17's Markdown reader reads them (`htmlBlock` without `markdown_in_html_blocks`),
 * replacing CommonMark's seven kinds of HTML flow (micromark's `htmlFlow`, disabled in syntax.ts):
 *
 * - a block starts only with a block tag (tags.ts), an HTML comment or a processing instruction, at the
 *   start of a line (no indentation), and never inside a paragraph: Pandoc's paragraphs run on over HTML
 *   lines, which become inline HTML (`<a name="x"></a>` then `<table>` is one paragraph). A comment
 *   (`<!--`) at the start of a line is the exception: Pandoc reads it as inline HTML in the paragraph,
 *   blank lines and all, where micromark's inline HTML stops at a blank line; as a block it hides the
 *   same text;
 * - a block tag such as `<table>` or `<p>` takes everything up to its balanced closing tag, blank lines
 *   included (`htmlInBalanced`); without one, or for `<div>`, `<video>`, a closing tag alone, a comment
 *   or `<?…?>`, the block is that tag alone;
 * - the block ends with the line its last tag ends on; the next line starts a new block (CommonMark's
 *   kinds 6 and 7 run on to a blank line).
 *
 * Where Pandoc starts a new block after the tag on the same line (`<!-- note --> Text [@a]`,
 * `<video> Text`), the line is left to the paragraph, where the tag is inline HTML: the same text and
 * citations. After a balanced closing tag the rest of the line stays in the block (Pandoc reads it as a
 * new paragraph; micromark blocks end at line ends): a difference kept, tested in
 * test/server/syntax/pandoc-html.test.ts.
 */
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { asciiAlpha, asciiAlphanumeric, markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import { runsToClosingTag, startsHtmlBlock } from './tags.js';
import { searched, searchedIn, type Unclosed } from './searched.js';

/** A block tag up to its balanced closing tag (tried first). */
export const htmlBlockElement: Construct = { name: 'pandocHtmlBlockElement', tokenize: tokenizeElement, concrete: true };

/** A block tag, comment or processing instruction alone on its line(s). */
export const htmlBlockTag: Construct = { name: 'pandocHtmlBlockTag', tokenize: tokenizeTag, concrete: true };

/** Longest tag name read (the longest block tag is 16 characters). */
const MAX_NAME = 32;

/** Longest opening tag read, attributes included: a longer one is text (keeps unclosed `<table …` lines linear). */
const MAX_TAG = 1000;

/** A line ending before a line of the same container (micromark's own is not exported). */
const nonLazyContinuation: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    const self = this;
    return (code) => {
      if (!markdownLineEnding(code)) return nok(code);
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return (next) => (self.parser.lazy[self.now().line] ? nok(next) : ok(next));
    };
  },
};

function tokenizeElement(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenizeHtml(this, effects, ok, nok, true);
}

function tokenizeTag(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenizeHtml(this, effects, ok, nok, false);
}

function tokenizeHtml(self: TokenizeContext, effects: Effects, ok: State, nok: State, element: boolean): State {
  let name = '';
  let closing = false;
  let quote: Code = null;
  let previous: Code = null;
  /** The balanced search: depth of the element's own name, and the name-tags met (offset, +1/-1). */
  let depth = 0;
  let found = '';
  /** Dashes right before, in a comment (`-->` ends it). */
  let dashes = 0;
  let opener = 0;
  const events: { offset: number; delta: number }[] = [];
  let tagAt = 0;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.lessThan) return nok(code);
    // Indented by one to three spaces: Pandoc reads a paragraph (its `htmlTag` wants `<` first).
    const tail = self.events[self.events.length - 1];
    if (tail && tail[1].type === types.linePrefix) return nok(code);
    opener = self.now().offset;
    effects.enter(types.htmlFlow);
    effects.enter(types.htmlFlowData);
    effects.consume(code);
    return open;
  }

  function open(code: Code): State | undefined {
    // Only a comment may follow a paragraph's line (see the header).
    if (self.interrupt && code !== codes.exclamationMark) return nok(code);
    if (code === codes.exclamationMark) {
      effects.consume(code);
      return commentOpen(2);
    }
    if (code === codes.questionMark) {
      if (element || knownUnclosed('instruction')) return nok(code);
      effects.consume(code);
      return instruction;
    }
    if (code === codes.slash) {
      if (element) return nok(code);
      effects.consume(code);
      closing = true;
      return nameStart;
    }
    return nameStart(code);
  }

  function commentOpen(left: number): State {
    return (code) => {
      if (element || code !== codes.dash) return nok(code);
      effects.consume(code);
      if (left === 2) return commentOpen(1);
      return knownUnclosed('comment') ? nok : comment;
    };
  }

  /** Whether a search from an earlier marker already passed this one and found no end. */
  function knownUnclosed(kind: Unclosed): boolean {
    const before = searched.get(self.parser)?.unclosed.get(kind);
    return before !== undefined && before.from < opener && opener < before.to;
  }

  function unclosed(kind: Unclosed): State {
    return (code) => {
      searchedIn(self.parser).unclosed.set(kind, { from: opener, to: self.now().offset });
      return nok(code);
    };
  }

  /** In `<!-- … -->`, up to the first `-->` (blank lines included); unclosed, it is text to Pandoc. */
  function comment(code: Code): State | undefined {
    if (code === codes.eof) return unclosed('comment')(code);
    if (markdownLineEnding(code)) return across(comment, unclosed('comment'))(code);
    if (code === codes.greaterThan && dashes >= 2) return afterTag(code);
    dashes = code === codes.dash ? dashes + 1 : 0;
    effects.consume(code);
    return comment;
  }

  /** `<?…>` (`<?xml …?>`): up to `>`. */
  function instruction(code: Code): State | undefined {
    if (code === codes.eof) return unclosed('instruction')(code);
    if (markdownLineEnding(code)) return across(instruction, unclosed('instruction'))(code);
    if (code === codes.greaterThan) return afterTag(code);
    effects.consume(code);
    return instruction;
  }

  function nameStart(code: Code): State | undefined {
    if (!asciiAlpha(code)) return nok(code);
    return tagName(code);
  }

  function tagName(code: Code): State | undefined {
    if (code !== null && (asciiAlphanumeric(code) || code === codes.dash || code === codes.underscore || code === codes.colon)) {
      if (name.length >= MAX_NAME) return nok(code);
      name += String.fromCharCode(code).toLowerCase();
      effects.consume(code);
      return tagName;
    }
    const ends = code === codes.eof || code === codes.greaterThan || code === codes.slash || markdownSpace(code) || markdownLineEnding(code);
    if (!ends || !startsHtmlBlock(name)) return nok(code);
    if (element && !runsToClosingTag(name)) return nok(code);
    if (element) {
      // A search that already passed this opener knows whether it closes.
      const known = searched.get(self.parser)?.closes.get(name)?.get(opener);
      if (known === false) return nok(code);
    }
    return attributes(code);
  }

  /** Up to the tag's `>`, over quoted values and line endings. */
  function attributes(code: Code): State | undefined {
    if (code === codes.eof || self.now().offset - opener > MAX_TAG) return nok(code);
    if (markdownLineEnding(code)) return across(attributes, nok)(code);
    if (quote === null && code === codes.greaterThan) {
      if (closing || !element) return afterTag(code);
      // `<table/>` is closed already: the tag-only construct has it.
      if (previous === codes.slash) return nok(code);
      effects.consume(code);
      depth = 1;
      events.push({ offset: opener, delta: 1 });
      return search;
    }
    if (closing && !markdownSpace(code)) return nok(code);
    if (quote !== null && code === quote) quote = null;
    else if (quote === null && (code === codes.quotationMark || code === codes.apostrophe)) quote = code;
    previous = code;
    effects.consume(code);
    return attributes;
  }

  /** At the `>` ending a tag, comment or instruction: only spaces may follow on the line. */
  function afterTag(code: Code): State | undefined {
    effects.consume(code);
    return rest(false);
  }

  /** The rest of the line: blank, or (after a balanced closing tag) anything. */
  function rest(anything: boolean): State {
    const state = (code: Code): State | undefined => {
      if (code === codes.eof || markdownLineEnding(code)) {
        effects.exit(types.htmlFlowData);
        effects.exit(types.htmlFlow);
        return ok(code);
      }
      if (!anything && !markdownSpace(code)) return nok(code);
      effects.consume(code);
      return state;
    };
    return state;
  }

  // The balanced search: tags of the element's own name open and close it; comments hide tags.

  function search(code: Code): State | undefined {
    if (code === codes.eof) return stopSearch(code);
    if (markdownLineEnding(code)) return across(search, stopSearch)(code);
    effects.consume(code);
    if (code !== codes.lessThan) return search;
    tagAt = self.now().offset - 1;
    found = '';
    return searchTag;
  }

  /** After `<` in the element: its own name opens, `/` and its name closes, `!--` starts a comment. */
  function searchTag(code: Code): State | undefined {
    if (code === codes.slash) {
      effects.consume(code);
      return searchName(-1);
    }
    if (code === codes.exclamationMark) {
      effects.consume(code);
      return searchCommentOpen(2);
    }
    return searchName(1)(code);
  }

  function searchName(delta: number): State {
    const state = (code: Code): State | undefined => {
      if (code !== null && (asciiAlphanumeric(code) || code === codes.dash || code === codes.underscore || code === codes.colon) && found.length <= MAX_NAME) {
        found += String.fromCharCode(code).toLowerCase();
        effects.consume(code);
        return state;
      }
      const ends = code === codes.eof || code === codes.greaterThan || code === codes.slash || markdownSpace(code) || markdownLineEnding(code);
      if (ends && found === name) {
        events.push({ offset: tagAt, delta });
        depth += delta;
        if (depth === 0) return closeRest(code);
      }
      return search(code);
    };
    return state;
  }

  function searchCommentOpen(left: number): State {
    return (code) => {
      if (code !== codes.dash) return search(code);
      effects.consume(code);
      dashes = 0;
      return left === 1 ? searchComment : searchCommentOpen(1);
    };
  }

  function searchComment(code: Code): State | undefined {
    if (code === codes.eof) return stopSearch(code);
    if (markdownLineEnding(code)) return across(searchComment, stopSearch)(code);
    const closes = code === codes.greaterThan && dashes >= 2;
    dashes = code === codes.dash ? dashes + 1 : 0;
    effects.consume(code);
    return closes ? search : searchComment;
  }

  /** The closing tag's `>`, then the rest of its line. */
  function closeRest(code: Code): State | undefined {
    if (code === codes.eof) return stopSearch(code);
    if (markdownLineEnding(code)) return across(closeRest, stopSearch)(code);
    effects.consume(code);
    return code === codes.greaterThan ? rest(true) : closeRest;
  }

  /** No closing tag before the end (of the document, or of the container): remember, and give way. */
  function stopSearch(code: Code): State | undefined {
    remember();
    return nok(code);
  }

  /** Which openers of `name` the search passed have their own closing tag within it. */
  function remember(): void {
    const sums: number[] = [];
    let sum = 0;
    for (const event of events) sums.push((sum += event.delta));
    const closes = new Map<number, boolean>();
    let lowest = Infinity;
    for (let i = events.length - 1; i >= 0; i--) {
      if (events[i]!.delta > 0) closes.set(events[i]!.offset, lowest < sums[i]!);
      lowest = Math.min(lowest, sums[i]!);
    }
    searchedIn(self.parser).closes.set(name, closes);
  }

  /**
   * `next` for the next character, taking a line ending on the way: the block goes on over blank lines,
   * but not into a lazy line or past the end of its container (then `stop`).
   */
  function across(next: State, stop: State): State {
    return (code) => {
      if (!markdownLineEnding(code)) return next(code);
      effects.exit(types.htmlFlowData);
      return effects.check(nonLazyContinuation, lineEnding, (c) => {
        effects.enter(types.htmlFlowData);
        return stop(c);
      })(code);
    };

    function lineEnding(code: Code): State | undefined {
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return lineStart;
    }

    function lineStart(code: Code): State | undefined {
      if (markdownLineEnding(code)) return effects.check(nonLazyContinuation, lineEnding, (c) => {
        effects.enter(types.htmlFlowData);
        return stop(c);
      })(code);
      effects.enter(types.htmlFlowData);
      return next(code);
    }
  }
}
