/**
 * Link and image destinations as Pandoc 2.17 reads them (its Markdown reader's `source`), where
 * CommonMark's are stricter: spaces and line breaks are part of the destination (`[@doi:x](Figure
 * [@fig:5]a-c)` links to `Figure [@fig:5]a-c`), parentheses nest, and a run of spaces ends it only
 * before a title (`"…"`, `'…'`) or the closing `)`. The destination is a string (escapes and character
 * references only), so no citation is read in it.
 *
 * Tried after micromark's `labelEnd` (`add: 'after'`), only where it failed: links CommonMark reads
 * are left to it. The tokens and the resolver are labelEnd's, so the mdast is an ordinary link or
 * image. Left to CommonMark: `<…>` destinations and titles in parentheses.
 */
import { labelEnd } from 'micromark-core-commonmark';
import { asciiAlphanumeric, markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';

export const pandocLinkEnd: Construct = {
  name: 'pandocLinkEnd',
  add: 'after',
  tokenize: tokenizeLinkEnd,
  // Same events as labelEnd's, so its resolver makes the link (its resolveAll comes with every `[`).
  resolveTo: labelEnd.resolveTo,
};

function tokenizeLinkEnd(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const starts = this._labelStarts;
  const labelStart = starts?.[starts.length - 1];
  return start;

  function start(code: Code): State | undefined {
    // labelEnd, tried just before at this `]`, marks the label start it failed to close as balanced
    // (having dropped older balanced ones); an inactive start would put a link in a link.
    if (code !== codes.rightSquareBracket || !labelStart || !labelStart._balanced || labelStart._inactive) return nok(code);
    if (labelStart.type !== types.labelLink && labelStart.type !== types.labelImage) return nok(code);
    effects.enter(types.labelEnd);
    effects.enter(types.labelMarker);
    effects.consume(code);
    effects.exit(types.labelMarker);
    effects.exit(types.labelEnd);
    return after;
  }

  function after(code: Code): State | undefined {
    if (code !== codes.leftParenthesis) return nok(code);
    return effects.attempt(resource, linked, nok)(code);
  }

  function linked(code: Code): State | undefined {
    labelStart!._balanced = false;
    starts!.pop();
    return ok(code);
  }
}

/**
 * Longest `(destination "title")` read: each `](` without its `)` reads to the end of the paragraph, so
 * a bound keeps a paragraph of them linear. CommonMark's links (tried first) have none.
 */
const MAX_RESOURCE = 1000;

/** `(destination "title")`, Pandoc's way. */
const resource: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    const self = this;
    let depth = 0;
    let quote: Code = null;
    let opened = 0;
    return start;

    function start(code: Code): State | undefined {
      opened = self.now().offset;
      effects.enter(types.resource);
      marker(code);
      return before;
    }

    function marker(code: Code): void {
      effects.enter(types.resourceMarker);
      effects.consume(code);
      effects.exit(types.resourceMarker);
    }

    function before(code: Code): State | undefined {
      if (markdownSpace(code)) return spaces(before)(code);
      // `<…>` and the empty destination are CommonMark's too.
      if (code === codes.lessThan || code === codes.rightParenthesis) return nok(code);
      effects.enter(types.resourceDestination);
      effects.enter(types.resourceDestinationRaw);
      effects.enter(types.resourceDestinationString);
      return destinationBreak(code);
    }

    /** Between chunks of the destination: at a line ending, a run of spaces, or its end. */
    function destinationBreak(code: Code): State | undefined {
      if (code === codes.eof) return nok(code);
      if (markdownLineEnding(code)) {
        effects.enter(types.lineEnding);
        effects.consume(code);
        effects.exit(types.lineEnding);
        return destinationBreak;
      }
      if (depth === 0 && code === codes.rightParenthesis) return destinationEnd(code);
      // Spaces before a title or the `)` end the destination; other spaces are in it.
      if (depth === 0 && markdownSpace(code)) return effects.check(spacesBeforeEnd, destinationEnd, spaceInside)(code);
      return chunk(code);
    }

    function chunk(code: Code): State | undefined {
      effects.enter(types.chunkString, { contentType: constants.contentTypeString });
      return inside(code);
    }

    function inside(code: Code): State | undefined {
      if (self.now().offset - opened > MAX_RESOURCE) return nok(code);
      if (code === codes.eof || markdownLineEnding(code) || (depth === 0 && (code === codes.rightParenthesis || markdownSpace(code)))) {
        effects.exit(types.chunkString);
        return depth === 0 && markdownSpace(code) ? effects.check(spacesBeforeEnd, destinationEnd, spaceInside)(code) : destinationBreak(code);
      }
      if (code === codes.leftParenthesis) depth++;
      else if (code === codes.rightParenthesis) depth--;
      effects.consume(code);
      return code === codes.backslash ? escape : inside;
    }

    /** Spaces that stay in the destination (the check read them all), in a chunk of their own. */
    function spaceInside(code: Code): State | undefined {
      effects.enter(types.chunkString, { contentType: constants.contentTypeString });
      return spaceRun(code);
    }

    function spaceRun(code: Code): State | undefined {
      if (!markdownSpace(code)) return inside(code);
      effects.consume(code);
      return spaceRun;
    }

    function escape(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) return inside(code);
      effects.consume(code);
      return inside;
    }

    function destinationEnd(code: Code): State | undefined {
      effects.exit(types.resourceDestinationString);
      effects.exit(types.resourceDestinationRaw);
      effects.exit(types.resourceDestination);
      return between(code);
    }

    /** After the destination: spaces, at most one line ending, then a title or `)`. */
    function between(code: Code): State | undefined {
      if (markdownSpace(code)) return spaces(between)(code);
      if (markdownLineEnding(code)) {
        effects.enter(types.lineEnding);
        effects.consume(code);
        effects.exit(types.lineEnding);
        return (next: Code) => (markdownSpace(next) ? spaces(titleStart)(next) : titleStart(next));
      }
      if (code === codes.quotationMark || code === codes.apostrophe) return titleStart(code);
      return end(code);
    }

    function titleStart(code: Code): State | undefined {
      if (code !== codes.quotationMark && code !== codes.apostrophe) return nok(code);
      quote = code;
      effects.enter(types.resourceTitle);
      effects.enter(types.resourceTitleMarker);
      effects.consume(code);
      effects.exit(types.resourceTitleMarker);
      effects.enter(types.resourceTitleString);
      return titleBreak;
    }

    function titleBreak(code: Code): State | undefined {
      if (code === codes.eof) return nok(code);
      if (markdownLineEnding(code)) {
        effects.enter(types.lineEnding);
        effects.consume(code);
        effects.exit(types.lineEnding);
        return titleBreak;
      }
      if (code === quote) return effects.check(titleClose, titleEnd, titleChunk)(code);
      return titleChunk(code);
    }

    function titleChunk(code: Code): State | undefined {
      effects.enter(types.chunkString, { contentType: constants.contentTypeString });
      effects.consume(code);
      return titleInside;
    }

    function titleInside(code: Code): State | undefined {
      if (self.now().offset - opened > MAX_RESOURCE) return nok(code);
      if (code === codes.eof || markdownLineEnding(code) || code === quote) {
        effects.exit(types.chunkString);
        return titleBreak(code);
      }
      effects.consume(code);
      return code === codes.backslash ? titleEscape : titleInside;
    }

    function titleEscape(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) return titleInside(code);
      effects.consume(code);
      return titleInside;
    }

    /** The quote that ends a title: not followed by a letter or digit (Pandoc's `quotedTitle`). */
    function titleEnd(code: Code): State | undefined {
      effects.exit(types.resourceTitleString);
      effects.enter(types.resourceTitleMarker);
      effects.consume(code);
      effects.exit(types.resourceTitleMarker);
      effects.exit(types.resourceTitle);
      return (next: Code) => (markdownSpace(next) ? spaces(end)(next) : end(next));
    }

    function end(code: Code): State | undefined {
      if (code !== codes.rightParenthesis) return nok(code);
      marker(code);
      effects.exit(types.resource);
      return ok;
    }

    function spaces(next: State): State {
      effects.enter(types.whitespace);
      const state = (code: Code): State | undefined => {
        if (markdownSpace(code)) {
          effects.consume(code);
          return state;
        }
        effects.exit(types.whitespace);
        return next(code);
      };
      return state;
    }
  },
};

/** Spaces and then `"`, `'` or `)`: where Pandoc's destination stops. */
const spacesBeforeEnd: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return (code: Code) => {
      effects.enter(types.whitespace);
      return space(code);
    };

    function space(code: Code): State | undefined {
      if (markdownSpace(code)) {
        effects.consume(code);
        return space;
      }
      effects.exit(types.whitespace);
      return code === codes.quotationMark || code === codes.apostrophe || code === codes.rightParenthesis ? ok(code) : nok(code);
    }
  },
};

/** At a title's quote: it closes the title unless a letter or digit follows. */
const titleClose: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return (code: Code) => {
      effects.enter(types.resourceTitleMarker);
      effects.consume(code);
      effects.exit(types.resourceTitleMarker);
      return (next: Code) => (next !== null && asciiAlphanumeric(next) ? nok(next) : ok(next));
    };
  },
};
