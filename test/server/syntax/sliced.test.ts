/**
 * A whole text parsed in slices of blocks (syntax/sliced.ts, issue #13: the parser's events for a 1 MB
 * text were most of the server's peak memory) gives the tree a whole parse gives: on what each rule of
 * the slicing is for, and on every real manuscript of ../shared/data, with slices small enough that
 * every manuscript is cut in many places.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { parseInSlices } from '../../../server/src/syntax/sliced.js';
import { manuscriptFiles, sharedData } from '../../shared-data.js';

/** Sliced at `size` characters: the same tree as a whole parse, in more than one slice when `cut`. */
function expectSame(text: string, size: number, cut = true): void {
  const sliced = parseInSlices(text, size);
  expect(sliced.tree).toEqual(parseMarkdown(text).tree);
  expect(sliced.errors).toEqual(parseMarkdown(text).errors);
  if (cut) expect(sliced.slices).toBeGreaterThan(1);
}

const para = (i: number) => `Paragraph ${i} says that trade grew by ${i} percent [@key${i}; see @other, p. ${i}].`;
const many = (n: number, eol = '\n') => Array.from({ length: n }, (_, i) => para(i)).join(eol + eol);

describe('parseInSlices', () => {
  it('cuts prose at blank lines, with positions and lines as a whole parse gives', () => {
    expectSame(many(60), 200);
    expectSame(`---\ntitle: A book\nbibliography: refs.bib\n---\n\n# One\n\n${many(40)}\n\n## Two\n\n${many(40)}\n`, 300);
  });

  it('counts a CRLF as one line ending, not as a blank line', () => {
    expectSame(many(60, '\r\n').replace(/percent /g, 'percent\r\nand '), 250);
  });

  it('resolves references to definitions in other slices, and gives up on a scan that mistook text for one', () => {
    expectSame(`See [the survey] and a note[^n].\n\n${many(60)}\n\n[the survey]: https://example.org\n\n[^n]: A note [@a].\n`, 200);
    // `[x]:` in code is no definition: a stub for it would make `[x]` a reference.
    expectSame(`Text [x] here.\n\n${many(60)}\n\n\`\`\`\n[x]: not a definition\n\`\`\`\n`, 200, false);
  });

  it('resolves a reference written in another case, spacing or over a quote\'s lines, and one with an escaped bracket', () => {
    const refs = 'See [The  Link] and [^N1].\n\n> Also [a\n> quote label] here.\n\n';
    const definitions = '[the link]: /url\n\n[^n1]: A note.\n\n[A Quote label]: /q\n';
    expectSame(`${refs}${many(60)}\n\n${definitions}`, 200);
    // The scan for definitions misses a label with an escaped bracket: the text is parsed whole.
    expectSame(`See [a\\]b].\n\n${refs}${many(60)}\n\n${definitions}\n[a\\]b]: /e\n`, 200, false);
  });

  it('cuts a text dense with footnote definitions in smaller slices, each given the notes it calls', () => {
    // Each slice given every note's stub made 20,000 notes take minutes; footnote definitions are containers too.
    const notes = Array.from({ length: 900 }, (_, i) => `Text[^n${i}] and [^n${(i * 7) % 900}] since 2011.\n\n[^n${i}]: Note [@k${i}].`).join('\n\n') + '\n';
    expectSame(notes, 64 * 1024);
    expect(parseInSlices(notes, 64 * 1024).slices).toBeGreaterThan(2);
  });

  it('does not end a slice inside a fence, a list or an HTML comment that spans blank lines', () => {
    expectSame(`${many(10)}\n\n\`\`\`\ncode\n\n\n${'more code\n\n'.repeat(40)}\`\`\`\n\n${many(20)}`, 200);
    expectSame(`${many(10)}\n\n${Array.from({ length: 40 }, (_, i) => `- item ${i} [@k${i}]`).join('\n\n')}\n\n${many(20)}`, 200);
    expectSame(`${many(10)}\n\n<!-- a comment\n\n${'still a comment\n\n'.repeat(40)}-->\n\n${many(20)}`, 200);
    expectSame(`${many(10)}\n\n<pre>\n\n${'raw [@not]\n\n'.repeat(40)}</pre>\n\n${many(20)}`, 200);
  });

  it('ends a slice after an HTML comment, processing instruction or raw element that never closes (text, not a block)', () => {
    expectSame(`${many(10)}\n\n<!-- never closed\n\n${many(40)}`, 200);
    expectSame(`<?xml never closed\n\n${many(40)}`, 200);
    expectSame(`${many(10)}\n\n<script>\n\n- a list [@a]\n\n> a quote [@b]\n\n${many(40)}`, 200);
    // One that closes far after the slice still keeps the slice open up to it.
    expectSame(`<!-- closes late\n\n${'comment [@not]\n\n'.repeat(30)}-->\n\n${many(20)}`, 200);
  });

  it('cuts a text dense with lists and block quotes in smaller slices (micromark is quadratic in them)', () => {
    const dense = Array.from({ length: 600 }, (_, i) => `- item ${i} [@k${i}]\n\n> quote ${i}\n\n${para(i)}`).join('\n\n');
    expectSame(dense, 64 * 1024);
    expect(parseInSlices(dense, 64 * 1024).slices).toBeGreaterThan(2);
    // A short one too: it is not parsed whole.
    expect(parseInSlices(dense.slice(0, 30_000), 64 * 1024).slices).toBeGreaterThan(1);
  });

  it('parses a text too short to cut, with a block set aside for its nesting, or after a byte order mark, whole', () => {
    expect(parseInSlices(many(3), 200).slices).toBe(1);
    expectSame(`${many(30)}\n\n${'>'.repeat(200)} deep\n\n${many(30)}`, 200, false);
    // micromark counts offsets after a byte order mark.
    expectSame(`\uFEFF${many(60)}`, 200, false);
    expectSame(`\uFEFF---\ntitle: A\n---\n\n${many(60)}`, 200, false);
  });
});

const corpus = sharedData('corpus');
const deepReview = sharedData('deep-review');

describe('parseInSlices on real manuscripts', () => {
  it.skipIf(!deepReview.present)(`deep-review joined, and four times over (the 1 MB bench text)${deepReview.skipNote}`, () => {
    const parts = manuscriptFiles(deepReview.path).map((f) => readFileSync(f, 'utf8'));
    const joined = parts.join('\n\n');
    for (const size of [500, 4000]) expectSame(joined, size);
    const book = [joined, joined, joined, joined].join('\n\n');
    const sliced = parseInSlices(book);
    expect(sliced.slices).toBeGreaterThan(10);
    expect(sliced.tree).toEqual(parseMarkdown(book).tree);
  }, 60_000);

  it.skipIf(!corpus.present)(`every manuscript file of the corpus${corpus.skipNote}`, () => {
    let cut = 0;
    // Files shorter than two slices are parsed whole anyway.
    const files = manuscriptFiles(corpus.path).filter((f) => statSync(f).size > 2000);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const sliced = parseInSlices(text, 800);
      expect(sliced.tree, path.relative(corpus.path, file)).toEqual(parseMarkdown(text).tree);
      if (sliced.slices > 1) cut++;
    }
    // Nearly all are cut (one with an unclosed comment, or a `[x]:` that is no definition, is parsed whole).
    expect(cut).toBeGreaterThan(files.length * 0.8);
  }, 120_000);
});
