/**
 * Incremental reparsing (issue #13): after any edit, the spliced tree is the tree a full parse gives
 * (positions included), and so is the manuscript model built from it. Random edit sequences on real
 * manuscripts, then one test per reason to parse everything (each fails if its fall-back is removed).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildManuscript, parseManuscript, reparseManuscript, type Manuscript, type Section } from '../../../server/src/model/manuscript.js';
import { reviewMarks } from '../../../server/src/model/review.js';
import { reparseMarkdown } from '../../../server/src/syntax/incremental.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { sharedData } from '../../shared-data.js';

const repo = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(file, 'utf8');

const local = [
  ['the edition', path.join(repo, 'document/paper.md')],
  ['the editing guide', path.join(repo, 'document/EDITING.md')],
  ['review fixture', path.join(repo, 'test/fixtures/review/edition-two-reviewers.md')],
] as const;
const shared = [
  'deep-review/02.intro.md',
  'deep-review/08.methods.md',
  'corpus/dib-lab__2020-paper-sourmash-gather/content/06.methods.md',
  'corpus/dib-lab__2020-paper-sourmash-gather/content/03.results.md',
  'corpus/slochower__smirnoff-host-guest-manuscript/content/04.results.md',
].map((relative) => sharedData(relative));

/** What an edit inserts: characters, words and the syntax that changes block structure. */
const snippet = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('x', ' ', 'word ', '.', '\n', '\n\n', '\r\n', '\t') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '[@key]', '@smith2020', '[see @a; @b, p. 3]', '# ', '## Heading\n', ':::', '::: {.note}\n', '- ', '* ', '1. ', '> ',
      '{++ added ++}', '{>> note <<}', '{~~a~>b~~}', '[^1]', '[^1]: ', '[^1]: A note.\n', '`', '```', '```\n', '~~~\n', '    ',
      '---', '===', '[link]', '[link]: /url\n', '<!-- ', '-->', '<div>', '</div>', '| a | b |\n|---|---|\n', '[span]{.claim}',
      '$$', '\\', '*', '_', '![fig [@k]](f.png)', '<script>', '</script>', '  ',
    ),
  },
);

type Edit = { at: number; lineStart: boolean; remove: number; insert: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  lineStart: fc.boolean(),
  remove: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 80 })),
  insert: fc.oneof({ weight: 3, arbitrary: snippet }, fc.constant('')),
});

function apply(text: string, e: Edit): string {
  let at = e.at % (text.length + 1);
  if (e.lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** The first top-level block that differs, as JSON, so a failure says where. */
function expectSameTree(actual: Root, expected: Root): void {
  const a = actual.children.map((c) => JSON.stringify(c));
  const b = expected.children.map((c) => JSON.stringify(c));
  const i = a.findIndex((x, k) => x !== b[k]);
  expect(i < 0 ? undefined : { block: i, got: a[i] }).toEqual(i < 0 ? undefined : { block: i, got: b[i] });
  expect(a.length).toBe(b.length);
  expect(actual.position).toEqual(expected.position);
}

function section(s: Section): unknown {
  return [s.title, s.depth, s.headingRange, s.range, s.children.map(section)];
}

/** The model's document-level facts, in a form cheap to compare. */
function facts(m: Manuscript): unknown {
  return {
    lines: m.lines.lineCount,
    frontMatter: m.frontMatter,
    hasFrontMatter: m.hasFrontMatter,
    errors: m.syntaxErrors,
    sections: m.sections.map(section),
    citations: m.citations.map((c) => [c.item.key, c.item.keyRange, c.item.range, c.groupRange, c.editorial, c.inFootnote, c.section?.title]),
    annotations: m.annotations.map((a) => [a.range, a.contentRange, a.classes, [...a.attributes], a.text, a.section?.title]),
    consequences: m.consequences.map((c) => [c.key, c.category, c.domain, c.text]),
    sentences: m.sentences.map((s) => [s.range, s.text, s.cited, s.isClaim, s.verdict.claim, s.judgement.score, s.override?.kind, s.section?.title]),
    review: reviewMarks(m).map((r) => JSON.stringify(r)),
  };
}

const documents = [
  ...local.map(([name, file]) => ({ name, text: () => read(file), present: true, note: '' })),
  ...shared.map((s) => ({ name: path.relative(path.resolve(repo, '../shared/data'), s.path), text: () => read(s.path), present: s.present, note: s.skipNote })),
];

describe('incremental and full parses agree over random edit sequences', () => {
  for (const doc of documents)
    it.skipIf(!doc.present)(`${doc.name}${doc.note}`, () => {
      const original = doc.text();
      const counts = { incremental: 0, full: 0 };
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          let parsed = parseManuscript(original);
          for (const e of edits) {
            const text = apply(parsed.text, e);
            const next = reparseManuscript(parsed, text);
            counts[next.incremental ? 'incremental' : 'full']++;
            const expected = parseManuscript(text);
            expectSameTree(next.parsed.tree, expected.tree);
            expect(next.parsed.syntaxErrors).toEqual(expected.syntaxErrors);
            expect(next.parsed.lines.lineCount).toBe(expected.lines.lineCount);
            expect(facts(buildManuscript(next.parsed))).toEqual(facts(buildManuscript(expected)));
            parsed = next.parsed;
          }
        }),
        { numRuns: 12, seed: 20261201 },
      );
      // The shortcut is taken for most edits, not just fallen back from.
      expect(counts.incremental).toBeGreaterThan(counts.full);
    });
});
