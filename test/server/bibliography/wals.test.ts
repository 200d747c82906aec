/**
 * The WALS sources bibliography (cldf-datasets/wals, CC BY 4.0): 3 MB, 7,373 entries, shared by
 * the project under ../shared/data. Not timed here; bench/bibtex.mjs measures it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBibTeX } from '../../../server/src/bibliography/bibtex.js';
import { firstAuthor } from '../../../server/src/bibliography/first-authors.js';
import { summarise } from '../../../server/src/bibliography/summary.js';
import { parseName, splitNames } from '../../../server/src/bibliography/bibtex-to-csl.js';
import { latexToUnicode } from '../../../server/src/bibliography/latex.js';
import { sharedData } from '../../shared-data.js';

const data = sharedData('bib/wals-sources.bib');
const WALS = data.path;
const present = data.present;

describe.skipIf(!present)(`wals-sources.bib${data.skipNote}`, () => {
  it('parses all 7,373 entries with unique ranges that start with @', () => {
    const text = readFileSync(WALS, 'utf8');
    const { entries, errors } = parseBibTeX(text);
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(7373);
    const starts = new Set<number>();
    let previousEnd = -1;
    for (const e of entries) {
      expect(text[e.range.start]).toBe('@');
      expect(text[e.range.end - 1]).toBe('}');
      expect(e.range.start).toBeGreaterThan(previousEnd); // disjoint and in order
      previousEnd = e.range.end;
      starts.add(e.range.start);
      expect(text.slice(e.keyRange.start, e.keyRange.end)).toBe(e.key);
    }
    expect(starts.size).toBe(7373);
    // Spot-check conversion on the first and a LaTeX-heavy entry.
    expect(entries[0]!.csl()).toMatchObject({ id: 'Abbott-2000', type: 'book', 'publisher-place': 'München', title: 'Oneida' });
  });

  it('reads every field alike through field() and the fields map, and first authors as the summaries do', () => {
    const text = readFileSync(WALS, 'utf8');
    // Two parses: field() on entries whose map is never built, the map on the others.
    const lazy = parseBibTeX(text).entries;
    const built = parseBibTeX(text).entries;
    let fields = 0;
    let authors = 0;
    built.forEach((e, i) => {
      const names = [...e.fields.keys()];
      expect(names.map((name) => lazy[i]!.field(name))).toEqual([...e.fields.values()].map((f) => f.value));
      fields += names.length;
      const first = firstAuthor(lazy[i]!);
      expect(first).toBe(summarise(e).authors[0]);
      // The summaries' fast path for names without LaTeX agrees with the general name parser.
      const raw = e.fields.get('author')?.value ?? e.fields.get('editor')?.value;
      const name = raw === undefined ? undefined : splitNames(raw)[0];
      const parsed = name === undefined ? undefined : parseName(name);
      expect(first).toBe(parsed && latexToUnicode(parsed.family ?? parsed.literal ?? name!).trim());
      if (first) authors++;
    });
    expect(fields).toBeGreaterThan(40_000);
    expect(authors).toBeGreaterThan(7_000);
  });
});
