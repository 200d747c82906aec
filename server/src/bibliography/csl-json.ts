/**
 * CSL-JSON bibliographies (`[{"id": "...", "type": "...", ...}, ...]`), parsed with jsonc-parser's
 * error-tolerant, offset-aware tree so every entry and key has a range. A syntax error inside one
 * item drops that item only (with an error); the other items still load.
 */
import { getNodeValue, parse, parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser';
import { range, type OffsetRange } from '../text/range.js';
import { wholeCodePoints } from '../text/code-points.js';
import type { BibEntry, BibError, BibParseResult, CslItem } from './types.js';
import { LazyEntry } from './entry.js';
import { isSpace, trimEndOf } from '../text/trim.js';

class CslJsonEntry extends LazyEntry {
  constructor(key: string, keyRange: OffsetRange, range: OffsetRange, entryType: string, private readonly node: Node) {
    super(key, keyRange, range, entryType);
  }

  protected convert(): CslItem {
    const value: unknown = getNodeValue(this.node);
    return { ...(value as Record<string, unknown>), id: this.key, type: this.entryType || 'document' };
  }
}

/**
 * An item read in one pass without a syntax tree: its text is parsed on first `csl()`. A library of a
 * million tiny items built a million node trees up front (minutes, gigabytes); now only offsets are kept.
 */
class CslJsonSliceEntry extends LazyEntry {
  constructor(key: string, keyRange: OffsetRange, range: OffsetRange, entryType: string, private readonly text: string) {
    super(key, keyRange, range, entryType);
  }

  protected convert(): CslItem {
    const value: unknown = parse(this.text.slice(this.range.start, this.range.end), [], { allowTrailingComma: true, disallowComments: false });
    return { ...(value as Record<string, unknown>), id: this.key, type: this.entryType || 'document' };
  }
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Invalid comment',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unterminated number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
};

/** A string or number literal of an item, with its range in the file (inside the quotes). */
interface Literal {
  readonly value: string;
  readonly range: OffsetRange;
}

/**
 * The key an item is cited by. Pandoc's is `id`. Manubot's manual references are cited by their
 * standard citation key instead (`@url:https://…`, `@raw:amber2018`, `@Arthur2007`): the item's
 * `standard_citation`, or a `standard_id: …` line of its `note` (Manubot writes the `id` as a hash).
 * A key found in the note is used only when it stands verbatim in the file, so its range is exact.
 */
function citedKey(text: string, id: Literal | undefined, standardCitation: Literal | undefined, note: Literal | undefined): Literal | undefined {
  if (standardCitation?.value) return standardCitation;
  const standardId = note && /(?:^|\n)standard_id:[ \t]*(\S+)/.exec(note.value)?.[1];
  if (note && standardId) {
    const at = text.indexOf(`standard_id: ${standardId}`, note.range.start);
    const start = at + 'standard_id: '.length;
    if (at >= 0 && start + standardId.length <= note.range.end && text.slice(start, start + standardId.length) === standardId)
      return { value: standardId, range: range(start, start + standardId.length) };
  }
  return id?.value ? id : undefined;
}

/** A tree node read as a key literal (a string or a number). */
function literalOf(node: Node | undefined, base = 0): Literal | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'number')) return undefined;
  return { value: String(node.value), range: keyRangeOf(node, base) };
}

/** `citedKey` for an item of the syntax tree (`base`: where the parsed chunk starts in the file). */
function keyOfNode(text: string, item: Node, base = 0): Literal | undefined {
  const str = (name: string) => {
    const n = property(item, name);
    return n?.type === 'string' ? literalOf(n, base) : undefined;
  };
  return citedKey(text, literalOf(property(item, 'id'), base), str('standard_citation'), str('note'));
}

function property(node: Node, name: string): Node | undefined {
  for (const p of node.children ?? []) {
    if (p.type === 'property' && p.children?.[0]?.value === name) return p.children[1];
  }
  return undefined;
}

function nodeRange(node: Node, base = 0): OffsetRange {
  return range(base + node.offset, base + node.offset + node.length);
}

/** Range of a key value: inside the quotes for a string, the digits for a number. */
function keyRangeOf(node: Node, base = 0): OffsetRange {
  return node.type === 'string' && node.length >= 2
    ? range(base + node.offset + 1, base + node.offset + node.length - 1)
    : nodeRange(node, base);
}

/**
 * A CSL-JSON file: read in one pass (keys, types and offsets of the items; each item's data built on
 * demand) when it is a clean array of items, else through the error-tolerant tree (`parseCslJsonTree`).
 */
export function parseCslJson(text: string): BibParseResult {
  return scanCslJson(text) ?? parseCslJsonTree(text);
}

/** The one-pass read, or undefined when the file is not a well-formed array of items (the tree then reports why). */
export function scanCslJson(text: string): BibParseResult | undefined {
  const entries: BibEntry[] = [];
  const errors: BibError[] = [];
  let clean = true;
  let rootSeen = false;
  let depth = 0;
  let item: { start: number; id?: Literal; standardCitation?: Literal; note?: Literal; type?: string } | undefined;
  let property: string | undefined;
  const fail = () => {
    clean = false;
  };
  try {
    visit(
      text,
      {
        onArrayBegin: () => {
          if (depth === 0) {
            if (rootSeen) fail();
            rootSeen = true;
          } else if (depth === 1) fail(); // an item that is not an object
          depth++;
        },
        onArrayEnd: () => {
          depth--;
        },
        onObjectBegin: (offset) => {
          if (depth === 0) fail(); // a single item object, not an array: the tree reads it
          if (depth === 1) item = { start: offset };
          depth++;
        },
        onObjectEnd: (offset, length) => {
          depth--;
          if (depth !== 1 || !item) return;
          const id = citedKey(text, item.id, item.standardCitation, item.note);
          if (!id) return fail();
          const type = item.type ?? '';
          const r = range(item.start, offset + length);
          if (!type) errors.push({ message: `CSL-JSON item '${id.value}' has no "type"`, range: id.range, severity: 'warning' });
          entries.push(new CslJsonSliceEntry(id.value, id.range, r, type, text));
          item = undefined;
        },
        onObjectProperty: (name) => {
          property = depth === 2 ? name : undefined;
        },
        onLiteralValue: (value: unknown, offset, length) => {
          if (depth === 1) return fail(); // a literal item
          if (depth !== 2 || !item || property === undefined) return;
          const literal = () => ({
            value: String(value),
            range: typeof value === 'string' && length >= 2 ? range(offset + 1, offset + length - 1) : range(offset, offset + length),
          });
          if (property === 'id' && item.id === undefined) {
            if (typeof value !== 'string' && typeof value !== 'number') return fail();
            item.id = literal();
          } else if (property === 'type' && item.type === undefined && typeof value === 'string') item.type = value;
          else if (property === 'standard_citation' && item.standardCitation === undefined && typeof value === 'string') item.standardCitation = literal();
          else if (property === 'note' && item.note === undefined && typeof value === 'string') item.note = literal();
          property = undefined;
        },
        onError: fail,
      },
      { allowTrailingComma: true, disallowComments: false },
    );
  } catch {
    return undefined; // let the tree say what went wrong
  }
  return clean && rootSeen ? { entries, errors } : undefined;
}

/** The error-tolerant read: a syntax tree of the whole file, then each item checked. */
export function parseCslJsonTree(text: string): BibParseResult {
  const entries: BibEntry[] = [];
  const errors: BibError[] = [];
  const syntax: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, syntax, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // jsonc-parser recurses per nesting level: on a small stack, deep nesting can overflow it. Read the items alone.
    errors.push({ message: `Cannot parse CSL-JSON: ${String(e)}`, range: range(0, 0), severity: 'error' });
    return { entries: resynchronised(text, []), errors };
  }
  for (const e of syntax) {
    const code = printParseErrorCode(e.error);
    errors.push({
      message: `CSL-JSON syntax error: ${MESSAGES[code] ?? code}`,
      // At least one character, but inside the text ("'}' expected" is reported one past the end), on whole characters.
      range: wholeCodePoints(text, range(e.offset, e.offset + Math.max(e.length, 1))),
      severity: 'error',
    });
  }
  if (!root) {
    if (text.trim()) errors.push({ message: 'CSL-JSON: no JSON value found', range: range(0, text.length), severity: 'error' });
    return { entries, errors };
  }

  // An array of items is the format; a single item object is accepted too.
  const items = root.type === 'array' ? (root.children ?? []) : root.type === 'object' ? [root] : [];
  if (root.type !== 'array' && root.type !== 'object') {
    errors.push({ message: 'CSL-JSON must be an array of items', range: nodeRange(root), severity: 'error' });
  }
  const errorOffsets = syntax.map((e) => e.offset).sort((a, b) => a - b);
  const hasErrorIn = (r: OffsetRange): boolean => {
    // Binary search: libraries can be large and syntax errors few.
    let lo = 0;
    let hi = errorOffsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (errorOffsets[mid]! < r.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < errorOffsets.length && errorOffsets[lo]! < r.end;
  };

  for (const item of items) {
    const r = nodeRange(item);
    if (item.type !== 'object') {
      errors.push({ message: 'CSL-JSON item must be an object', range: r, severity: 'error' });
      continue;
    }
    const key = keyOfNode(text, item);
    if (!key) {
      errors.push({ message: 'CSL-JSON item has no "id"', range: range(r.start, r.start + 1), severity: 'error' });
      continue;
    }
    if (hasErrorIn(r)) continue; // already reported; a half-read item would show wrong data
    const typeNode = property(item, 'type');
    const type = typeNode?.type === 'string' ? String(typeNode.value) : '';
    if (!type) {
      errors.push({ message: `CSL-JSON item '${key.value}' has no "type"`, range: key.range, severity: 'warning' });
    }
    entries.push(new CslJsonEntry(key.value, key.range, r, type, item));
  }
  // One stray `}` or unclosed string ends the tree there: read the items after it on their own.
  if (syntax.length) {
    entries.push(...resynchronised(text, entries));
    entries.sort((a, b) => a.range.start - b.range.start);
  }
  return { entries, errors };
}

/**
 * Items recovered after a syntax error that broke the array: each line that opens an object at the
 * items' indentation (`{` first on the line, after an optional comma) starts a candidate, read alone.
 * Candidates that parse cleanly with an id and were not read by the tree are added; broken ones were
 * reported already. Files with several items on one line are not resynchronised.
 */
function resynchronised(text: string, found: readonly BibEntry[]): BibEntry[] {
  const starts: { at: number; indent: number }[] = [];
  for (const m of text.matchAll(/^([ \t]*)(?:,[ \t]*)?\{/gm)) starts.push({ at: m.index + m[0].length - 1, indent: m[1]!.length });
  if (!starts.length) return [];
  const indent = Math.min(...starts.map((s) => s.indent));
  const items = starts.filter((s) => s.indent === indent).map((s) => s.at);
  const known = new Set(found.map((e) => e.range.start));
  const out: BibEntry[] = [];
  for (let i = 0; i < items.length; i++) {
    const start = items[i]!;
    if (known.has(start)) continue;
    const chunk = trimEndOf(text.slice(start, items[i + 1] ?? text.length), (c) => c === ',' || c === ']' || isSpace(c));
    const errors: ParseError[] = [];
    const node = parseTree(chunk, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length || node?.type !== 'object') continue;
    const key = keyOfNode(text, node, start);
    if (!key) continue;
    const typeNode = property(node, 'type');
    const type = typeNode?.type === 'string' ? String(typeNode.value) : '';
    out.push(new CslJsonEntry(key.value, key.range, nodeRange(node, start), type, node));
  }
  return out;
}
