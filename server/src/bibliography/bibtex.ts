/**
 * BibTeX / BibLaTeX parser: one hand-written pass over the text with `charCodeAt`, no regular
 * expressions over the file, so a 3 MB library indexes in tens of milliseconds.
 *
 * It never throws. A structural error inside an entry (missing key, missing comma, unbalanced
 * braces, unterminated entry) drops that entry only: the error is recorded with its range and the
 * parser resynchronises at the next `@` at the start of a line, so every other entry still loads.
 * Semantic problems (undefined macro, duplicate field) keep the entry and only add an error.
 *
 * Field values are kept as raw LaTeX (macros expanded, `#` concatenated, outer delimiters
 * removed); conversion to CSL-JSON happens lazily in `csl()` (see bibtex-to-csl.ts).
 */
import { range, type OffsetRange } from '../text/range.js';
import { wholeCodePoints } from '../text/code-points.js';
import type { BibEntry, BibError, BibParseResult, CslItem } from './types.js';
import { bibtexToCsl } from './bibtex-to-csl.js';
import { LazyEntry } from './entry.js';
import { MAX_LATEX_DEPTH } from './latex.js';

export interface BibTeXField {
  /** Lower-cased field name (BibTeX field names are case-insensitive). */
  readonly name: string;
  /** Raw LaTeX value: macros expanded, concatenation applied, outer `{}`/`""` removed. */
  readonly value: string;
  readonly nameRange: OffsetRange;
  /** Range of the whole value expression, delimiters included. */
  readonly valueRange: OffsetRange;
}

export interface BibTeXEntry extends BibEntry {
  /** Fields in source order; on duplicates the first one wins, as in BibTeX. */
  readonly fields: ReadonlyMap<string, BibTeXField>;
  /** Lower-cased entry type. */
  readonly entryType: string;
}

export interface BibTeXParseResult extends BibParseResult {
  readonly entries: BibTeXEntry[];
  /** `@preamble` contents, raw. */
  readonly preambles: string[];
}

// Character codes used by the scanner.
const AT = 64; // @
const LBRACE = 123;
const RBRACE = 125;
const LPAREN = 40;
const RPAREN = 41;
const QUOTE = 34;
const COMMA = 44;
const EQUALS = 61;
const HASH = 35;
const PERCENT = 37;
const NEWLINE = 10;
const BACKSLASH = 92;

const MONTHS: ReadonlyArray<[string, string]> = [
  ['jan', '1'], ['feb', '2'], ['mar', '3'], ['apr', '4'], ['may', '5'], ['jun', '6'],
  ['jul', '7'], ['aug', '8'], ['sep', '9'], ['oct', '10'], ['nov', '11'], ['dec', '12'],
];

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11;
}

/** BibTeX identifier characters: anything printable except whitespace and `"#%'(),={}`. */
function isIdentChar(c: number): boolean {
  if (c <= 32 || c === 127) return false;
  switch (c) {
    case QUOTE: case HASH: case PERCENT: case 39 /* ' */: case LPAREN: case RPAREN:
    case COMMA: case EQUALS: case LBRACE: case RBRACE:
      return false;
    default:
      return true;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Thrown inside one entry; caught by the entry loop, which records it and resynchronises. */
class EntryError {
  constructor(readonly message: string, readonly start: number, readonly end: number) {}
}

class BibTeXEntryImpl extends LazyEntry implements BibTeXEntry {
  constructor(
    key: string,
    keyRange: OffsetRange,
    range: OffsetRange,
    entryType: string,
    readonly fields: ReadonlyMap<string, BibTeXField>,
    private readonly lookup: (key: string) => BibTeXEntry | undefined,
  ) {
    super(key, keyRange, range, entryType);
  }

  protected convert(): CslItem {
    return bibtexToCsl(this, this.lookup);
  }
}

class Parser {
  private pos = 0;
  readonly entries: BibTeXEntry[] = [];
  readonly errors: BibError[] = [];
  readonly preambles: string[] = [];
  private readonly macros = new Map<string, string>(MONTHS);
  private byKey: Map<string, BibTeXEntry> | undefined;
  private readonly lookup = (key: string): BibTeXEntry | undefined => {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const e of this.entries) if (!this.byKey.has(e.key)) this.byKey.set(e.key, e);
      // BibTeX matches crossref keys case-insensitively; exact matches take precedence.
      for (const e of this.entries) {
        const lower = e.key.toLowerCase();
        if (!this.byKey.has(lower)) this.byKey.set(lower, e);
      }
    }
    return this.byKey.get(key) ?? this.byKey.get(key.toLowerCase());
  };

  constructor(private readonly text: string) {}

  run(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const at = text.indexOf('@', this.pos);
      if (at < 0) break;
      if (this.inPercentCommentLine(at)) {
        const eol = text.indexOf('\n', at);
        this.pos = eol < 0 ? text.length : eol + 1;
        continue;
      }
      try {
        this.entry(at);
      } catch (e) {
        if (!(e instanceof EntryError)) throw e;
        this.error(e.message, e.start, e.end);
        this.pos = this.nextLineStartAt(Math.max(e.start, at + 1));
      }
    }
  }

  private error(message: string, start: number, end: number, severity: 'error' | 'warning' = 'error'): void {
    // Inside the text ("expected X but found end of file" points one past it), on whole characters.
    this.errors.push({ message, range: wholeCodePoints(this.text, range(start, Math.max(end, start))), severity });
  }

  /** `% ... @article{...}`: a commented-out entry outside entries is ignored, as users expect. */
  private inPercentCommentLine(at: number): boolean {
    const text = this.text;
    for (let i = at - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) return false;
      if (c === PERCENT) return true;
    }
    return false;
  }

  private atLineStart(at: number): boolean {
    for (let i = at - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === NEWLINE) return true;
      if (c !== 32 && c !== 9 && c !== 13) return false;
    }
    return true;
  }

  /** Offset of the next `@` that starts a line at or after `from` (or the end of the text). */
  private nextLineStartAt(from: number): number {
    const text = this.text;
    let i = from;
    for (;;) {
      const at = text.indexOf('@', i);
      if (at < 0) return text.length;
      if (this.atLineStart(at)) return at;
      i = at + 1;
    }
  }

  /** True when `at` holds `@type{` or `@type(` at the start of a line: the start of a new entry. */
  private looksLikeEntryStart(at: number): boolean {
    if (!this.atLineStart(at)) return false;
    const text = this.text;
    let i = at + 1;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const s = i;
    while (i < text.length && isIdentChar(text.charCodeAt(i))) i++;
    if (i === s) return false;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    return c === LBRACE || c === LPAREN;
  }

  /** Skips whitespace and `%` line comments between tokens inside an entry. */
  private skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) i++;
      else if (c === PERCENT) {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? text.length : eol + 1;
      } else break;
    }
    this.pos = i;
  }

  private identifier(): string {
    const text = this.text;
    const s = this.pos;
    let i = s;
    while (i < text.length && isIdentChar(text.charCodeAt(i))) i++;
    this.pos = i;
    return text.slice(s, i);
  }

  private entry(at: number): void {
    const text = this.text;
    this.pos = at + 1;
    this.skipSpace();
    const typeStart = this.pos;
    const type = this.identifier().toLowerCase();
    const typeEnd = this.pos;
    // A lone `@` (a cut or stray one) followed, after spaces, by the next entry: that entry is not its type.
    if (type.startsWith('@') && typeStart > at + 1) {
      this.pos = typeStart;
      return;
    }
    this.skipSpace();
    const open = text.charCodeAt(this.pos);
    if (type === '' || (open !== LBRACE && open !== LPAREN)) {
      // `@` in free text (an e-mail address, say) is ignored as BibTeX ignores text outside
      // entries; but `@article key` at a line start is almost certainly a broken entry.
      if (type !== '' && type !== 'comment' && this.atLineStart(at)) {
        this.error(`Expected '{' or '(' after '@${type}'`, at, typeEnd);
      }
      this.pos = Math.max(typeEnd, at + 1);
      return;
    }
    const close = open === LBRACE ? RBRACE : RPAREN;
    this.pos++;

    if (type === 'comment') {
      this.skipComment(at, close);
      return;
    }
    if (type === 'preamble') {
      this.skipSpace();
      this.preambles.push(this.expression(close).value);
      this.expectClose(at, close, 'preamble');
      return;
    }
    if (type === 'string') {
      this.stringDefinitions(at, close);
      return;
    }

    this.skipSpace();
    const keyStart = this.pos;
    let i = keyStart;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || isSpace(c) || c === close || c === LBRACE || c === RBRACE || c === EQUALS) break;
      if (c === AT && this.looksLikeEntryStart(i)) break;
    }
    const key = text.slice(keyStart, i);
    this.pos = i;
    this.skipSpace();
    const afterKey = text.charCodeAt(this.pos);
    if (key === '' || afterKey === EQUALS) {
      const end = key === '' ? keyStart + 1 : i;
      throw new EntryError(`Missing citation key in @${type} entry`, key === '' ? typeStart : keyStart, end);
    }
    const keyRange = range(keyStart, keyStart + key.length);
    const fields = new Map<string, BibTeXField>();

    if (afterKey === COMMA) {
      this.pos++;
      this.fieldList(fields, close, key);
    } else if (afterKey !== close) {
      throw new EntryError(`Expected ',' after key '${key}'`, keyStart, keyStart + key.length);
    }
    this.expectClose(at, close, key);
    this.entries.push(
      new BibTeXEntryImpl(key, keyRange, range(at, this.pos), type, fields, this.lookup),
    );
  }

  private expectClose(at: number, close: number, what: string): void {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    if (c === close) {
      this.pos++;
      return;
    }
    const other = close === RBRACE ? RPAREN : RBRACE;
    if (c === other) {
      this.error(`Entry '${what}' opened with '${close === RBRACE ? '{' : '('}' but closed with '${String.fromCharCode(c)}'`, this.pos, this.pos + 1, 'warning');
      this.pos++;
      return;
    }
    const found = this.pos >= this.text.length ? 'end of file' : `'${this.text[this.pos]}'`;
    throw new EntryError(`Entry '${what}' is not closed: expected '${String.fromCharCode(close)}' but found ${found}`, at, this.pos);
  }

  /** `name = value, name = value, ...` up to (not including) the closing delimiter. */
  private fieldList(fields: Map<string, BibTeXField>, close: number, key: string): void {
    const text = this.text;
    for (;;) {
      this.skipSpace();
      const c = text.charCodeAt(this.pos);
      if (c === close || this.pos >= text.length) return; // trailing comma is fine
      if (c === AT && this.looksLikeEntryStart(this.pos)) return; // expectClose reports it
      const nameStart = this.pos;
      const raw = this.identifier();
      if (raw === '') {
        throw new EntryError(`Expected a field name in entry '${key}' but found '${text[this.pos]}'`, this.pos, this.pos + 1);
      }
      const name = raw.toLowerCase();
      const nameRange = range(nameStart, this.pos);
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== EQUALS) {
        throw new EntryError(`Expected '=' after field name '${raw}' in entry '${key}'`, nameStart, nameRange.end);
      }
      this.pos++;
      this.skipSpace();
      const value = this.expression(close);
      if (fields.has(name)) {
        this.error(`Duplicate field '${name}' in entry '${key}' (the first value is used)`, nameStart, value.end);
      } else {
        fields.set(name, { name, value: value.value, nameRange, valueRange: range(value.start, value.end) });
      }
      this.skipSpace();
      const after = text.charCodeAt(this.pos);
      if (after === COMMA) {
        this.pos++;
        continue;
      }
      if (after === close || this.pos >= text.length) return;
      if (after === AT && this.looksLikeEntryStart(this.pos)) return;
      const what = isIdentChar(after) ? 'missing comma' : `unexpected '${text[this.pos]}'`;
      throw new EntryError(`Expected ',' or '${String.fromCharCode(close)}' after field '${name}' in entry '${key}' (${what})`, value.end, this.pos + 1);
    }
  }

  /** `part # part # ...` where a part is `{...}`, `"..."`, a number or a macro name. */
  private expression(close: number): { value: string; start: number; end: number } {
    const text = this.text;
    const start = this.pos;
    let value = '';
    let end = start;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      const partStart = this.pos;
      if (c === LBRACE) {
        value += text.slice(partStart + 1, this.balanced(partStart));
        end = this.pos;
      } else if (c === QUOTE) {
        value += text.slice(partStart + 1, this.quoted(partStart));
        end = this.pos;
      } else if (isDigit(c)) {
        while (isDigit(text.charCodeAt(this.pos))) this.pos++;
        value += text.slice(partStart, this.pos);
        end = this.pos;
      } else if (isIdentChar(c) && c !== AT) {
        const name = this.identifier();
        end = this.pos;
        const expansion = this.macros.get(name.toLowerCase());
        if (expansion === undefined) {
          this.error(`Undefined string macro '${name}'`, partStart, end);
        } else {
          value += expansion;
        }
      } else {
        const found = this.pos >= text.length ? 'end of file' : `'${text[this.pos]}'`;
        throw new EntryError(`Expected a value but found ${found}`, this.pos, this.pos + 1);
      }
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== HASH) return { value, start, end };
      this.pos++;
      this.skipSpace();
    }
  }

  /**
   * Scans `{...}` from the opening brace; returns the offset of the matching close brace and
   * leaves `pos` after it. A line-start `@type{` inside means a brace was never closed: stop there
   * rather than swallow the rest of the library.
   */
  private balanced(open: number): number {
    const text = this.text;
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) {
        if (++depth === MAX_LATEX_DEPTH + 2) this.deepBraces(i);
      } else if (c === RBRACE) {
        if (--depth === 0) {
          this.pos = i + 1;
          return i;
        }
      } else if (c === BACKSLASH) {
        // `\{` and `\}` are still counted by BibTeX; only skip the char after the backslash when
        // it is not a brace, so `\\` does not hide the next character.
        const next = text.charCodeAt(i + 1);
        if (next !== LBRACE && next !== RBRACE) i++;
      } else if (c === AT && this.looksLikeEntryStart(i)) {
        throw new EntryError('Unbalanced braces: value is not closed before the next entry', open, i);
      }
    }
    throw new EntryError('Unbalanced braces: value is not closed before the end of the file', open, text.length);
  }

  /** Pathological nesting is read, but flat past the limit (latex.ts): say so on the brace. */
  private deepBraces(at: number): void {
    this.error(`Braces nested more than ${MAX_LATEX_DEPTH} deep: the value is shown without its inner braces and formatting`, at, at + 1);
  }

  /** `"..."`: braces inside must balance and protect `"`. */
  private quoted(open: number): number {
    const text = this.text;
    let depth = 0;
    for (let i = open + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) {
        if (++depth === MAX_LATEX_DEPTH + 1) this.deepBraces(i);
      } else if (c === RBRACE) {
        if (depth === 0) throw new EntryError('Unbalanced \'}\' inside a quoted value', i, i + 1);
        depth--;
      } else if (c === QUOTE && depth === 0) {
        this.pos = i + 1;
        return i;
      } else if (c === AT && this.looksLikeEntryStart(i)) {
        throw new EntryError('Unterminated quoted value before the next entry', open, i);
      }
    }
    throw new EntryError('Unterminated quoted value at the end of the file', open, text.length);
  }

  /** `@string{name = value}` (several comma-separated definitions are accepted, as biber does). */
  private stringDefinitions(at: number, close: number): void {
    const text = this.text;
    for (;;) {
      this.skipSpace();
      const nameStart = this.pos;
      const name = this.identifier();
      if (name === '') throw new EntryError('Expected a macro name in @string', this.pos, this.pos + 1);
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== EQUALS) {
        throw new EntryError(`Expected '=' after macro name '${name}'`, nameStart, this.pos);
      }
      this.pos++;
      this.skipSpace();
      const value = this.expression(close);
      this.macros.set(name.toLowerCase(), value.value);
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== COMMA) break;
      this.pos++;
      this.skipSpace();
      if (text.charCodeAt(this.pos) === close) break;
    }
    this.expectClose(at, close, '@string');
  }

  /** `@comment{...}`: skip the balanced body if there is one; otherwise it is just free text. */
  private skipComment(at: number, close: number): void {
    const text = this.text;
    let depth = 1;
    for (let i = this.pos; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE || (close === RPAREN && c === LPAREN)) depth++;
      else if (c === RBRACE || (close === RPAREN && c === RPAREN)) {
        if (--depth === 0) {
          this.pos = i + 1;
          return;
        }
      } else if (c === AT && this.looksLikeEntryStart(i)) break;
    }
    this.pos = at + 1;
  }
}

export function parseBibTeX(text: string): BibTeXParseResult {
  const parser = new Parser(text);
  try {
    parser.run();
  } catch (e) {
    // Defensive: a bug in the scanner must not take the whole bibliography down.
    parser.errors.push({
      message: `Internal BibTeX parser error: ${e instanceof Error ? e.message : String(e)}`,
      range: range(0, 0),
      severity: 'error',
    });
  }
  return { entries: parser.entries, errors: parser.errors, preambles: parser.preambles };
}
