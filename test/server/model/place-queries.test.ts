/**
 * Queries about a place or a key that read only the blocks concerned (model/manuscript.ts
 * `blocksMeeting`, `citationAt`, `citationsOf`), so that a hover, a highlight or the code actions at the
 * cursor do not bind every block's citations and sentences: each gives what reading the whole lists gives,
 * at every offset of real manuscripts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksMeeting, buildManuscript, citationAt, citationsOf, type Manuscript } from '../../../server/src/model/manuscript.js';
import { sharedData } from '../../shared-data.js';

const repo = path.resolve(__dirname, '../../..');
const documents = [
  { name: 'the edition', present: true, note: '', text: () => readFileSync(path.join(repo, 'document/paper.md'), 'utf8') },
  { name: 'a footnote, a quote, a list and a table', present: true, note: '', text: () =>
      '# A\n\nText [@a] and @b says.[^n]\n\n> Quoted [@c; @a].\n\n- item [@d]\n- [@a]\n\n| x | y |\n|---|---|\n| [@e] | z |\n\n[^n]: A note [@f].\n' },
  ...['deep-review/02.intro.md'].map((relative) => {
    const s = sharedData(relative);
    return { name: relative, present: s.present, note: s.skipNote, text: () => readFileSync(s.path, 'utf8') };
  }),
];

const end = (m: Manuscript, i: number) => m.blocks[i]!.node.position!.end.offset!;

describe('queries about a place or a key read only the blocks concerned', () => {
  for (const doc of documents)
    it.skipIf(!doc.present)(`give what the whole lists give: ${doc.name}${doc.note}`, () => {
      const text = doc.text();
      // A manuscript whose lists are never read, and one whose lists are: the queries must not need them.
      const lazy = buildManuscript(text);
      const whole = buildManuscript(text);
      const step = Math.max(1, Math.floor(text.length / 4000));
      for (let offset = 0; offset <= text.length; offset += step) {
        const expected = whole.citations.find((c) => offset >= c.item.keyRange.start - 1 && offset <= c.item.keyRange.end);
        expect(citationAt(lazy, offset)?.item.keyRange, `offset ${offset}`).toEqual(expected?.item.keyRange);
        const range = { start: offset, end: Math.min(text.length, offset + 37) };
        const meeting = whole.blocks.flatMap((b, i) => (b.start <= range.end && end(whole, i) >= range.start ? [i] : []));
        expect(blocksMeeting(lazy, range)).toEqual(meeting);
      }
      for (const key of new Set(whole.citations.map((c) => c.item.key)))
        expect(citationsOf(lazy, key).map((c) => c.item.keyRange)).toEqual(whole.citations.filter((c) => c.item.key === key).map((c) => c.item.keyRange));
      // The same objects as the lists, once they are read.
      const c = citationsOf(lazy, lazy.citations[0]!.item.key)[0];
      expect(c).toBe(lazy.citations[0]);
    });
});
