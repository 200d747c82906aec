/**
 * Link reference definitions, except where a citation starts: Pandoc does not read `[@key]: url` or
 * `[see @key]: url` as a definition (its `referenceKey` parser refuses a label that parses as a
 * citation), so the line is a paragraph holding a citation. Manubot manuscripts use such lines as
 * citation-tag aliases (`[@tag:x]: doi:…`); CommonMark would take them for definitions, and then every
 * `[@tag:x]` in the text for a link. This construct replaces micromark's `definition` (disabled by
 * name in the extension) and refuses a label holding a citation key start.
 */
import { definition } from 'micromark-core-commonmark';
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, State, TokenizeContext, Effects } from 'micromark-util-types';

/** Longest label scanned (CommonMark's limit on link labels). */
const MAX_LABEL = 999;

export const definitionUnlessCitation: Construct = {
  name: 'definitionUnlessCitation',
  tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const real = definition.tokenize.call(this, effects, ok, nok);
    return (code) => effects.check(citationLabel, nok, real)(code);
  },
};

/** Succeeds on `[` + a label (up to the first `]`) in which a citation key starts: ` @k`, `[@k`, `-@k`, `;@k`. */
const citationLabel: Construct = {
  tokenize(effects, ok, nok) {
    let size = 0;
    let previous: Code = codes.leftSquareBracket;
    return start;

    function start(code: Code): State | undefined {
      if (code !== codes.leftSquareBracket) return nok(code);
      effects.enter('chunkString');
      effects.consume(code);
      return inside;
    }

    function inside(code: Code): State | undefined {
      if (code === codes.eof || code === codes.rightSquareBracket || code === codes.leftSquareBracket || ++size > MAX_LABEL) return nok(code);
      if (code === codes.atSign && keyMayFollow(previous)) {
        effects.consume(code);
        return key;
      }
      if (markdownLineEnding(code)) {
        effects.exit('chunkString');
        effects.enter('lineEnding');
        effects.consume(code);
        effects.exit('lineEnding');
        effects.enter('chunkString');
      } else effects.consume(code);
      previous = code;
      return inside;
    }

    /** After `@`: a key character (letter, digit, `_`, `{`) makes it a citation. */
    function key(code: Code): State | undefined {
      if (code !== null && (code === codes.underscore || code === codes.leftCurlyBrace || code > 127 || /[\p{L}\p{N}]/u.test(String.fromCharCode(code)))) {
        effects.exit('chunkString');
        return ok(code);
      }
      return nok(code);
    }
  },
  partial: true,
};

/** A key starts after the label's `[`, whitespace, `-` (suppress author) or `;`, as in a citation group. */
function keyMayFollow(previous: Code): boolean {
  return (
    previous === codes.leftSquareBracket ||
    previous === codes.dash ||
    previous === codes.semicolon ||
    previous === codes.space ||
    previous === codes.horizontalTab ||
    markdownLineEnding(previous)
  );
}
