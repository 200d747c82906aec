/**
 * Incremental reparsing and per-block model results (issue #13): after any edit, the spliced tree is the
 * tree a full parse gives (positions included), and the model facts and diagnostics of the host, which
 * reuses each unchanged block's results (model/block-results.ts), are those of a fresh analysis. Random
 * edit sequences on real manuscripts, then one test per reason to parse everything (each fails if its
 * fall-back is removed).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseManuscript, reparseManuscript, type Manuscript, type ParsedText, type Section } from '../../../server/src/model/manuscript.js';
import { reviewMarks } from '../../../server/src/model/review.js';
import { blockSourceRange } from '../../../server/src/syntax/block-boundaries.js';
import { reparseMarkdown } from '../../../server/src/syntax/incremental.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { sharedData } from '../../shared-data.js';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnoseManuscript } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const repo = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(file, 'utf8');

const local = [
  ['every kind of block, close together', path.join(repo, 'test/fixtures/incremental/block-kinds.md')],
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
      // What per-block results depend on besides the block: sections the claim model reads or skips, footnotes that cite.
      '# Methods\n', '## References\n', '### Results\n', '[^1]: See [@n].\n', '[^fn]', '- [^1]: x [@k]\n', '> # Quoted\n',
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

/**
 * A block that keeps its id across an edit (model/block-lineage.ts) has the same text, from the start of
 * its first line, as the block of that id before: the host's per-block caches trust ids for that.
 */
function expectSoundLineage(before: ParsedText, after: ParsedText): void {
  const source = (p: ParsedText, i: number) => {
    const { start, end } = blockSourceRange(p.text, p.tree.children[i]!);
    return p.text.slice(start, end);
  };
  expect(after.blockIds).toHaveLength(after.tree.children.length);
  const old = new Map(before.blockIds.map((id, i) => [id, i]));
  const carried = after.blockIds.flatMap((id, i) => (old.has(id) ? [[source(after, i), source(before, old.get(id)!)]] : []));
  expect(carried.filter(([a, b]) => a !== b)).toEqual([]);
  expect(new Set(after.blockIds).size).toBe(after.blockIds.length);
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
    citations: m.citations.map((c) => [c.item.key, c.item.keyRange, c.item.range, c.groupRange, c.editorial, c.inFootnote, c.section?.headingRange]),
    annotations: m.annotations.map((a) => [a.range, a.contentRange, a.classes, [...a.attributes], a.text, a.section?.headingRange]),
    consequences: m.consequences.map((c) => [c.key, c.category, c.domain, c.text, c.annotation.range]),
    sentences: m.sentences.map((s) => [
      s.range,
      s.text,
      s.cited,
      s.isClaim,
      s.verdict,
      s.judgement.score,
      s.judgement.rule,
      s.override?.kind,
      s.override?.annotation.range,
      s.section?.headingRange,
      s.citations.map((c) => c.item.keyRange),
    ]),
    review: reviewMarks(m).map((r) => JSON.stringify(r)),
  };
}

// Longer with INCREMENTAL_RUNS=N, other sequences with INCREMENTAL_SEED=N; the small fixture of every block kind gets twelve times as many.
const runs = Number(process.env['INCREMENTAL_RUNS'] ?? 4);
const seed = Number(process.env['INCREMENTAL_SEED'] ?? 20261201);

const documents = [
  ...local.map(([name, file]) => ({ name, text: () => read(file), present: true, note: '' })),
  ...shared.map((s) => ({ name: path.relative(path.resolve(repo, '../shared/data'), s.path), text: () => read(s.path), present: s.present, note: s.skipNote })),
];

describe('incremental and full analyses agree over random edit sequences', () => {
  for (const doc of documents)
    it.skipIf(!doc.present)(`${doc.name}${doc.note}`, async () => {
      const original = doc.text();
      const counts = { incremental: 0, full: 0 };
      // The host under test keeps each document's parse and per-block results between versions; the
      // reference host forgets the document before each version (a full parse and a full model) but keeps
      // its judgements memoised by all their inputs (the model is the slow part).
      const file = '/manuscript.md';
      const host = new Host(new MemoryFileSystem({}));
      const fresh = new Host(new MemoryFileSystem({}));
      const analysis = async (h: Host) => {
        const s = (await h.snapshot(file))!;
        return { facts: facts(s.manuscript), findings: diagnoseManuscript(s, defaultConfig).map((f) => `${f.code} ${f.range.start}-${f.range.end} ${f.message}`) };
      };
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
          let parsed = parseManuscript(original);
          host.close(file);
          host.setOpen(file, original);
          await host.snapshot(file);
          for (const e of edits) {
            const text = apply(parsed.text, e);
            const next = reparseManuscript(parsed, text);
            counts[next.incremental ? 'incremental' : 'full']++;
            const expected = parseManuscript(text);
            expectSameTree(next.parsed.tree, expected.tree);
            expect(next.parsed.syntaxErrors).toEqual(expected.syntaxErrors);
            expect(next.parsed.lines).toEqual(expected.lines);
            expectSoundLineage(parsed, next.parsed);
            host.setOpen(file, text);
            fresh.close(file);
            fresh.setOpen(file, text);
            expect(await analysis(host)).toEqual(await analysis(fresh));
            parsed = next.parsed;
          }
        }),
        { numRuns: doc.name.startsWith('every kind') ? runs * 12 : runs, seed },
      );
      // The shortcut is taken for most edits, not just fallen back from.
      expect(counts.incremental).toBeGreaterThan(counts.full);
    }, 90_000 * Math.max(1, runs / 4));
});

/** Parses `before`, edits it into `after` incrementally, and checks the result against a full parse. */
function reparse(before: string, after: string) {
  const previous = parseMarkdown(before);
  const r = reparseMarkdown({ text: before, ...previous }, after);
  const expected = parseMarkdown(after);
  expectSameTree(r.tree, expected.tree);
  expect(r.errors).toEqual(expected.errors);
  return r;
}

describe('incremental reparsing', () => {
  it('typing in a paragraph reparses that paragraph only', () => {
    const before = '# Title\n\nFirst paragraph [@a].\n\nSecond paragraph.\n\nThird [@b].\n';
    const after = before.replace('Second', 'Second, longer,');
    const r = reparse(before, after);
    expect(r.incremental).toBe(true);
    expect(after.slice(r.slice!.start, r.slice!.end)).toBe('Second, longer, paragraph.');
  });

  it('shifts positions and offset ranges of the blocks after the edit, without touching the old tree', () => {
    const before = 'One.\n\nTwo [@a].\n\nThree [see @b, p. 3] and [x]{.claim k=v}.\n';
    const previous = parseMarkdown(before);
    const snapshot = JSON.stringify(previous.tree);
    const after = before.replace('One.', 'One,\nand more.');
    const r = reparseMarkdown({ text: before, ...previous }, after);
    expectSameTree(r.tree, parseMarkdown(after).tree);
    expect(JSON.stringify(previous.tree)).toBe(snapshot);
    expect(r.incremental).toBe(true);
  });

  it('a blank line deleted merges two paragraphs', () => {
    const r = reparse('A [@a].\n\nB.\n\nC.\n', 'A [@a].\nB.\n\nC.\n');
    expect(r.incremental).toBe(true);
  });

  it('a line that loses its heading marker joins the paragraph above it (no blank line between)', () => {
    const r = reparse('Para one.\n# Heading\n\nAfter.\n', 'Para one.\nHeading\n\nAfter.\n');
    expect(r.incremental).toBe(true);
  });

  it('a paragraph changed above a setext underline (no blank line after it)', () => {
    reparse('# Title\nSome text\n===\n\nAfter.\n', 'Title\nSome text\n===\n\nAfter.\n');
  });

  it('a paragraph indented under a list item becomes part of it', () => {
    reparse('- a\n\nPara.\n\nAfter.\n', '- a\n\n  Para.\n\nAfter.\n');
  });

  it('a new list item takes in the indented paragraph after it', () => {
    const r = reparse('Para.\n\n  Next.\n\nAfter.\n', '- Para.\n\n  Next.\n\nAfter.\n');
    expect(r.incremental).toBe(true);
  });

  it('an opened fence runs on to the end', () => {
    reparse('Para.\n\nNext [@a].\n\nAfter.\n', '```\nPara.\n\nNext [@a].\n\nAfter.\n');
  });

  it('an opened HTML comment runs on to its end marker', () => {
    reparse('Para.\n\nNext [@a].\n\nEnd -->\n\nAfter [@b].\n', '<!-- Para.\n\nNext [@a].\n\nEnd -->\n\nAfter [@b].\n');
  });

  it('a line emptied before an HTML tag makes it a block that runs to its closing tag, past the slice', () => {
    // Pandoc's HTML blocks (syntax/html/) reach over blank lines: a slice holding a tag is not parsed alone.
    const r = reparse('Intro.\n\nText\n<table>\n\npara [@a]\n\n</table>\n', 'Intro.\n\n\n<table>\n\npara [@a]\n\n</table>\n');
    expect(r.incremental).toBe(false);
  });

  it('the line after an opening tag keeps its indentation as text when edited', () => {
    // Not indented code after a line that opens an HTML element (syntax/html/indented.ts): that depends on the line before the slice.
    reparse('Intro.\n\n<td>\n    text [@a]\n</td>\n\nAfter.\n', 'Intro.\n\n<td>\n    texts [@a]\n</td>\n\nAfter.\n');
  });

  it('indented code joins indented code after a blank line', () => {
    reparse('Para.\n\n    code\n\nAfter.\n', '    Para.\n\n    code\n\nAfter.\n');
  });

  it('references resolve against definitions outside the slice', () => {
    const before = 'See [link] and [^n].\n\n[link]: /url\n\n[^n]: A note.\n';
    const r = reparse(before, before.replace('See', 'Look at'));
    expect(r.incremental).toBe(true);
  });

  it('references resolve against definitions outside the slice written in another case, spacing or over a quote\'s lines', () => {
    const before = 'See [The  Link] and [^N1].\n\n> Also [a\n> quote label] here.\n\n[the link]: /url\n\n[^n1]: A note.\n\n[A Quote label]: /q\n';
    expect(reparse(before, before.replace('See', 'Look at')).incremental).toBe(true);
    expect(reparse(before, before.replace('Also', 'And')).incremental).toBe(true);
    // A label with an escaped bracket is always given to the slice (here the whole is read again, as before).
    const escaped = 'See [a\\]b].\n\nPara.\n\n[a\\]b]: /url\n';
    reparse(escaped, escaped.replace('See', 'Look at'));
  });

  it('a slice among hundreds of footnotes is given the definitions it refers to, and resolves them', () => {
    const notes = Array.from({ length: 600 }, (_, i) => `Text[^n${i}] since 2011.\n\n[^n${i}]: Note [@k${i}].`).join('\n\n') + '\n';
    const r = reparse(notes, notes.replace('Text[^n300] since', 'Text[^n300] and [^n7] since'));
    expect(r.incremental).toBe(true);
  });

  it('a definition added elsewhere changes references above it: everything is parsed', () => {
    const r = reparse('See [link].\n\nPara.\n', 'See [link].\n\n[link]: /url\n');
    expect(r.incremental).toBe(false);
  });

  it('a text that starts with `---` may gain front matter with any edit', () => {
    const before = '---\ntitle: x\n\nPara one.\n\nPara two.\n';
    const r = reparse(before, before.replace('Para one.', '---'));
    expect(r.tree.children[0]?.type).toBe('yaml');
  });

  it('so may one that starts with a byte order mark and `---`', () => {
    const before = '\uFEFF---\ntitle: x\n\nPara one.\n\nPara two.\n';
    const r = reparse(before, before.replace('Para one.', '---'));
    expect(r.tree.children[0]?.type).toBe('yaml');
  });

  it('an edit in the front matter reads it again', () => {
    const before = '---\ntitle: One\nbibliography: a.bib\n---\n\nText [@a].\n';
    const after = before.replace('a.bib', 'b.bib');
    const next = reparseManuscript(parseManuscript(before), after);
    expect(next.parsed.frontMatter.bibliography.map((b) => b.value)).toEqual(['b.bib']);
    expectSameTree(next.parsed.tree, parseManuscript(after).tree);
  });

  it('a block nested too deep, typed in, is set aside as a full parse does', () => {
    const before = 'Para.\n\nAfter [@a].\n';
    const r = reparse(before, before.replace('Para.', '> '.repeat(40) + 'deep [@b]'));
    expect(r.errors).toHaveLength(1);
  });

  it('a block set aside before is parsed once an edit elsewhere makes the guard see it as code', () => {
    // The guard takes an indented ``` for a fence (micromark: indented code) and stops checking after it.
    const before = 'P.\n\n' + '> '.repeat(40) + 'x [@a]\n\nQ.\n';
    const r = reparse(before, '    ```\n' + before);
    expect(r.errors).toEqual([]);
  });

  it('the guard reads the whole text when it may be inside what it takes for a fence before the slice', () => {
    // The guard takes the indented ``` for a fence, which the ``` line in the slice closes: the deep
    // block after it is checked (set aside); read alone, the slice's ``` would open a fence instead.
    const before = '    ```\nP.\n\n```\nQ.\n\nR.\n';
    const r = reparse(before, before.replace('R.', '> '.repeat(40) + 'R.'));
    expect(r.errors).toHaveLength(1);
  });

  it('CRLF line breaks', () => {
    const before = 'One.\r\n\r\nTwo [@a].\r\n\r\nThree.\r\n';
    expect(reparse(before, before.replace('Two', 'Two\r\nand a half')).incremental).toBe(true);
  });
});
