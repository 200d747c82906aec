/**
 * BibTeX/BibLaTeX entry → CSL-JSON.
 *
 * The mapping itself is citation-js's (`@biblatex/entry+object`, the same code its file parser
 * runs after tokenising): it is mature (types, names with particles, dates, LaTeX values, crossref
 * inheritance) and can be applied to one already-parsed entry for ~0.1-0.3 ms. We post-process a
 * few points where Pandoc's behaviour (what the user's document will actually render) or the CSL
 * spec differ from citation-js: `{Braced Names}` become `literal`, `langid` becomes a BCP 47 tag,
 * page ranges use an en dash, `id` is the key exactly as written.
 *
 * If citation-js throws on an odd entry, a small built-in mapping (using latex.ts) is used instead,
 * so `csl()` never throws.
 */
import { logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { CslItem } from './types.js';
import type { BibTeXEntry } from './bibtex.js';
import { latexToUnicode } from './latex.js';

// Like Pandoc, store English titles in sentence case (CSL's convention: styles that want title case
// apply it; APA, the default, wants sentence case). Braced words stay as written.
plugins.config.get('@bibtex').parse.sentenceCase = 'english';

type Lookup = (key: string) => BibTeXEntry | undefined;

interface CitationJsEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

function toCitationJs(entry: BibTeXEntry): CitationJsEntry {
  const properties: Record<string, string> = {};
  for (const [name, field] of entry.fields) properties[name] = field.value;
  // citation-js decides sentence casing from `language` only; BibLaTeX files say `langid`.
  if (properties.langid !== undefined && properties.language === undefined) properties.language = properties.langid;
  return { type: entry.entryType, label: entry.key, properties };
}

export function bibtexToCsl(entry: BibTeXEntry, lookup?: Lookup): CslItem {
  let item: CslItem;
  try {
    item = viaCitationJs(entry, lookup);
  } catch {
    item = fallbackMapping(entry);
  } finally {
    // citation-js appends every log call (even when silent) to an array that is never trimmed.
    logger._log.length = 0;
  }
  return postProcess(item, entry);
}

function viaCitationJs(entry: BibTeXEntry, lookup: Lookup | undefined): CslItem {
  const input: CitationJsEntry[] = [toCitationJs(entry)];
  // Crossref/xref inheritance needs the parent in the same batch; citation-js resolves it.
  for (const refField of ['crossref', 'xref']) {
    const target = entry.fields.get(refField)?.value.trim();
    const parent = target && target !== entry.key ? lookup?.(target) : undefined;
    if (parent) {
      // citation-js matches labels exactly; BibTeX matches crossref keys case-insensitively.
      input[0]!.properties[refField] = parent.key;
      input.push(toCitationJs(parent));
    }
  }
  const output = plugins.input.data(input, '@biblatex/entries+list');
  const first: unknown = Array.isArray(output) ? output[0] : undefined;
  if (!first || typeof first !== 'object') throw new Error('citation-js returned no item');
  return first as CslItem;
}

function postProcess(item: CslItem, entry: BibTeXEntry): CslItem {
  fixDotlessI(item);
  item.id = entry.key;
  // `{World Health Organization}`: Pandoc and CSL treat a fully braced name as a literal.
  for (const role of ['author', 'editor', 'translator']) {
    const raw = entry.fields.get(role)?.value;
    const names = item[role];
    if (raw === undefined || !Array.isArray(names)) continue;
    const rawNames = splitNames(raw);
    if (rawNames.length !== names.length) continue;
    rawNames.forEach((rawName, i) => {
      if (isFullyBraced(rawName)) names[i] = { literal: latexToUnicode(rawName) };
    });
  }
  const lang = entry.fields.get('langid')?.value ?? entry.fields.get('language')?.value;
  if (lang !== undefined) {
    const tag = languageTag(latexToUnicode(lang));
    if (tag) item.language = tag;
  }
  if (typeof item.page === 'string') item.page = enDashRanges(item.page);
  // citation-js copies the BibTeX type name into `genre`; styles print it ("[Phdthesis]").
  if (typeof item.genre === 'string' && Object.hasOwn(GENRES, item.genre)) {
    const genre = GENRES[item.genre];
    if (genre) item.genre = genre;
    else delete item.genre;
  }
  // BibLaTeX `@misc`/`@online` with only a URL is a web page for every CSL style that matters.
  if (item.type === 'document' && typeof item.URL === 'string' && entry.entryType === 'misc') {
    item.type = 'webpage';
  }
  return item;
}

/** `{\\'\\i}` comes out of citation-js as dotless ı + combining accent; make it í. */
function fixDotlessI(value: Record<string, unknown> | unknown[]): void {
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      if (v.includes('ı')) (value as Record<string, unknown>)[k] = v.replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC');
    } else if (v && typeof v === 'object') fixDotlessI(v as Record<string, unknown>);
  }
}

const GENRES: Record<string, string> = {
  phdthesis: 'PhD thesis', mastersthesis: "Master's thesis", techreport: '', // as Pandoc: no genre
};

/** `12-34`, `12--34`, `12 -- 34` → `12–34`. */
export function enDashRanges(page: string): string {
  return page.replace(/\s*(?:-{1,3}|–|—)\s*/g, '–');
}

/** Splits a BibTeX name list on top-level ` and `; with `limit`, stops after that many names. */
export function splitNames(raw: string, limit = Infinity): string[] {
  const names: string[] = [];
  const push = (name: string) => {
    if (name !== '') names.push(name);
  };
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length && names.length < limit; i++) {
    const code = raw.charCodeAt(i);
    if (code === 123) depth++;
    else if (code === 125) depth--;
    else if (depth === 0 && isWhitespace(code) && /^\s+and\s/i.test(raw.slice(i, i + 6))) {
      const m = /^\s+and\s+/i.exec(raw.slice(i))!;
      push(raw.slice(start, i).trim());
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  if (names.length < limit) push(raw.slice(start).trim());
  return names;
}

/** `/\s/` for one character code, without a regular expression for the common ASCII cases. */
function isWhitespace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && /\s/.test(String.fromCharCode(code));
}

function isFullyBraced(name: string): boolean {
  if (!name.startsWith('{') || !name.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '{') depth++;
    else if (name[i] === '}' && --depth === 0 && i !== name.length - 1) return false;
  }
  // `{\"O}zt{\"u}rk, A.` starts with a brace but is not fully braced; nor is a `{\'E}mile` token.
  return !/^\{\\/.test(name) || name.indexOf('}') === name.length - 1;
}

/** Babel/polyglossia language names → BCP 47 (CSL's `language`). */
const LANGUAGES: Record<string, string> = {
  english: 'en', american: 'en-US', usenglish: 'en-US', british: 'en-GB', ukenglish: 'en-GB',
  canadian: 'en-CA', australian: 'en-AU', newzealand: 'en-NZ', german: 'de', ngerman: 'de-DE',
  austrian: 'de-AT', naustrian: 'de-AT', swissgerman: 'de-CH', nswissgerman: 'de-CH',
  french: 'fr', francais: 'fr', canadien: 'fr-CA', acadian: 'fr-CA', spanish: 'es', mexican: 'es-MX',
  italian: 'it', dutch: 'nl', portuguese: 'pt', portuges: 'pt', brazil: 'pt-BR', brazilian: 'pt-BR',
  russian: 'ru', persian: 'fa', farsi: 'fa', arabic: 'ar', hebrew: 'he', chinese: 'zh',
  japanese: 'ja', korean: 'ko', polish: 'pl', czech: 'cs', slovak: 'sk', swedish: 'sv',
  norwegian: 'nb', norsk: 'nb', nynorsk: 'nn', danish: 'da', finnish: 'fi', greek: 'el',
  turkish: 'tr', hungarian: 'hu', magyar: 'hu', romanian: 'ro', catalan: 'ca', croatian: 'hr',
  serbian: 'sr', slovene: 'sl', slovenian: 'sl', ukrainian: 'uk', bulgarian: 'bg', latin: 'la',
  estonian: 'et', latvian: 'lv', lithuanian: 'lt', icelandic: 'is', irish: 'ga', welsh: 'cy',
  basque: 'eu', galician: 'gl', hindi: 'hi', indonesian: 'id', bahasa: 'id', malay: 'ms',
  thai: 'th', vietnamese: 'vi', afrikaans: 'af', albanian: 'sq', armenian: 'hy', georgian: 'ka',
  urdu: 'ur', bengali: 'bn', tamil: 'ta', sanskrit: 'sa', swahili: 'sw', esperanto: 'eo',
  scottish: 'gd', kurdish: 'ku', amharic: 'am', mongolian: 'mn',
};

export function languageTag(value: string): string | undefined {
  const v = value.trim();
  const known = LANGUAGES[v.toLowerCase()];
  if (known) return known;
  if (/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(v)) return v; // already a tag
  return v === '' ? undefined : v;
}

// ---------------------------------------------------------------------------------------------
// Fallback mapping, only used when citation-js throws.

const TYPES: Record<string, string> = {
  article: 'article-journal', book: 'book', mvbook: 'book', inbook: 'chapter', bookinbook: 'chapter',
  incollection: 'chapter', collection: 'book', mvcollection: 'book', inproceedings: 'paper-conference',
  conference: 'paper-conference', proceedings: 'book', mvproceedings: 'book', techreport: 'report',
  report: 'report', manual: 'report', phdthesis: 'thesis', mastersthesis: 'thesis', thesis: 'thesis',
  online: 'webpage', electronic: 'webpage', www: 'webpage', unpublished: 'manuscript',
  misc: 'document', booklet: 'pamphlet', periodical: 'periodical', patent: 'patent',
  dataset: 'dataset', software: 'software', reference: 'reference', inreference: 'entry-encyclopedia',
};

const SIMPLE: ReadonlyArray<[string, string]> = [
  ['title', 'title'], ['booktitle', 'container-title'], ['journaltitle', 'container-title'],
  ['journal', 'container-title'], ['volume', 'volume'], ['number', 'issue'], ['pages', 'page'],
  ['publisher', 'publisher'], ['school', 'publisher'], ['institution', 'publisher'],
  ['location', 'publisher-place'], ['address', 'publisher-place'], ['edition', 'edition'],
  ['doi', 'DOI'], ['isbn', 'ISBN'], ['issn', 'ISSN'], ['note', 'note'], ['series', 'collection-title'],
  ['abstract', 'abstract'],
];

function fallbackMapping(entry: BibTeXEntry): CslItem {
  const f = (name: string): string | undefined => entry.fields.get(name)?.value;
  const item: CslItem = { id: entry.key, type: TYPES[entry.entryType] ?? 'document' };
  for (const [source, target] of SIMPLE) {
    const v = f(source);
    if (v !== undefined && item[target] === undefined) item[target] = latexToUnicode(v, 'html');
  }
  const url = f('url');
  if (url !== undefined) {
    item.URL = url.trim();
    if (entry.entryType === 'misc') item.type = 'webpage';
  }
  for (const role of ['author', 'editor', 'translator']) {
    const raw = f(role);
    if (raw !== undefined) item[role] = splitNames(raw).map(parseName);
  }
  const issued = parseDate(f('date')) ?? yearMonth(f('year'), f('month'));
  if (issued) item.issued = issued;
  const accessed = parseDate(f('urldate'));
  if (accessed) item.accessed = accessed;
  return item;
}

export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

/** Top-level split (outside braces) on a separator predicate. */
function splitTop(s: string, isSep: (c: string) => boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && isSep(c)) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** "von Last, Jr, First", "von Last, First" or "First von Last"; `{Org Name}` → literal. */
export function parseName(raw: string): CslName {
  if (isFullyBraced(raw)) return { literal: latexToUnicode(raw) };
  const isLower = (w: string): boolean => /^[a-z]/.test(w);
  const commaParts = splitTop(raw, (c) => c === ',');
  let first: string[];
  let rest: string[];
  let suffix: string | undefined;
  if (commaParts.length >= 2) {
    rest = splitTop(commaParts[0]!, (c) => /\s/.test(c));
    first = splitTop(commaParts[commaParts.length - 1]!, (c) => /\s/.test(c));
    if (commaParts.length >= 3) suffix = commaParts[1];
  } else {
    const words = splitTop(raw, (c) => /\s/.test(c));
    let vonStart = words.findIndex((w, i) => i < words.length - 1 && isLower(w));
    if (vonStart < 0) vonStart = words.length - 1;
    first = words.slice(0, vonStart);
    rest = words.slice(vonStart);
  }
  let lastVon = -1;
  for (let i = 0; i < rest.length - 1; i++) if (isLower(rest[i]!)) lastVon = i;
  const name: CslName = {};
  const von = rest.slice(0, lastVon + 1);
  const family = rest.slice(lastVon + 1);
  if (family.length) name.family = latexToUnicode(family.join(' '));
  if (first.length) name.given = latexToUnicode(first.join(' '));
  if (von.length) name['non-dropping-particle'] = latexToUnicode(von.join(' '));
  if (suffix) name.suffix = latexToUnicode(suffix);
  return name;
}

type CslDate = { 'date-parts': number[][] } | { literal: string };

function parseDate(value: string | undefined): CslDate | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const parts = v.split('/').map((p) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(p.trim()));
  if (parts.length === 0 || parts.some((m) => !m)) return v ? { literal: v } : undefined;
  return {
    'date-parts': parts.map((m) => m!.slice(1).filter((x): x is string => x !== undefined).map(Number)),
  };
}

function yearMonth(year: string | undefined, month: string | undefined): CslDate | undefined {
  if (year === undefined) return undefined;
  const y = /\d{1,4}/.exec(year);
  if (!y) return { literal: latexToUnicode(year) };
  const m = month !== undefined ? Number.parseInt(month, 10) : NaN;
  return { 'date-parts': [Number.isInteger(m) && m >= 1 && m <= 12 ? [Number(y[0]), m] : [Number(y[0])]] };
}

/** Exposed for tests: the fallback mapping, as used when citation-js fails on an entry. */
export const fallbackBibtexToCsl = (entry: BibTeXEntry): CslItem => postProcess(fallbackMapping(entry), entry);
