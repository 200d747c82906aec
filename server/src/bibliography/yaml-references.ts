/**
 * Inline `references:` in a Markdown document's front matter (CSL YAML, as Pandoc accepts it).
 * Ranges come from the `yaml` library's node ranges, shifted by `baseOffset`, the offset of the
 * YAML text in the Markdown document. An item without an `id` or with a YAML error inside is
 * reported and skipped; the others load.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import { range, type OffsetRange } from '../text/range.js';
import { wholeCodePoints } from '../text/code-points.js';
import type { BibEntry, BibError, BibParseResult, CslItem } from './types.js';
import { LazyEntry } from './entry.js';

class YamlEntry extends LazyEntry {
  constructor(key: string, keyRange: OffsetRange, range: OffsetRange, entryType: string, private readonly node: YAMLMap) {
    super(key, keyRange, range, entryType);
  }

  protected convert(): CslItem {
    let value: unknown;
    try {
      value = this.node.toJSON();
    } catch {
      value = {};
    }
    const item = normalizeItem((value && typeof value === 'object' ? value : {}) as Record<string, unknown>);
    return { ...item, id: this.key, type: this.entryType || 'document' };
  }
}

/**
 * The value of `references:` sliced out of the front matter starts at its first `- ` while the
 * following items keep their indentation; re-indent the first line so the slice parses as the same
 * sequence. Returns the text to parse and how many characters were prepended.
 */
function reindent(text: string): { text: string; shift: number } {
  if (!/^[ \t]*-[ \t\n]/.test(text)) return { text, shift: 0 };
  const first = /^[ \t]*/.exec(text)![0].length;
  let indent = Infinity;
  for (const m of text.matchAll(/\n([ \t]*)-[ \t\n]/g)) indent = Math.min(indent, m[1]!.length);
  if (!Number.isFinite(indent)) {
    // A single item: its continuation lines sit under the content that follows the first `- `.
    const content = /^[ \t]*-[ \t]+/.exec(text)?.[0].length;
    const next = /\n([ \t]+)\S/.exec(text)?.[1]!.length;
    if (content !== undefined && next !== undefined) indent = next - (content - first);
  }
  if (!Number.isFinite(indent) || indent <= first) return { text, shift: 0 };
  const shift = indent - first;
  return { text: ' '.repeat(shift) + text, shift };
}

export function parseYamlReferences(yamlText: string, baseOffset = 0): BibParseResult {
  const result = parseOnce(yamlText, baseOffset);
  if (!result.errors.length) return result;
  // A broken item (an unclosed `{` or quote) can swallow the rest of the list: read the others alone.
  const known = new Set(result.entries.map((e) => e.range.start));
  const recovered = resynchronised(yamlText, baseOffset).filter((e) => !known.has(e.range.start));
  if (!recovered.length) return result;
  return { entries: [...result.entries, ...recovered].sort((a, b) => a.range.start - b.range.start), errors: result.errors };
}

/**
 * Items recovered after a YAML error: each `- ` line at the items' (least) indentation starts
 * a candidate, parsed alone; candidates that parse cleanly are kept (broken ones were reported already).
 */
function resynchronised(yamlText: string, baseOffset: number): BibEntry[] {
  const from = /^references[ \t]*:/m.exec(yamlText)?.index ?? 0;
  const lines = [...yamlText.slice(from).matchAll(/^([ \t]*)-[ \t\n]/gm)].map((m) => ({ at: from + m.index, indent: m[1]!.length }));
  if (!lines.length) return [];
  // Nested lists (authors) sit deeper than the items.
  const indent = Math.min(...lines.map((l) => l.indent));
  const starts = lines.filter((l) => l.indent === indent).map((l) => l.at);
  const out: BibEntry[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const chunk = yamlText.slice(start, starts[i + 1] ?? yamlText.length);
    // The chunk is a whole indented list already: no re-indenting (that is for a sliced first item).
    const alone = parseOnce(chunk, baseOffset + start, false);
    if (!alone.errors.length) out.push(...alone.entries);
  }
  return out;
}

function parseOnce(yamlText: string, baseOffset: number, sliced = true): BibParseResult {
  const entries: BibEntry[] = [];
  const errors: BibError[] = [];
  const { text, shift } = sliced ? reindent(yamlText) : { text: yamlText, shift: 0 };
  const at = (offset: number): number => baseOffset + Math.max(0, Math.min(offset - shift, yamlText.length));
  // Error ranges of one character must not split a surrogate pair (offsets are into the whole text).
  const whole = (r: OffsetRange): OffsetRange => {
    const w = wholeCodePoints(yamlText, range(r.start - baseOffset, r.end - baseOffset));
    return range(w.start + baseOffset, w.end + baseOffset);
  };
  const rangeOf = (node: { range?: [number, number, number] | null | undefined }): OffsetRange =>
    node.range ? range(at(node.range[0]), at(node.range[1])) : range(baseOffset, baseOffset);

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    errors.push({ message: `Cannot parse references YAML: ${String(e)}`, range: range(baseOffset, baseOffset + yamlText.length), severity: 'error' });
    return { entries, errors };
  }
  const errorRanges: OffsetRange[] = [];
  for (const e of doc.errors) {
    const r = whole(range(at(e.pos[0]), at(Math.max(e.pos[1], e.pos[0] + 1))));
    errorRanges.push(r);
    errors.push({ message: `YAML error in references: ${e.message.split('\n')[0]}`, range: r, severity: 'error' });
  }

  let seq: YamlNode | null | undefined = doc.contents;
  if (isMap(seq)) seq = seq.get('references', true) as YamlNode | undefined; // whole front matter given
  if (!seq) return { entries, errors };
  if (!isSeq(seq)) {
    errors.push({ message: '`references` must be a list of CSL items', range: rangeOf(seq), severity: 'error' });
    return { entries, errors };
  }

  for (const item of seq.items) {
    if (!isMap(item)) {
      errors.push({ message: 'Reference must be a mapping with an `id`', range: rangeOf(item as YamlNode), severity: 'error' });
      continue;
    }
    const r = rangeOf(item);
    const idNode = item.get('id', true);
    if (!isScalar(idNode) || idNode.value === null || String(idNode.value) === '') {
      errors.push({ message: 'Reference has no `id`', range: whole(range(r.start, Math.min(r.end, r.start + 1))), severity: 'error' });
      continue;
    }
    if (errorRanges.some((e) => e.start >= r.start && e.start < r.end)) continue; // reported above
    const key = String(idNode.value);
    const keyRange = keyRangeOf(idNode, rangeOf(idNode), yamlText, baseOffset);
    const typeNode = item.get('type', true);
    const type = isScalar(typeNode) && typeof typeNode.value === 'string' ? typeNode.value : '';
    entries.push(new YamlEntry(key, keyRange, r, type, item));
  }
  return { entries, errors };
}

/** For quoted ids (`id: "katz2012"`), the range of the key inside the quotes. */
function keyRangeOf(node: { type?: string }, r: OffsetRange, yamlText: string, baseOffset: number): OffsetRange {
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    const inner = yamlText.slice(r.start - baseOffset, r.end - baseOffset);
    if (inner.length >= 2) return range(r.start + 1, r.end - 1);
  }
  return r;
}

// -------------------------------------------------------------------------------------------------
// Pandoc's CSL YAML is laxer than CSL-JSON: dates as EDTF strings (`2012-03-04`, `2012`), the old
// `issued: [{year: 2012}]` form, Markdown emphasis in titles. Normalise to CSL-JSON.

const DATE_FIELDS = new Set(['issued', 'accessed', 'original-date', 'event-date', 'submitted', 'available-date']);

function normalizeItem(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (DATE_FIELDS.has(k)) out[k] = normalizeDate(v);
    else if (typeof v === 'string' && (k === 'title' || k === 'container-title' || k === 'collection-title')) out[k] = markdownEmphasisToHtml(v);
    else out[k] = v;
  }
  return out;
}

function normalizeDate(v: unknown): unknown {
  if (typeof v === 'number') return { 'date-parts': [[v]] };
  if (typeof v === 'string') {
    const parts = v.split('/').map((p) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(p.trim()));
    if (parts.every((m) => m)) {
      return { 'date-parts': parts.map((m) => m!.slice(1).filter((x): x is string => x !== undefined).map(Number)) };
    }
    return { raw: v };
  }
  if (Array.isArray(v)) {
    // Legacy Pandoc form: [{year: 2012, month: 3}, ...]
    const parts = v
      .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
      .map((d) => ['year', 'month', 'day'].map((p) => Number(d[p])).filter((n) => Number.isInteger(n)));
    return { 'date-parts': parts.filter((p) => p.length) };
  }
  return v;
}

function markdownEmphasisToHtml(s: string): string {
  return s
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/(^|[^\w*])\*([^*\s][^*]*?)\*(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|\W)_([^_\s][^_]*?)_(?!\w)/g, '$1<i>$2</i>');
}
