/**
 * Seeded, bounded fuzzing of parse -> model -> analysis (issue #11), part of `npm test`; longer with
 * FUZZ_RUNS=N. Generated Pandoc citations, bracketed spans and front matter, and mutations of the
 * edition and of ../shared/data manuscripts (truncation, byte flips, unbalanced brackets, NULs, lone
 * surrogates, CRLF/CR, BOM, tabs, RTL marks, long lines, deep nesting); FUZZ_SEED picks another seed.
 * Properties: nothing throws; every range lies inside the document on UTF-16 boundaries; printed
 * citations parse back the same.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/analysis/config.js';
import { diagnose } from '../../server/src/analysis/diagnostics/index.js';
import { outline } from '../../server/src/analysis/outline.js';
import { MemoryFileSystem } from '../../server/src/files/file-system.js';
import { buildManuscript } from '../../server/src/model/manuscript.js';
import { listCitations } from '../../server/src/syntax/citations.js';
import { parseMarkdown, stringifyMarkdown } from '../../server/src/syntax/parse.js';
import type { OffsetRange } from '../../server/src/text/range.js';
import { Host } from '../../server/src/workspace/host.js';
import { sharedData } from '../shared-data.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 25);
const seed = Number(process.env['FUZZ_SEED'] ?? 20261201);
const edition = readFileSync(path.resolve(__dirname, '../../document/paper.md'), 'utf8');
const deepReview = sharedData('deep-review/02.intro.md');
const samples = [edition.slice(0, 6000), ...(deepReview.present ? [readFileSync(deepReview.path, 'utf8').slice(0, 6000)] : [])];

const key = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9]{0,8}(?:[:./-][a-z0-9]{1,5}){0,2}$/),
  fc.stringMatching(/^\{[a-z ]{1,8}\}$/),
  fc.constantFrom('doi:10.1000/xyz', 'katz2012russia', 'ایران۱', 'é_k'),
);
const words = fc.array(fc.constantFrom('see', 'also', 'p.', 'pp.', '33-35', 'ch. 2', '*e*', '`c`', 'and', ','), { maxLength: 3 }).map((w) => w.join(' '));
const item = fc.tuple(words, fc.boolean(), key, words).map(([pre, dash, k, suf]) => `${pre} ${dash ? '-' : ''}@${k}${suf ? ', ' + suf : ''}`);
const citation = fc.oneof(
  fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => `[${items.join('; ')}]`),
  fc.tuple(key, fc.option(words)).map(([k, loc]) => `@${k}${loc ? ` [${loc}]` : ''}`),
);
const attributes = fc
  .array(fc.oneof(fc.constantFrom('.claim', '.no-claim', '.editorial', '#id', 'key="a b"', 'k=v', '=', '"'), fc.stringMatching(/^\.[a-z]{1,6}$/)), { maxLength: 4 })
  .map((a) => `{${a.join(' ')}}`);
const inline: fc.Arbitrary<string> = fc.letrec<{ text: string }>((tie) => ({
  text: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('Since 2011 trade grew by 40 percent.', 'Waltz argues ', 'text ', '*e* ', '[', ']', '{', '\\[', '`]`'),
    citation,
    fc.tuple(tie('text'), attributes).map(([t, a]) => `[${t}]${a}`),
    fc.array(tie('text'), { maxLength: 4 }).map((parts) => parts.join(' ')),
  ),
})).text;
const frontMatter = fc
  .record({
    title: fc.string({ maxLength: 20 }),
    bibliography: fc.oneof(fc.constant('r.bib'), fc.constant('[a.bib, b.json]'), fc.string({ maxLength: 10 })),
    extra: fc.constantFrom('', 'nocite: "@a, @{b"', 'marginalia:\n  categories:\n    - id: p\n', 'k: [unclosed', 'a: 1\na: 2'),
  })
  .map((f) => `---\ntitle: ${JSON.stringify(f.title)}\nbibliography: ${f.bibliography}\n${f.extra}\n---\n\n`);
const generated = fc.tuple(fc.option(frontMatter), fc.array(inline, { minLength: 1, maxLength: 6 })).map(([fm, paras]) => (fm ?? '') + paras.join('\n\n'));

const mutation = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })).map(([n, c]) => (t: string) => {
    const i = n % (t.length + 1);
    return t.slice(0, i) + String.fromCharCode(c) + t.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.constantFrom('[', ']', '{', '}', '\u0000', '\uD800', '\uDC00', '\r', '\r\n', '\t', '\uFEFF', '\u202E', '\u200F', '@', '-@', ';', '^[', '![x')).map(
    ([n, s]) => (t: string) => {
      const i = n % (t.length + 1);
      return t.slice(0, i) + s + t.slice(i);
    },
  ),
  fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
  fc.constant((t: string) => t.replace(/\n/g, '\r')),
  fc.constant((t: string) => '\uFEFF' + t),
  fc.constantFrom('> ', '- ', '1. ', '[', '*_').map((s) => (t: string) => s.repeat(10_000) + 'x\n\n' + t),
  fc.constant((t: string) => t + '\n\n' + 'word [@k] '.repeat(10_000)),
);
const mutated = fc.tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([t, ms]) => ms.reduce((x, m) => m(x), t));

function onBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return offset >= 0 && offset <= text.length;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

function checkRange(text: string, range: OffsetRange, what: string): void {
  if (!(range.start <= range.end && onBoundary(text, range.start) && onBoundary(text, range.end)))
    throw new Error(`${what} range ${range.start}-${range.end} is outside the document (${text.length}) or splits a surrogate pair`);
}

async function everything(text: string): Promise<void> {
  const m = buildManuscript(text);
  for (const c of m.citations) {
    checkRange(text, c.item.keyRange, 'key');
    checkRange(text, c.item.range, 'item');
    checkRange(text, c.groupRange, 'group');
  }
  for (const a of m.annotations) checkRange(text, a.range, 'span');
  for (const s of m.sentences) checkRange(text, s.range, 'sentence');
  for (const e of m.syntaxErrors) checkRange(text, e.range, 'syntax error');
  const host = new Host(new MemoryFileSystem({ '/p.md': text, '/r.bib': '@misc{k, title={A}}\n' }));
  const s = (await host.snapshot('/p.md'))!;
  for (const f of diagnose(s, defaultConfig)) if (f.file === '/p.md') checkRange(text, f.range, `finding ${f.code}`);
  outline(s);
}

const citationSummary = (text: string) =>
  listCitations(parseMarkdown(text).tree).map(({ key: k, mode, prefix, suffix, locator }) => ({ key: k, mode, prefix, suffix, locator }));

describe(`fuzzing (seed ${seed}, ${runs} runs each; FUZZ_RUNS=N for more)`, () => {
  it('generated citations, spans and front matter: no exception, every range valid', async () => {
    await fc.assert(fc.asyncProperty(generated, everything), { numRuns: runs, seed });
  }, 600_000);

  it(`mutated manuscripts (the edition${deepReview.present ? ', deep-review' : ''}): no exception, every range valid${deepReview.skipNote}`, async () => {
    await fc.assert(fc.asyncProperty(mutated, everything), { numRuns: runs, seed });
  }, 600_000);

  it('parse -> print -> parse keeps the citations of generated text', () => {
    fc.assert(
      fc.property(fc.array(citation, { minLength: 1, maxLength: 5 }), (cites) => {
        const text = `Text ${cites.join(' and ')}.`;
        expect(citationSummary(stringifyMarkdown(parseMarkdown(text).tree))).toEqual(citationSummary(text));
      }),
      { numRuns: runs * 4, seed },
    );
  }, 600_000);
});
