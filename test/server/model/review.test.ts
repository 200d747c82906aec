import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManuscript } from '../../../server/src/model/manuscript.js';
import { reviewerTag, reviewMarkErrors, reviewMarks } from '../../../server/src/model/review.js';

const FIXTURE = path.resolve(__dirname, '../../fixtures/review/edition-two-reviewers.md');
const text = readFileSync(FIXTURE, 'utf8');

describe('review marks of the reviewed edition (two reviewers)', () => {
  const manuscript = buildManuscript(text);
  const marks = reviewMarks(manuscript);

  it('lists every mark in document order with kind, reviewer, text and section', () => {
    expect(marks.map((m) => [m.kind, m.reviewer ?? '-', m.text.slice(0, 30), m.section])).toEqual([
      ['substitution', 'R1', 'older than the Islamic Republi', '1 Introduction'],
      ['comment', 'R1', '"not new" says nothing; say ho', '1 Introduction'],
      ['addition', '@ana', 'Russia delivered the S-300 air', '1 Introduction'],
      ['comment', '@ana', 'a fact the argument needs; it ', '1 Introduction'],
      ['deletion', 'R1', "Tehran's drones decided the wa", '1 Introduction'],
      ['comment', 'R1', 'an unsupported claim; remove i', '1 Introduction'],
      ['highlight', '@ana', 'By utilizing this method, the ', '2 Method and Theoretical Framework'],
      ['comment', '@ana', 'which dynamics? name them.', '2 Method and Theoretical Framework'],
      ['comment', '-', "Is Waltz's own book in the bib", '2 Method and Theoretical Framework'],
      ['addition', '-', ', as [the West\'s isolation of ', '2 Method and Theoretical Framework'],
    ]);
  });

  it('ranges cover the marks exactly; a substitution knows both sides', () => {
    const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);
    const sub = marks[0]!;
    expect(slice(sub.range)).toBe('{~~ not a new phenomenon ~> older than the Islamic Republic ~~}');
    expect([sub.old, slice(sub.oldRange!), slice(sub.newRange!)]).toEqual(['not a new phenomenon', ' not a new phenomenon ', ' older than the Islamic Republic ']);
    expect(slice(marks[1]!.range)).toBe('{>> R1: "not new" says nothing; say how old. <<}');
    expect(marks[1]!.about).toMatchObject({ kind: 'substitution', text: 'older than the Islamic Republic' });
    expect(marks[6]!.note).toBe('which dynamics? name them.');
    // A comment that follows nothing directly is about nothing.
    expect(marks[8]!.about).toBeUndefined();
  });

  it('is plain data a report can serialise', () => {
    expect(JSON.parse(JSON.stringify(marks))).toEqual(marks);
  });

  it('claims see the text as accepted: an addition counts, a deletion and comments do not', () => {
    const sentences = manuscript.sentences.map((s) => s.text);
    expect(sentences).toContain('Russia delivered the S-300 air defence system to Iran in 2016.');
    expect(manuscript.sentences.find((s) => s.text.startsWith('Russia delivered'))).toMatchObject({ isClaim: true, cited: false });
    expect(sentences.join(' ')).not.toContain('drones');
    expect(sentences.join(' ')).not.toContain('not a new phenomenon');
    expect(sentences.join(' ')).toContain('older than the Islamic Republic');
    expect(sentences.join(' ')).not.toContain('Waltz\'s own book');
    // A consequence added by a reviewer is an annotation like any other.
    expect(manuscript.consequences.map((c) => c.key)).toEqual(['isolation']);
    expect(buildManuscript('Text {-- [gone]{.consequence category=negative key=gone} --}.').consequences).toEqual([]);
  });

  it('has no malformed marks', () => {
    expect(reviewMarkErrors(manuscript.tree)).toEqual([]);
  });
});

describe('reviewer tags', () => {
  it.each([
    ['R1: text', 'R1', 'text'],
    ['  @ana: text', '@ana', 'text'],
    ['@ana text', '@ana', 'text'],
    ['@j.doe-2: x', '@j.doe-2', 'x'],
    ['Reviewer 2: text', undefined, 'Reviewer 2: text'],
    ['no tag here', undefined, 'no tag here'],
    ['https://x.org is a link', undefined, 'https://x.org is a link'],
  ])('%j', (comment, reviewer, rest) => {
    expect(reviewerTag(comment)).toEqual({ ...(reviewer ? { reviewer } : {}), text: rest });
  });
});

describe('malformed marks', () => {
  it('says which marker is unterminated or stray, where', () => {
    const input = 'A {++ never closed.\n\nB --} stray.';
    const errors = reviewMarkErrors(buildManuscript(input).tree);
    expect(errors.map((e) => [input.slice(e.range.start, e.range.end), e.message])).toEqual([
      ['{++', 'Unterminated addition: `{++` has no `++}` in the same paragraph; the text is read as written'],
      ['--}', '`--}` closes no deletion: no `{--` before it in the same paragraph'],
    ]);
    // The text stays: the sentences still read it.
    expect(buildManuscript(input).sentences.map((s) => s.text)).toEqual(['A {++ never closed.', 'B --} stray.']);
  });
});

describe('marks of one block (the per-block findings pass a root holding one block and the whole text)', () => {
  const input = 'First paragraph, plain.\n\nSecond {>> R1: a comment <<} here.\n\nThird, plain.\n';
  const tree = buildManuscript(input).tree;
  const one = (i: number) => reviewMarks({ tree: { type: 'root', children: [tree.children[i]!] }, text: input, sections: [] });

  it('finds the marks of the block it is given, and none of the other blocks', () => {
    expect(one(1).map((m) => [m.kind, m.reviewer, m.text])).toEqual([['comment', 'R1', 'a comment']]);
    expect(one(0)).toEqual([]);
    expect(one(2)).toEqual([]);
  });

  it('an empty tree has none', () => {
    expect(reviewMarks({ tree: { type: 'root', children: [] }, text: input, sections: [] })).toEqual([]);
  });
});
