/**
 * Property-based fuzzing of the bibliography parsers (fast-check; seeded and bounded so `npm test` stays
 * quick and repeatable; FUZZ_RUNS=n runs n cases per property, FUZZ_SEED picks another seed).
 *
 * Inputs: generated BibTeX, CSL-JSON and CSL-YAML, and mutations of real files (../shared/data:
 * wals-sources.bib and the corpus bibliographies): truncation, character flips, unbalanced braces,
 * NULs, lone surrogates, CRLF, a BOM, a 100k-character field, 10k-deep braces.
 * Properties: nothing throws (parse, csl(), summary); every range lies inside the text on UTF-16
 * boundaries; output is bounded by the input; an entry that parses alone still parses next to a
 * broken one. Speed is measured by bench/bibliography-limits.mjs, not here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseBibliography } from '../../../server/src/bibliography/load.js';
import { summarise } from '../../../server/src/bibliography/summary.js';
import type { BibFormat, BibParseResult } from '../../../server/src/bibliography/types.js';
import { sharedData } from '../../shared-data.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 40);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const params = (scale = 1) => ({ seed: SEED, numRuns: Math.max(1, Math.round(RUNS * scale)) });
/** Not a speed check: room for the cases on a loaded machine, growing with FUZZ_RUNS. */
const TIMEOUT = 120_000 * Math.max(1, RUNS / 40);

// ---------------------------------------------------------------------------------------------------
// Checks shared by every property.

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** A range edge must not split a surrogate pair (editors cannot place a cursor there). */
const onBoundary = (text: string, at: number) => !(at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at)));

function checkedParse(text: string, format: BibFormat): BibParseResult {
  const r = parseBibliography(text, format);
  const problems: string[] = [];
  const inside = (what: string, range: { start: number; end: number }) => {
    if (!(range.start >= 0 && range.start <= range.end && range.end <= text.length)) problems.push(`${what} ${range.start}-${range.end} outside 0-${text.length}`);
    else if (!onBoundary(text, range.start) || !onBoundary(text, range.end)) problems.push(`${what} ${range.start}-${range.end} splits a surrogate pair`);
  };
  for (const e of r.entries) {
    inside(`entry '${e.key}'`, e.range);
    inside(`key '${e.key}'`, e.keyRange);
    if (e.keyRange.start < e.range.start || e.keyRange.end > e.range.end) problems.push(`key '${e.key}' outside its entry`);
    const csl = e.csl();
    if (csl.id !== e.key) problems.push(`csl id ${csl.id} for key ${e.key}`);
    summarise(e);
  }
  for (const e of r.errors) inside(`error '${e.message}'`, e.range);
  // Bounded output: no more errors than characters (plus one for an empty file), no more entries than items could be.
  if (r.errors.length > text.length + 1) problems.push(`${r.errors.length} errors for ${text.length} characters`);
  expect(problems).toEqual([]);
  return r;
}

// ---------------------------------------------------------------------------------------------------
// Mutations.

const SPECIALS = ['{', '}', '"', '@', ',', '=', '#', '%', '\\', '\u0000', '\uD800', '\uDC00', '\r\n', '\r', '\uFEFF', '\u202E', '\t', '\n@book{', '}\n', '[', ']', ':', '- '];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; to: string }
  | { kind: 'insert'; at: number; what: string }
  | { kind: 'crlf' }
  | { kind: 'bom' }
  | { kind: 'long-field'; at: number }
  | { kind: 'deep-braces'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), to: fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(...SPECIALS) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('long-field' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('deep-braces' as const), at: fc.nat() }),
);

/** The mutated text and where the damage is (undefined: everywhere). */
function mutate(text: string, m: Mutation): { text: string; at?: number } {
  const at = 'at' in m ? (text.length ? m.at % (text.length + 1) : 0) : 0;
  switch (m.kind) {
    case 'truncate':
      return { text: text.slice(0, at), at };
    case 'flip':
      return { text: text.slice(0, at) + m.to + text.slice(at + 1), at };
    case 'insert':
      return { text: text.slice(0, at) + m.what + text.slice(at), at };
    case 'crlf':
      return { text: text.replace(/\r?\n/g, '\r\n') };
    case 'bom':
      return { text: '\uFEFF' + text };
    case 'long-field':
      return { text: text.slice(0, at) + 'x'.repeat(100_000) + text.slice(at), at };
    case 'deep-braces':
      return { text: text.slice(0, at) + '{'.repeat(10_000) + 'deep' + '}'.repeat(10_000) + text.slice(at), at };
  }
}

// ---------------------------------------------------------------------------------------------------
// Generators of valid input.

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/);
const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_:-]{0,14}$/);
const latexText = fc
  .array(fc.oneof(word, fc.constantFrom('{\\"o}', "\\'e", '\\ss{}', '\\textit{Moby}', '--', '~', '{DNA}', '\\&', '$\\alpha$', 'Ünïcödé', '日本語', '𝔸')), { minLength: 1, maxLength: 8 })
  .map((ws) => ws.join(' '));
const bibValue = fc.oneof(
  latexText.map((t) => `{${t}}`),
  latexText.filter((t) => !t.includes('"')).map((t) => `"${t}"`),
  fc.integer({ min: 1, max: 2100 }).map(String),
  fc.constantFrom('jan', 'feb', 'dec'),
);
const bibEntry = fc
  .record({
    type: fc.constantFrom('article', 'book', 'inproceedings', 'misc', 'online', 'thesis', 'incollection'),
    key,
    author: fc.array(fc.tuple(word, word), { minLength: 0, maxLength: 3 }),
    fields: fc.uniqueArray(fc.tuple(fc.constantFrom('title', 'year', 'journal', 'publisher', 'note', 'pages', 'doi', 'month', 'langid'), bibValue), {
      maxLength: 6,
      selector: ([name]) => name,
    }),
  })
  .map(({ type, key, author, fields }) => {
    const lines = fields.map(([n, v]) => `  ${n} = ${v}`);
    if (author.length) lines.unshift(`  author = {${author.map(([f, g]) => `${f}, ${g}`).join(' and ')}}`);
    return { key, text: `@${type}{${key},\n${lines.join(',\n')}\n}` };
  });

const cslItem = fc
  .record({
    id: key,
    type: fc.constantFrom('book', 'article-journal', 'chapter', 'webpage', 'report'),
    title: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    author: fc.option(fc.array(fc.record({ family: word, given: word }), { maxLength: 3 }), { nil: undefined }),
    issued: fc.option(fc.record({ 'date-parts': fc.tuple(fc.tuple(fc.integer({ min: 1000, max: 2100 }))) }), { nil: undefined }),
  })
  .map((item) => JSON.parse(JSON.stringify(item)) as Record<string, unknown> & { id: string });

// ---------------------------------------------------------------------------------------------------
// Generated input.

describe('fuzz: generated bibliographies', () => {
  it('BibTeX: every generated entry parses alone, and still parses next to a broken neighbour', () => {
    fc.assert(
      fc.property(fc.array(bibEntry, { minLength: 1, maxLength: 6 }), bibEntry, mutation, fc.nat(), (entries, victim, m, where) => {
        const alone = entries.map((e) => checkedParse(e.text, 'bibtex'));
        for (const r of alone) expect([r.entries.length, r.errors]).toEqual([1, []]);
        const broken = mutate(victim.text, m).text;
        const pos = where % (entries.length + 1);
        const parts = entries.map((e) => e.text);
        parts.splice(pos, 0, broken);
        const file = checkedParse(parts.join('\n'), 'bibtex');
        // Each good entry is still there with the same fields (same CSL item), whatever its neighbour.
        const csl = file.entries.map((e) => JSON.stringify(e.csl()));
        for (const r of alone) expect(csl).toContain(JSON.stringify(r.entries[0]!.csl()));
      }),
      params(),
    );
  }, TIMEOUT);

  it('CSL-JSON: a broken item never silences the items around it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(cslItem, { minLength: 1, maxLength: 6, selector: (i) => i.id }), cslItem, mutation, fc.nat(), (items, victim, m, where) => {
        const broken = mutate(JSON.stringify(victim, null, 2), m).text;
        const pos = where % (items.length + 1);
        const parts = items.map((i) => JSON.stringify(i, null, 2));
        parts.splice(pos, 0, broken);
        const file = checkedParse(`[\n${parts.join(',\n')}\n]\n`, 'csljson');
        const keys = file.entries.map((e) => e.key);
        for (const i of items) expect(keys).toContain(i.id);
      }),
      params(),
    );
  }, TIMEOUT);

  it('CSL-YAML: a broken item never silences the items around it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(cslItem, { minLength: 1, maxLength: 6, selector: (i) => i.id }), cslItem, mutation, fc.nat(), (items, victim, m, where) => {
        const item = (i: object) => stringify([i]).trimEnd();
        const broken = mutate(item(victim), m).text;
        const pos = where % (items.length + 1);
        const parts = items.map(item);
        parts.splice(pos, 0, broken);
        const file = checkedParse(`references:\n${parts.join('\n').replace(/^/gm, '  ')}\n`, 'yaml');
        const keys = file.entries.map((e) => e.key);
        for (const i of items) expect(keys).toContain(i.id);
      }),
      params(),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------
// Mutations of real files.

function corpusBibliographies(): string[] {
  const dir = sharedData('corpus').path;
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) {
        if (depth < 4 && name !== 'claims') walk(p, depth + 1);
      } else if (/\.(bib|json|ya?ml)$/.test(name) && !/metadata|manifest|stats/.test(name) && statSync(p).size < 2_000_000) out.push(p);
    }
  };
  walk(dir, 0);
  return out.sort();
}

const wals = sharedData('bib/wals-sources.bib');
const corpus = sharedData('corpus');

describe('fuzz: mutated real bibliographies', () => {
  it.skipIf(!wals.present)(`wals-sources.bib slices: entries away from the damage still load${wals.skipNote}`, () => {
    const text = readFileSync(wals.path, 'utf8');
    // Slices of 30 entries at seeded places keep each case small.
    const starts = [...text.matchAll(/^@/gm)].map((m) => m.index!);
    fc.assert(
      fc.property(fc.nat(starts.length - 31), mutation, (first, m) => {
        const slice = text.slice(starts[first]!, starts[first + 30]!);
        const original = checkedParse(slice, 'bibtex');
        const { text: damaged, at } = mutate(slice, m);
        const after = checkedParse(damaged, 'bibtex');
        if (at === undefined) {
          expect(after.entries.map((e) => e.key)).toEqual(original.entries.map((e) => e.key));
          return;
        }
        // Entries wholly before the damage keep their key (truncation and edits never reach back).
        const before = original.entries.filter((e) => e.range.end < at).map((e) => e.key);
        expect(after.entries.map((e) => e.key).slice(0, before.length)).toEqual(before);
        // Entries after it too, when the damage is a one-character edit (the parser resyncs at the next line-start @).
        if (m.kind === 'flip' || m.kind === 'insert') {
          const later = original.entries.filter((e) => e.range.start > at + 1 && slice.lastIndexOf('\n', e.range.start) > at).map((e) => e.key);
          const keys = after.entries.map((e) => e.key);
          for (const k of later) expect(keys).toContain(k);
        }
      }),
      params(),
    );
  }, TIMEOUT);

  const files = corpus.present ? corpusBibliographies() : [];
  it.skipIf(!corpus.present)(`corpus bibliographies (${files.length} files): mutations never throw or leave the text${corpus.skipNote}`, () => {
    expect(files.length).toBeGreaterThan(10);
    const texts = files.map((f) => ({ f, text: readFileSync(f, 'utf8'), format: (/\.json$/.test(f) ? 'csljson' : /\.ya?ml$/.test(f) ? 'yaml' : 'bibtex') as BibFormat }));
    fc.assert(
      fc.property(fc.nat(texts.length - 1), mutation, (i, m) => {
        const { text, format } = texts[i]!;
        checkedParse(mutate(text, m).text, format);
      }),
      params(),
    );
  }, TIMEOUT);
});
