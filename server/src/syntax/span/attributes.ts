/**
 * Parser for Pandoc attribute blocks `{#id .class key=value key2="quoted value" -}`, following
 * pandoc 2.17's `attributes` parser: identifiers and class names start with a letter and go on
 * with letters, digits and `-_:.`; keys likewise; values are `"..."` (with `\"`), `'...'` or a run
 * of non-space characters (possibly empty); `-` alone is the class `unnumbered`; a later `#id`
 * replaces an earlier one.
 *
 * Difference from Pandoc: Pandoc prints a block with any malformed part literally (the span is
 * not a span). We keep every well-formed part and report the rest in `errors`, so the language
 * server can say "malformed span attributes" instead of silently losing the span. A value that
 * opens a quote and never closes it (`k="abc}`) is valid for Pandoc (the value is `"abc`); we
 * keep that value and also report it, as it is almost always a typo.
 */
import type { OffsetRange } from '../../text/range.js';
import type { SpanAttribute, SpanAttributes, SpanKeyValue } from '../types.js';

const identifier = /^\p{L}[\p{L}\p{N}\-_:.]*$/u;

/** `text` is the whole block including braces; `offset` is where it starts in the document. */
export function parseAttributes(text: string, offset: number): SpanAttributes {
  let id: SpanAttribute | undefined;
  const classes: SpanAttribute[] = [];
  const pairs: SpanKeyValue[] = [];
  const errors: { message: string; range: OffsetRange }[] = [];
  const end = text.endsWith('}') ? text.length - 1 : text.length;
  const at = (start: number, stop: number): OffsetRange => ({ start: offset + start, end: offset + stop });
  const wordEnd = (from: number): number => {
    let index = from;
    while (index < end && !/\s/u.test(text[index]!)) index++;
    return index;
  };

  let index = text.startsWith('{') ? 1 : 0;
  while (index < end) {
    const char = text[index]!;
    if (/\s/u.test(char)) {
      index++;
      continue;
    }
    const start = index;
    if (char === '#' || char === '.') {
      const stop = wordEnd(index);
      const value = text.slice(index + 1, stop);
      const kind = char === '#' ? 'identifier' : 'class name';
      if (!identifier.test(value)) {
        errors.push({
          message: value === '' ? `empty ${kind} after \`${char}\`` : `${kind} \`${value}\` must start with a letter and contain only letters, digits and -_:.`,
          range: at(start, stop),
        });
      } else if (char === '#') {
        if (id) errors.push({ message: `second identifier \`#${value}\`: Pandoc keeps only the last one`, range: at(start, stop) });
        id = { value, range: at(start + 1, stop) };
      } else {
        classes.push({ value, range: at(start + 1, stop) });
      }
      index = stop;
      continue;
    }
    if (char === '-' && (index + 1 === end || /\s/u.test(text[index + 1]!))) {
      classes.push({ value: 'unnumbered', range: at(start, start + 1) });
      index++;
      continue;
    }
    // key=value, or a stray word.
    let keyEnd = index;
    while (keyEnd < end && text[keyEnd] !== '=' && !/\s/u.test(text[keyEnd]!)) keyEnd++;
    if (text[keyEnd] !== '=') {
      errors.push({ message: `unexpected \`${text.slice(start, keyEnd)}\`: expected #id, .class or key=value`, range: at(start, keyEnd) });
      index = keyEnd;
      continue;
    }
    const key = text.slice(start, keyEnd);
    let valueStart = keyEnd + 1;
    let valueEnd: number;
    let value: string;
    let stop: number;
    const quote = text[valueStart];
    const close = quote === '"' || quote === "'" ? findClosingQuote(text, valueStart, end) : -1;
    if (close >= 0) {
      valueStart++;
      valueEnd = close;
      value = text.slice(valueStart, valueEnd).replace(quote === '"' ? /\\(["\\])/gu : /\\(['\\])/gu, '$1');
      stop = close + 1;
      if (stop < end && !/\s/u.test(text[stop]!)) {
        const rest = wordEnd(stop);
        errors.push({ message: `unexpected \`${text.slice(stop, rest)}\` after quoted value`, range: at(stop, rest) });
        stop = rest;
      }
    } else {
      valueEnd = stop = wordEnd(valueStart);
      value = text.slice(valueStart, valueEnd);
      if (quote === '"' || quote === "'") {
        errors.push({ message: `unterminated quote in value of \`${key || '='}\``, range: at(valueStart, valueEnd) });
      }
    }
    if (!identifier.test(key)) {
      errors.push({
        message: key === '' ? 'missing attribute name before `=`' : `attribute name \`${key}\` must start with a letter and contain only letters, digits and -_:.`,
        range: at(start, keyEnd + 1),
      });
    } else {
      pairs.push({ key, value, range: at(start, stop), keyRange: at(start, keyEnd), valueRange: at(valueStart, valueEnd) });
    }
    index = stop;
  }
  return { ...(id ? { id } : {}), classes, pairs, errors };
}

function findClosingQuote(text: string, open: number, end: number): number {
  const quote = text[open];
  for (let index = open + 1; index < end; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === quote) return index;
  }
  return -1;
}
