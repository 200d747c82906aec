/**
 * An unclosed `<!--` in a paragraph is text (to Pandoc as to micromark), but micromark's inline HTML
 * looks for its `-->` to the end of the paragraph each time: a paragraph of n unclosed `<!--` took
 * quadratic time, and Pandoc's paragraphs (html/block.ts) now hold such lines. Tried before micromark's
 * `htmlText`: it searches once, remembers the stretch without `-->` (searched.ts), and reads a `<!--`
 * in that stretch as text at once; a comment that closes is left to `htmlText`.
 */
import type { Code, Construct, Effects, State } from 'micromark-util-types';
import { codes, types } from 'micromark-util-symbol';
import { searched, searchedIn } from './searched.js';

export const unclosedCommentText: Construct = {
  name: 'pandocUnclosedCommentText',
  tokenize(effects, ok, nok) {
    const self = this;
    const at = self.now().offset;
    let left = 4;
    return start;

    function start(code: Code): State | undefined {
      const known = searched.get(self.parser)?.unclosed;
      const passed = [known?.get('textComment'), known?.get('comment')].some((r) => r !== undefined && r.from < at && at < r.to);
      return passed ? marker(code) : effects.check({ tokenize: closes, partial: true }, nok, marker)(code);
    }

    /** `<!--` as text. */
    function marker(code: Code): State | undefined {
      if (left === 4) effects.enter(types.data);
      if (code !== (left === 4 ? codes.lessThan : left === 3 ? codes.exclamationMark : codes.dash)) return nok(code);
      effects.consume(code);
      if (--left > 0) return marker;
      effects.exit(types.data);
      return ok;
    }

    /** Succeeds at the `-->` after `<!--`; at the end of the text, remembers that there is none. */
    function closes(this: unknown, check: Effects, found: State, none: State): State {
      let dashes = 0;
      let opening = 4;
      const scan = (c: Code): State | undefined => {
        if (c === codes.eof) {
          searchedIn(self.parser).unclosed.set('textComment', { from: at, to: self.now().offset });
          return none(c);
        }
        if (opening > 0 && c !== (opening === 4 ? codes.lessThan : opening === 3 ? codes.exclamationMark : codes.dash)) return none(c);
        const done = opening === 0 && c === codes.greaterThan && dashes >= 2;
        dashes = c === codes.dash && opening === 0 ? dashes + 1 : 0;
        if (opening > 0) opening--;
        check.consume(c);
        return done ? found : scan;
      };
      return (c) => {
        check.enter(types.data);
        return scan(c);
      };
    }
  },
};
