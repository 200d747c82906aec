/**
 * HTML blocks as Pandoc 2.17's Markdown reader reads them by default (`htmlBlock` with
 * `markdown_in_html_blocks`), replacing CommonMark's seven kinds of HTML flow (micromark's `htmlFlow`,
 * disabled in syntax.ts). Pandoc reads a block tag (`<table>`, `<td>`, `<p>`) as raw HTML alone and the
 * text up to its closing tag as Markdown (`rawHtmlBlocks`); micromark's blocks end at line ends, so:
 *
 * - a line of tags (a block tag, tags.ts, at the start of the line, no indentation; then only tags,
 *   comments and spaces) is an HTML block of its own (`<tr><td>`, `</td></tr>`); it ends a paragraph, as
 *   a block tag ends Pandoc's inlines;
 * - a line with text is a paragraph where the tags are inline HTML (`<td>Text [@a]</td>`): Pandoc reads
 *   the same text as Markdown between the tags, so the same citations;
 * - `<pre>`, `<script>`, `<style>` and `<textarea>` keep their content raw up to their balanced closing
 *   tag, blank lines included (`rawVerbatimBlock`); a comment (`<!--`, up to `-->` over blank lines) and
 *   `<?…?>` are raw blocks too;
 * - the line after a line that opens an element is never indented code (indented.ts).
 *
 * Where Pandoc starts a new block after the tag on the same line (`<!-- note --> Text [@a]`), the line is
 * left to the paragraph, where the tag is inline HTML: the same text and citations. After the closing tag
 * of a raw element the rest of the line stays in the block (Pandoc reads it as a new paragraph): a
 * difference kept, tested in test/server/syntax/pandoc-html.test.ts with the others.
 */
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { asciiAlpha, asciiAlphanumeric, markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import { runsToClosingTag, startsHtmlBlock } from './tags.js';
import { searched, searchedIn, type Unclosed } from './searched.js';
import { recordOpeningLine } from './indented.js';
import type { HtmlRetries } from './retries.js';

/**
 * The two HTML block constructs: a raw-content tag (`<pre>`…) up to its balanced closing tag (tried
 * first), and a line of tags that starts with a block tag, a comment or a processing instruction. A try
 * that fails after its first line is reported to `retries` (retries.ts), which makes it fail at once.
 */
export function htmlBlockConstructs(retries?: HtmlRetries): [element: Construct, tag: Construct] {
  return [
    {
      name: 'pandocHtmlBlockElement',
      concrete: true,
      tokenize(effects, ok, nok) {
        return tokenizeHtml(this, effects, ok, nok, true, retries);
      },
    },
    {
      name: 'pandocHtmlBlockTag',
      concrete: true,
      tokenize(effects, ok, nok) {
        return tokenizeHtml(this, effects, ok, nok, false, retries);
      },
    },
  ];
}

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

function tokenizeHtml(self: TokenizeContext, effects: Effects, ok: State, fail: State, element: boolean, retries?: HtmlRetries): State {
  /** Whether the try has read past its first line (a failure then is reported). */
  let crossed = false;
  const construct = element ? 'element' : 'tag';
  const nok: State = (code) => {
    if (crossed) retries?.failedAcrossLines(construct, opener);
    return fail(code);
  };
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
  /** Whether the last tag read on a tag line opens an element whose content is Markdown (indented.ts). */
  let opensElement = false;
  /** A later tag on a tag line: its name and whether it closes. */
  let lineName = '';
  let lineClosing = false;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.lessThan) return nok(code);
    // Indented by one to three spaces: Pandoc reads a paragraph (its `htmlTag` wants `<` first).
    const tail = self.events[self.events.length - 1];
    if (tail && tail[1].type === types.linePrefix) return nok(code);
    opener = self.now().offset;
    if (retries?.failsAt(construct, opener)) return nok(code);
    effects.enter(types.htmlFlow);
    effects.enter(types.htmlFlowData);
    effects.consume(code);
    return open;
  }

  function open(code: Code): State | undefined {
    if (code === codes.exclamationMark) {
      effects.consume(code);
      return commentOpen(2);
    }
    if (code === codes.questionMark) {
      if (element || knownUnclosed('instruction') || retries?.failsAt(construct, opener, 'instruction')) return nok(code);
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
      return knownUnclosed('comment') || retries?.failsAt(construct, opener, 'comment') ? nok : comment;
    };
  }

  /** Whether a search from an earlier marker already passed this one and found no end. */
  function knownUnclosed(kind: Unclosed): boolean {
    const before = searched.get(self.parser)?.unclosed.get(kind);
    return before !== undefined && before.from < opener && opener < before.to;
  }

  function unclosed(kind: Unclosed): State {
    return (code) => {
      searchedIn(self.parser).unclosed.set(kind, { from: opener, to: self.now().offset, ...(code === codes.eof ? { atEnd: true } : {}) });
      if (code === codes.eof && (kind === 'comment' || kind === 'instruction')) retries?.noEndAfter(kind, opener);
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
      // Self-closing too: Pandoc measures the next line's indentation before it looks at the `/>`.
      opensElement = !closing && !runsToClosingTag(name);
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

  /** At the `>` ending a tag, comment or instruction: only spaces and more tags may follow on the line. */
  function afterTag(code: Code): State | undefined {
    effects.consume(code);
    return moreTags;
  }

  /**
   * The rest of a tag line: spaces, tags (`<tr><td>`, `</td></tr>`) and comments on this line, nothing
   * else. A line with text is a paragraph, where Pandoc reads the same text as Markdown after the tag.
   */
  function moreTags(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      if (opensElement) recordOpeningLine(self.parser, self.now().offset);
      return rest(false)(code);
    }
    if (markdownSpace(code)) {
      effects.consume(code);
      return moreTags;
    }
    if (code !== codes.lessThan) return nok(code);
    effects.consume(code);
    quote = null;
    lineName = '';
    lineClosing = false;
    return lineTagStart;
  }

  function lineTagStart(code: Code): State | undefined {
    if (code === codes.exclamationMark) {
      effects.consume(code);
      return lineCommentOpen(2);
    }
    if (code === codes.slash) {
      effects.consume(code);
      lineClosing = true;
      return lineTagFirst;
    }
    return lineTagFirst(code);
  }

  /** A tag's name starts with a letter; its name and attributes run to its `>`, on this line. */
  function lineTagFirst(code: Code): State | undefined {
    return asciiAlpha(code) ? lineTagName(code) : nok(code);
  }

  function lineTagName(code: Code): State | undefined {
    if (code !== null && (asciiAlphanumeric(code) || code === codes.dash || code === codes.underscore || code === codes.colon) && lineName.length <= MAX_NAME) {
      lineName += String.fromCharCode(code).toLowerCase();
      effects.consume(code);
      return lineTagName;
    }
    return lineTagAttributes(code);
  }

  function lineTagAttributes(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    if (quote === null && code === codes.greaterThan) {
      opensElement = !lineClosing && startsHtmlBlock(lineName) && !runsToClosingTag(lineName);
      effects.consume(code);
      return moreTags;
    }
    if (quote !== null && code === quote) quote = null;
    else if (quote === null && (code === codes.quotationMark || code === codes.apostrophe)) quote = code;
    effects.consume(code);
    return lineTagAttributes;
  }

  function lineCommentOpen(left: number): State {
    return (code) => {
      if (code !== codes.dash) return nok(code);
      effects.consume(code);
      dashes = 0;
      return left === 2 ? lineCommentOpen(1) : lineComment;
    };
  }

  /** A comment that ends on this line. */
  function lineComment(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    const closes = code === codes.greaterThan && dashes >= 2;
    dashes = code === codes.dash ? dashes + 1 : 0;
    effects.consume(code);
    if (closes) opensElement = false;
    return closes ? moreTags : lineComment;
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
      if (left === 2) return searchCommentOpen(1);
      // A comment with no `-->` before the end of the document hides the rest of it: no closing tag
      // follows. Known from an earlier search, the rest is not read again (n elements before n unclosed
      // comments would read the document n times).
      const known = searched.get(self.parser)?.unclosed.get('comment');
      if (known?.atEnd && known.from <= tagAt && tagAt < known.to) return stopSearch;
      return searchComment;
    };
  }

  function searchComment(code: Code): State | undefined {
    if (code === codes.eof) {
      const known = searched.get(self.parser)?.unclosed.get('comment');
      if (!known?.atEnd || tagAt < known.from) searchedIn(self.parser).unclosed.set('comment', { from: tagAt, to: self.now().offset, atEnd: true });
      return stopSearch(code);
    }
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
    const closes = remember();
    // At the end of the text, an opener without its closing tag has none at all.
    if (code === codes.eof) retries?.neverClose([...closes].filter(([, closed]) => !closed).map(([offset]) => offset));
    return nok(code);
  }

  /** Which openers of `name` the search passed have their own closing tag within it. */
  function remember(): ReadonlyMap<number, boolean> {
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
    return closes;
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
      crossed = true;
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
