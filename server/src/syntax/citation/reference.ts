/**
 * Construct: a citation reference `@key` / `@{key}` in running text (Pandoc's author-in-text form).
 * Inside `[...]` the same tokens are regrouped by `group-end.ts` into a bracketed group, so this
 * construct knows nothing about brackets.
 *
 * Differences from Pandoc: braced keys longer than MAX_BRACED_KEY code units are not keys (keeps
 * `@{@{@{...` linear); an astral letter right after internal punctuation ends the key.
 */
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { markdownLineEndingOrSpace, unicodeWhitespace } from 'micromark-util-character';
import {
  allowsCitationAfter,
  isHighSurrogate,
  isInternalPunctuation,
  isKeyChar,
  isKeyStart,
  isLetterOrDigitCodePoint,
  isLowSurrogate,
} from './key.js';
import './tokens.js';

const MAX_BRACED_KEY = 512;

export const citationReference: Construct = {
  name: 'citationReference',
  tokenize: tokenizeCitationReference,
  previous: previousAllowsCitation,
};

/** Letter + low surrogate: one astral letter or digit (lookahead only). */
const astralKeyChar: Construct = { tokenize: tokenizeAstralKeyChar, partial: true };
/** Internal punctuation followed by something that keeps the key going (lookahead only). */
const punctuationInKey: Construct = { tokenize: tokenizePunctuationInKey, partial: true };

function previousAllowsCitation(this: TokenizeContext, code: Code): boolean {
  return allowsCitationAfter(code);
}

function tokenizeCitationReference(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  let braceDepth = 0;
  let bracedLength = 0;
  return start;

  /** At `@`. */
  function start(code: Code): State | undefined {
    if (code !== codes.atSign) return nok(code);
    effects.enter('citationInText');
    effects.enter('citationItem');
    effects.enter('citationReference');
    effects.enter('citationKeyMarker');
    effects.consume(code);
    effects.exit('citationKeyMarker');
    return afterMarker;
  }

  /** After `@`: a braced key, a plain key or nothing. */
  function afterMarker(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) {
      effects.enter('citationKeyBrace');
      effects.consume(code);
      effects.exit('citationKeyBrace');
      return bracedStart;
    }
    if (isKeyStart(code)) {
      effects.enter('citationKey');
      effects.consume(code);
      return plainInside;
    }
    if (isHighSurrogate(code)) return effects.check(astralKeyChar, plainStartAstral, nok)(code);
    return nok(code);
  }

  /** First character of a plain key is astral. */
  function plainStartAstral(code: Code): State | undefined {
    effects.enter('citationKey');
    effects.consume(code);
    return lowSurrogate;
  }

  /** Second half of an astral key character. */
  function lowSurrogate(code: Code): State | undefined {
    effects.consume(code);
    return plainInside;
  }

  /** Inside a plain key. */
  function plainInside(code: Code): State | undefined {
    if (isKeyChar(code)) {
      effects.consume(code);
      return plainInside;
    }
    if (isHighSurrogate(code)) return effects.check(astralKeyChar, plainAstral, plainEnd)(code);
    if (isInternalPunctuation(code)) {
      return effects.check(punctuationInKey, plainPunctuation, plainEnd)(code);
    }
    return plainEnd(code);
  }

  /** Astral key character inside a plain key. */
  function plainAstral(code: Code): State | undefined {
    effects.consume(code);
    return lowSurrogate;
  }

  /** Punctuation known to be followed by more key. */
  function plainPunctuation(code: Code): State | undefined {
    effects.consume(code);
    return plainInside;
  }

  /** After a plain key. */
  function plainEnd(code: Code): State | undefined {
    effects.exit('citationKey');
    return done(code);
  }

  /** After `@{`. */
  function bracedStart(code: Code): State | undefined {
    if (code === codes.rightCurlyBrace) return closingBrace(code); // `@{}`: Pandoc's empty key
    if (!bracedChar(code)) return nok(code);
    effects.enter('citationKey');
    return bracedInside(code);
  }

  /** Inside `@{...}`: balanced braces, no whitespace (Pandoc's `charsInBalanced`). */
  function bracedInside(code: Code): State | undefined {
    if (!bracedChar(code) || ++bracedLength > MAX_BRACED_KEY) return nok(code);
    if (code === codes.rightCurlyBrace) {
      if (braceDepth === 0) {
        effects.exit('citationKey');
        return closingBrace(code);
      }
      braceDepth--;
    } else if (code === codes.leftCurlyBrace) {
      braceDepth++;
    }
    effects.consume(code);
    return bracedInside;
  }

  /** At the `}` that ends a braced key. */
  function closingBrace(code: Code): State | undefined {
    effects.enter('citationKeyBrace');
    effects.consume(code);
    effects.exit('citationKeyBrace');
    return done;
  }

  /** The reference is complete. */
  function done(code: Code): State | undefined {
    effects.exit('citationReference');
    effects.exit('citationItem');
    effects.exit('citationInText');
    return ok(code);
  }
}

function bracedChar(code: Code): boolean {
  return code !== null && !markdownLineEndingOrSpace(code) && !unicodeWhitespace(code);
}

function tokenizeAstralKeyChar(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  let high = 0;
  return start;

  /** At a high surrogate. */
  function start(code: Code): State | undefined {
    if (!isHighSurrogate(code)) return nok(code);
    high = code;
    effects.enter('citationKey');
    effects.consume(code);
    return low;
  }

  /** At the low surrogate. */
  function low(code: Code): State | undefined {
    if (!isLowSurrogate(code)) return nok(code);
    const codePoint = (high - 0xd800) * 0x400 + (code - 0xdc00) + 0x10000;
    if (!isLetterOrDigitCodePoint(codePoint)) return nok(code);
    effects.consume(code);
    effects.exit('citationKey');
    return ok;
  }
}

function tokenizePunctuationInKey(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  let punctuation: Code = null;
  return start;

  /** At `:.#$%&-+?<>~/`. */
  function start(code: Code): State | undefined {
    punctuation = code;
    effects.enter('citationKey');
    effects.consume(code);
    effects.exit('citationKey');
    return after;
  }

  /** A key character must follow; `:` and `/` may also precede `/` (`http://`). */
  function after(code: Code): State | undefined {
    if (isKeyChar(code)) return ok(code);
    if (code === codes.slash && (punctuation === codes.colon || punctuation === codes.slash)) {
      return ok(code);
    }
    return nok(code);
  }
}
