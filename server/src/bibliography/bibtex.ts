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
 *
 * The pass allocates almost nothing per field: it validates the structure and records each field's
 * name and value offsets in one shared `Int32Array`. An entry's `fields` map is built from those
 * offsets on first use, and `field(name)` reads one value without building it, so indexing a 30,000
 * entry library costs little more than reading its bytes. Only values that need evaluation (`#`
 * concatenation, string macros, whose definitions may change later in the file) are built eagerly.
 */
import { range, type OffsetRange } from '../text/range.js';
import { wholeCodePoints } from '../text/code-points.js';
import type { BibEntry, BibError, BibParseResult, CslItem } from './types.js';
import { bibtexToCsl } from './bibtex-to-csl.js';
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
  /** Fields in source order; on duplicates the first one wins, as in BibTeX. Built on first use. */
  readonly fields: ReadonlyMap<string, BibTeXField>;
  /** The raw value of one field (lower-case name), without building `fields`. */
  field(name: string): string | undefined;
  /**
   * Where one field's raw value is, without building it: sets `at` to a text and the value's offsets in
   * it (the library's source, or an evaluated value whole). False, and `at` untouched, when the field is
   * absent. One `TextSpan` serves every call of a scan over a library: nothing is allocated.
   */
  locate(name: string, at: TextSpan): boolean;
  /** Lower-cased entry type. */
  readonly entryType: string;
}

/**
 * Where one field of each of a list of entries is (`locateFields`): entry `e`'s value is `texts[at[3e]]`
 * from `at[3e + 1]` to `at[3e + 2]`; `at[3e]` is -1 when the entry has neither field, -2 when it is not a
 * BibTeX entry (the caller reads it another way).
 */
export interface LocatedFields {
  readonly texts: readonly string[];
  readonly at: Int32Array;
}

/**
 * Where field `name` (else `fallback`) of each entry is, in one call for a whole library: a scan over
 * 30,000 entries that made a dozen calls per entry spent most of its time in them while the engine had
 * not yet compiled it.
 */
export function locateFields(entries: readonly BibEntry[], name: string, fallback: string): LocatedFields {
  return BibTeXEntryImpl.locateAll(entries, name, fallback);
}

/** A span of a text, reused from call to call by whoever scans many values (`BibTeXEntry.locate`). */
export class TextSpan {
  text = '';
  start = 0;
  end = 0;
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

/** `isIdentChar` for ASCII, as a table. */
const IDENT_ASCII = Uint8Array.from({ length: 128 }, (_, c) => (isIdentChar(c) ? 1 : 0));

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Thrown inside one entry; caught by the entry loop, which records it and resynchronises. */
class EntryError {
  /** The key of the entry it dropped, once the key was read. */
  key: string | undefined;
  constructor(readonly message: string, readonly start: number, readonly end: number) {}
}

/**
 * Ints per field in `SourceSpans.data`: name start, value expression start and end (delimiters included),
 * and the name's length shifted left by two, or'ed with where the content lies (`Content`). Four, not
 * six: a fresh page of memory costs more to write on these machines than the scan that fills it.
 */
const STRIDE = 4;

/** Where a field's content is: inside `{}`/`""` (the expression less one character each side), all of the expression (a number), or evaluated. */
const enum Content {
  Delimited = 0,
  Bare = 1,
  Evaluated = 2,
}

/** Ints per entry in `SourceSpans.entryData`: start, end, key start, first field, field count. */
const ENTRY_STRIDE = 5;

/**
 * The offsets of every entry and field of one parse, shared by its entries (each entry object is then
 * its key, its type and an index: all of a 30,000-entry library's objects survive into the old
 * generation, and each byte copied there is collection time before the first diagnostics). An evaluated
 * value is in `evaluated`, by field index.
 */
class SourceSpans {
  data: Int32Array;
  length = 0;
  readonly evaluated = new Map<number, string>();
  /**
   * Entries' fields maps and CSL items, by entry index, made on first use: kept here rather than in two
   * slots of every entry object (the 30,000 objects a parse leaves are copied by the young generation's
   * collections, 16 bytes each less). `field()` reads the offsets, as the map would (duplicates are dropped by the parse).
   */
  readonly fieldMaps = new Map<number, ReadonlyMap<string, BibTeXField>>();
  readonly cslItems = new Map<number, CslItem>();
  entryData = new Int32Array(ENTRY_STRIDE * 1024);
  entryCount = 0;
  /** Finds an entry by key for crossref (set by the parser). */
  lookup: (key: string) => BibTeXEntry | undefined = () => undefined;

  constructor(readonly text: string) {
    // Real libraries average 40-60 characters per field (WALS: 40): growing, a copy of megabytes, is
    // rare; pages never written cost nothing.
    this.data = new Int32Array(STRIDE * Math.max(256, Math.ceil(text.length / 32)));
  }

  /**
   * Appends a field; returns its index. `contentStart` is -1 for an evaluated value (the caller puts it
   * in `evaluated`), else the content is the expression less its delimiters, or all of it.
   */
  push(nameStart: number, nameEnd: number, exprStart: number, exprEnd: number, contentStart: number): number {
    if ((this.length + 1) * STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    const at = this.length * STRIDE;
    d[at] = nameStart;
    d[at + 1] = exprStart;
    d[at + 2] = exprEnd;
    const content = contentStart < 0 ? Content.Evaluated : contentStart === exprStart ? Content.Bare : Content.Delimited;
    d[at + 3] = ((nameEnd - nameStart) << 2) | content;
    return this.length++;
  }

  private content(at: number): Content {
    return this.data[at + 3]! & 3;
  }

  private nameLength(at: number): number {
    return this.data[at + 3]! >>> 2;
  }

  /** Field `i`'s content start and end in `text` (when not evaluated). */
  private contentStart(at: number): number {
    return this.content(at) === Content.Bare ? this.data[at + 1]! : this.data[at + 1]! + 1;
  }

  private contentEnd(at: number): number {
    return this.content(at) === Content.Bare ? this.data[at + 2]! : this.data[at + 2]! - 1;
  }

  /** Sets `span` to field `i`'s content. */
  locate(i: number, span: TextSpan): void {
    const at = i * STRIDE;
    if (this.content(at) !== Content.Evaluated) {
      span.text = this.text;
      span.start = this.contentStart(at);
      span.end = this.contentEnd(at);
      return;
    }
    const value = this.evaluated.get(i) ?? '';
    span.text = value;
    span.start = 0;
    span.end = value.length;
  }

  /** Appends an entry whose fields are the last `count` pushed; returns its index. */
  pushEntry(start: number, end: number, keyStart: number, first: number, count: number): number {
    if ((this.entryCount + 1) * ENTRY_STRIDE > this.entryData.length) {
      const grown = new Int32Array(this.entryData.length * 2);
      grown.set(this.entryData);
      this.entryData = grown;
    }
    const d = this.entryData;
    const at = this.entryCount * ENTRY_STRIDE;
    d[at] = start;
    d[at + 1] = end;
    d[at + 2] = keyStart;
    d[at + 3] = first;
    d[at + 4] = count;
    return this.entryCount++;
  }

  /** Entry `e`'s start, end, key start, first field or field count (`what` 0 to 4). */
  entry(e: number, what: number): number {
    return this.entryData[e * ENTRY_STRIDE + what]!;
  }

  /** Releases the unused tails once the parse is done, when it is worth a copy. */
  trim(): void {
    if (this.data.length > 2 * this.length * STRIDE + 4096) this.data = this.data.slice(0, this.length * STRIDE);
    if (this.entryData.length > 2 * this.entryCount * ENTRY_STRIDE + 4096) this.entryData = this.entryData.slice(0, this.entryCount * ENTRY_STRIDE);
  }

  value(i: number): string {
    const at = i * STRIDE;
    if (this.content(at) === Content.Evaluated) return this.evaluated.get(i) ?? '';
    return this.text.slice(this.contentStart(at), this.contentEnd(at));
  }

  /**
   * `nameIs`, its common cases without a loop of ours: the name's length, then the name as written in
   * lower case compared in native code, and only then case-insensitively when the first letters agree.
   */
  named(i: number, lower: string): boolean {
    const at = i * STRIDE;
    if (this.data[at + 3]! >>> 2 !== lower.length) return false;
    const start = this.data[at]!;
    if (this.text.startsWith(lower, start)) return true;
    return (this.text.charCodeAt(start) | 32) === lower.charCodeAt(0) && this.nameIs(i, lower);
  }

  /** True when field `i`'s name equals `lower` (already lower-case), ignoring case. */
  nameIs(i: number, lower: string): boolean {
    const at = i * STRIDE;
    if (this.nameLength(at) !== lower.length) return false;
    const start = this.data[at]!;
    const text = this.text;
    for (let k = 0; k < lower.length; k++) {
      let c = text.charCodeAt(start + k);
      if (c >= 65 && c <= 90) c += 32;
      else if (c > 127) return text.slice(start, start + lower.length).toLowerCase() === lower;
      if (c !== lower.charCodeAt(k)) return false;
    }
    return true;
  }

  /** True when fields `i` and `j` have names of the same length: the cheap test before `sameName`. */
  sameLength(i: number, j: number): boolean {
    return this.data[i * STRIDE + 3]! >>> 2 === this.data[j * STRIDE + 3]! >>> 2;
  }

  /** True when fields `i` and `j` have the same name, ignoring case. */
  sameName(i: number, j: number): boolean {
    const a = i * STRIDE;
    const b = j * STRIDE;
    const len = this.nameLength(a);
    if (len !== this.nameLength(b)) return false;
    const text = this.text;
    const as = this.data[a]!;
    const bs = this.data[b]!;
    for (let k = 0; k < len; k++) {
      let x = text.charCodeAt(as + k);
      let y = text.charCodeAt(bs + k);
      if (x === y) continue;
      if (x > 127 || y > 127) return text.slice(as, as + len).toLowerCase() === text.slice(bs, bs + len).toLowerCase();
      if (x >= 65 && x <= 90) x += 32;
      if (y >= 65 && y <= 90) y += 32;
      if (x !== y) return false;
    }
    return true;
  }

  field(i: number): BibTeXField {
    const d = this.data;
    const at = i * STRIDE;
    const nameEnd = d[at]! + this.nameLength(at);
    return {
      name: this.text.slice(d[at]!, nameEnd).toLowerCase(),
      value: this.value(i),
      nameRange: range(d[at]!, nameEnd),
      valueRange: range(d[at + 1]!, d[at + 2]!),
    };
  }
}

/**
 * Not a `LazyEntry`: its offsets are in the parse's shared tables and its ranges made on access, so that a
 * parse allocates one small object and one key string per entry.
 */
class BibTeXEntryImpl implements BibTeXEntry {
  constructor(
    readonly key: string,
    readonly entryType: string,
    private readonly spans: SourceSpans,
    /** This entry's index in `spans`' entry table. */
    private readonly index: number,
  ) {}

  get keyRange(): OffsetRange {
    const keyStart = this.spans.entry(this.index, 2);
    return range(keyStart, keyStart + this.key.length);
  }

  get range(): OffsetRange {
    return range(this.spans.entry(this.index, 0), this.spans.entry(this.index, 1));
  }

  csl(): CslItem {
    let item = this.spans.cslItems.get(this.index);
    if (!item) this.spans.cslItems.set(this.index, (item = bibtexToCsl(this, this.spans.lookup)));
    return item;
  }

  get fields(): ReadonlyMap<string, BibTeXField> {
    let built = this.spans.fieldMaps.get(this.index);
    if (!built) {
      const map = new Map<string, BibTeXField>();
      const first = this.spans.entry(this.index, 3);
      const end = first + this.spans.entry(this.index, 4);
      for (let i = first; i < end; i++) {
        const f = this.spans.field(i);
        map.set(f.name, f);
      }
      this.spans.fieldMaps.set(this.index, (built = map));
    }
    return built;
  }

  /** The index in `spans` of this entry's field `name`, or -1. */
  private find(name: string): number {
    const first = this.spans.entry(this.index, 3);
    const end = first + this.spans.entry(this.index, 4);
    for (let i = first; i < end; i++) if (this.spans.nameIs(i, name)) return i;
    return -1;
  }

  field(name: string): string | undefined {
    const i = this.find(name);
    return i < 0 ? undefined : this.spans.value(i);
  }

  /** `locateFields`, inside the class for its offsets. */
  static locateAll(entries: readonly BibEntry[], name: string, fallback: string): LocatedFields {
    const texts: string[] = [];
    const at = new Int32Array(3 * entries.length);
    let last: SourceSpans | undefined;
    let lastText = -1;
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e];
      if (!(entry instanceof BibTeXEntryImpl)) {
        at[3 * e] = -2;
        continue;
      }
      const spans = entry.spans;
      // `find` for both names, and the content's offsets read here: a cold loop's cost is its calls and
      // steps, not its characters.
      const text = spans.text;
      const data = spans.data;
      const first = spans.entryData[entry.index * ENTRY_STRIDE + 3]!;
      const end = first + spans.entryData[entry.index * ENTRY_STRIDE + 4]!;
      let i = -1;
      for (let f = first; f < end; f++) if (spans.named(f, name)) {
        i = f;
        break;
      }
      for (let f = first; f < end && i < 0; f++) if (spans.named(f, fallback)) i = f;
      if (i < 0) {
        at[3 * e] = -1;
        continue;
      }
      const content = data[i * STRIDE + 3]! & 3;
      if (content === Content.Evaluated) {
        const value = spans.evaluated.get(i) ?? '';
        at[3 * e] = texts.push(value) - 1;
        at[3 * e + 2] = value.length;
        continue;
      }
      if (spans !== last) {
        last = spans;
        lastText = texts.push(text) - 1;
      }
      at[3 * e] = lastText;
      // The content is the expression less its delimiters, or all of it (a number).
      const bare = content === Content.Bare ? 0 : 1;
      at[3 * e + 1] = data[i * STRIDE + 1]! + bare;
      at[3 * e + 2] = data[i * STRIDE + 2]! - bare;
    }
    return { texts, at };
  }

  locate(name: string, at: TextSpan): boolean {
    const i = this.find(name);
    if (i < 0) return false;
    this.spans.locate(i, at);
    return true;
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

  readonly spans: SourceSpans;
  /**
   * Where `balanced` and `quoted` stop: the text between is skipped by the regular expression engine's
   * native loop, fast from the first value on (a JavaScript loop per character runs interpreted until
   * the engine has compiled it, most of a cold parse of a few megabytes).
   */
  private readonly braceStops = /[{}\\@]/g;
  private readonly quoteStops = /["{}@]/g;

  constructor(private readonly text: string) {
    this.spans = new SourceSpans(text);
    this.spans.lookup = this.lookup;
  }

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
        this.error(e.message, e.start, e.end, 'error', e.key);
        this.pos = this.nextLineStartAt(Math.max(e.start, at + 1));
      }
    }
  }

  private error(message: string, start: number, end: number, severity: 'error' | 'warning' = 'error', droppedKey?: string): void {
    // Inside the text ("expected X but found end of file" points one past it), on whole characters.
    const at = wholeCodePoints(this.text, range(start, Math.max(end, start)));
    this.errors.push(droppedKey === undefined ? { message, range: at, severity } : { message, range: at, severity, droppedKey });
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
      if (c === 32 || (c >= 9 && c <= 13)) i++; // isSpace, inline
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

  /** Entry types as lower-case strings shared by every entry of the type (a library has a dozen). */
  private readonly types: [raw: string, lower: string][] = [];

  /**
   * Where the identifier (entry type, field name) starting at `from` ends. The table test is inline, with
   * one call per identifier: until the engine has compiled the parser, a call per character is most of
   * its cost.
   */
  private identifierEnd(from: number): number {
    const text = this.text;
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 128 && IDENT_ASCII[c] === 0) break;
      i++;
    }
    return i;
  }

  /**
   * The entry type at `pos`, lower-cased (`pos` moves past it): a type seen before is found by comparing
   * the text in place, the last one first, so that no string is sliced per entry (garbage that brings the
   * young generation's next collection, and its copying of the entries so far, nearer).
   */
  private entryType(): string {
    const text = this.text;
    const s = this.pos;
    const i = this.identifierEnd(s);
    this.pos = i;
    const types = this.types;
    for (let k = 0; k < types.length; k++) {
      const type = types[k]!;
      if (type[0].length !== i - s || !text.startsWith(type[0], s)) continue;
      if (k > 0) {
        types[k] = types[0]!;
        types[0] = type;
      }
      return type[1];
    }
    const raw = text.slice(s, i);
    const type: [string, string] = [raw, raw.toLowerCase()];
    // A library has a dozen types; past 32 (a hostile file) they are not remembered.
    if (types.length < 32) types.unshift(type);
    return type[1];
  }

  private entry(at: number): void {
    const text = this.text;
    this.pos = at + 1;
    this.skipSpace();
    const typeStart = this.pos;
    const type = this.entryType();
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
      this.expression();
      this.preambles.push(this.expressionValue());
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
      // isSpace inline: a call per character of every key while the parser runs interpreted.
      if (c === COMMA || c === 32 || (c >= 9 && c <= 13) || c === close || c === LBRACE || c === RBRACE || c === EQUALS) break;
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
    const first = this.spans.length;

    try {
      if (afterKey === COMMA) {
        this.pos++;
        this.fieldList(first, close, key);
      } else if (afterKey !== close) {
        throw new EntryError(`Expected ',' after key '${key}'`, keyStart, keyStart + key.length);
      }
      this.expectClose(at, close, key);
    } catch (e) {
      // A citation of the key can then say that its entry is there but unreadable, and why.
      if (e instanceof EntryError) e.key = key;
      throw e;
    }
    const index = this.spans.pushEntry(at, this.pos, keyStart, first, this.spans.length - first);
    this.entries.push(new BibTeXEntryImpl(key, type, this.spans, index));
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

  /**
   * `name = value, name = value, ...` up to (not including) the closing delimiter, recorded in
   * `spans` from index `first` on. On an error the entry is dropped, and so are its recorded fields.
   */
  private fieldList(first: number, close: number, key: string): void {
    try {
      this.fieldsInto(first, close, key);
    } catch (e) {
      this.spans.length = first;
      for (const i of this.spans.evaluated.keys()) if (i >= first) this.spans.evaluated.delete(i);
      throw e;
    }
  }

  private fieldsInto(first: number, close: number, key: string): void {
    const text = this.text;
    const spans = this.spans;
    // A bit per (name length, first letter whatever its case) of this entry's fields so far: a field is compared with
    // the others only when its bit was seen (a 14-field entry made 91 comparisons, calls while the parser
    // still runs interpreted). A name starting beyond ASCII sets every bit: its case folding is not `| 32`.
    let seen = 0;
    for (;;) {
      this.skipSpace();
      const c = text.charCodeAt(this.pos);
      if (c === close || this.pos >= text.length) return; // trailing comma is fine
      if (c === AT && this.looksLikeEntryStart(this.pos)) return; // expectClose reports it
      const nameStart = this.pos;
      const nameEnd = this.identifierEnd(nameStart);
      this.pos = nameEnd;
      if (nameEnd === nameStart) {
        throw new EntryError(`Expected a field name in entry '${key}' but found '${text[this.pos]}'`, this.pos, this.pos + 1);
      }
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== EQUALS) {
        throw new EntryError(`Expected '=' after field name '${text.slice(nameStart, nameEnd)}' in entry '${key}'`, nameStart, nameEnd);
      }
      this.pos++;
      this.skipSpace();
      const valueStart = this.pos;
      this.expression();
      const valueEnd = this.exprEnd;
      const index = spans.push(nameStart, nameEnd, valueStart, valueEnd, this.contentStart);
      if (this.contentStart < 0) spans.evaluated.set(index, this.exprValue ?? '');
      const initial = text.charCodeAt(nameStart);
      // `& 31` drops the bit in which ASCII's cases differ.
      const bit = initial > 127 ? -1 : 1 << (((nameEnd - nameStart) * 7 + initial) & 31);
      const compare = (seen & bit) !== 0;
      seen |= bit;
      for (let j = first; compare && j < index; j++) {
        if (!spans.sameLength(j, index) || !spans.sameName(j, index)) continue;
        spans.length = index;
        spans.evaluated.delete(index);
        const name = text.slice(nameStart, nameEnd).toLowerCase();
        this.error(`Duplicate field '${name}' in entry '${key}' (the first value is used)`, nameStart, valueEnd);
        break;
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
      const name = text.slice(nameStart, nameEnd).toLowerCase();
      throw new EntryError(`Expected ',' or '${String.fromCharCode(close)}' after field '${name}' in entry '${key}' (${what})`, valueEnd, this.pos + 1);
    }
  }

  // What `expression()` found, in fields rather than a returned object: it runs once per field.
  private exprEnd = 0;
  private contentStart = -1;
  private contentEnd = -1;
  private exprValue: string | undefined;

  /**
   * `part # part # ...` where a part is `{...}`, `"..."`, a number or a macro name. A single literal
   * part is left as its content offsets (`contentStart`/`contentEnd`, no string built); anything else
   * is evaluated now, while the macros have the values they have at this point of the file
   * (`exprValue`, and `contentStart` is -1).
   */
  private expression(): void {
    const text = this.text;
    let value: string | undefined;
    let contentStart = -1;
    let contentEnd = -1;
    let end = this.pos;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      const partStart = this.pos;
      let s = -1;
      let e = -1;
      if (c === LBRACE) {
        s = partStart + 1;
        e = this.balanced(partStart);
      } else if (c === QUOTE) {
        s = partStart + 1;
        e = this.quoted(partStart);
      } else if (isDigit(c)) {
        while (isDigit(text.charCodeAt(this.pos))) this.pos++;
        s = partStart;
        e = this.pos;
      } else if (isIdentChar(c) && c !== AT) {
        const name = this.identifier();
        const expansion = this.macros.get(name.toLowerCase());
        value = this.evaluated(value, contentStart, contentEnd);
        contentStart = -1;
        if (expansion === undefined) {
          this.error(`Undefined string macro '${name}'`, partStart, this.pos);
        } else {
          value += expansion;
        }
      } else {
        const found = this.pos >= text.length ? 'end of file' : `'${text[this.pos]}'`;
        throw new EntryError(`Expected a value but found ${found}`, this.pos, this.pos + 1);
      }
      end = this.pos;
      if (s >= 0) {
        if (value === undefined && contentStart < 0) {
          contentStart = s;
          contentEnd = e;
        } else {
          value = this.evaluated(value, contentStart, contentEnd) + text.slice(s, e);
          contentStart = -1;
        }
      }
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== HASH) break;
      this.pos++;
      this.skipSpace();
    }
    this.exprEnd = end;
    this.contentStart = contentStart;
    this.contentEnd = contentEnd;
    this.exprValue = contentStart >= 0 ? undefined : (value ?? '');
  }

  /** The value of the last `expression()` as a string. */
  private expressionValue(): string {
    return this.contentStart >= 0 ? this.text.slice(this.contentStart, this.contentEnd) : (this.exprValue ?? '');
  }

  /** The value built so far: the evaluated string, or the single literal part's content. */
  private evaluated(value: string | undefined, contentStart: number, contentEnd: number): string {
    if (value !== undefined) return value;
    return contentStart >= 0 ? this.text.slice(contentStart, contentEnd) : '';
  }

  /**
   * Scans `{...}` from the opening brace; returns the offset of the matching close brace and
   * leaves `pos` after it. A line-start `@type{` inside means a brace was never closed: stop there
   * rather than swallow the rest of the library.
   */
  private balanced(open: number): number {
    const text = this.text;
    const stops = this.braceStops;
    let depth = 0;
    for (let i = open; ; i++) {
      stops.lastIndex = i;
      if (!stops.test(text)) break;
      i = stops.lastIndex - 1;
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
      } else if (this.looksLikeEntryStart(i)) {
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
    const stops = this.quoteStops;
    let depth = 0;
    for (let i = open + 1; ; i++) {
      stops.lastIndex = i;
      if (!stops.test(text)) break;
      i = stops.lastIndex - 1;
      const c = text.charCodeAt(i);
      if (c === LBRACE) {
        if (++depth === MAX_LATEX_DEPTH + 1) this.deepBraces(i);
      } else if (c === RBRACE) {
        if (depth === 0) throw new EntryError('Unbalanced \'}\' inside a quoted value', i, i + 1);
        depth--;
      } else if (c === QUOTE) {
        if (depth === 0) {
          this.pos = i + 1;
          return i;
        }
      } else if (this.looksLikeEntryStart(i)) {
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
      this.expression();
      this.macros.set(name.toLowerCase(), this.expressionValue());
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
  parser.spans.trim();
  return { entries: parser.entries, errors: parser.errors, preambles: parser.preambles };
}
