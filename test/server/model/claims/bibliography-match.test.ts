/**
 * The claims model's bibliography match (model/claims/bibliography-match.ts) on the edition's real
 * bibliography (document/references.bib, 41 works): the inverted index ranks and scores as the suggestions'
 * MiniSearch index does, names the entry a sentence reads like, and stays silent without titles.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBibliography, formatForPath } from '../../../../server/src/bibliography/load.js';
import { bibliographyDocuments, claimBibliographyMatcher } from '../../../../server/src/analysis/claim-bibliography.js';
import { buildReferenceIndex } from '../../../../server/src/analysis/reference-index.js';
import { BibliographyMatcher, medianScore, quantiseScale } from '../../../../server/src/model/claims/bibliography-match.js';
import { addBibliographyFeatures, claimBibliography, describeMatch } from '../../../../server/src/model/claims/bibliography-features.js';

const bibFile = path.resolve(__dirname, '../../../../document/references.bib');
const entries = parseBibliography(readFileSync(bibFile, 'utf8'), formatForPath(bibFile)).entries;
const matcher = claimBibliographyMatcher(entries)!;

/** Sentences of the edition's own prose (document/paper.md). */
const sentences = readFileSync(path.resolve(__dirname, '../../../../document/paper.md'), 'utf8')
  .split(/\n\n+/)
  .filter((p) => /^[A-Za-z[]/.test(p) && p.length > 80)
  .flatMap((p) => p.replace(/\[[^\]]*@[^\]]*\]/g, ' ').split(/(?<=\.)\s+/))
  .filter((s) => s.length > 30);

describe('the bibliography match of the claims model', () => {
  it('scores every entry as the suggestions\' MiniSearch index does, from postings alone', () => {
    expect(sentences.length).toBeGreaterThan(30);
    const index = buildReferenceIndex(entries);
    let compared = 0;
    for (const s of sentences) {
      const want = index.search(s, 2);
      const got = matcher.match(s);
      if (!want.length) {
        expect(got.best).toBe(0);
        continue;
      }
      compared++;
      expect(got.best).toBeCloseTo(want[0]!.score, 9);
      expect(got.second).toBeCloseTo(want[1]?.score ?? 0, 9);
      // Ties aside, the same entry.
      if (want[0]!.score !== want[1]?.score) expect(matcher.documents[got.entry]!.key).toBe(want[0]!.key);
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('names the work a sentence reads like, with the title words it shares', () => {
    const m = matcher.match('The crisis in Ukraine is the fault of the West.');
    const found = matcher.documents[m.entry]!;
    expect(found.key).toBe('mearsheimer2014why');
    expect(m.titleShared).toBe(4);
    expect(m.best).toBeGreaterThan(m.second);
    expect(describeMatch(found, true)).toBe("reads like the title of Mearsheimer (2014), 'Why the Ukraine Crisis…'");
    const katz = matcher.documents.find((d) => d.key === 'katz2012russia')!;
    expect(describeMatch(katz, true)).toBe("reads like the title of Katz (2012), 'Russia and Iran'");
    expect(describeMatch({ ...katz, authors: ['Katz', 'Smith', 'Jones'], displayTitle: 'Russia and Iran: strategic partners or competitors?' }, false)).toBe(
      "reads like Katz et al. (2012), 'Russia and Iran: strategic…'",
    );
  });

  it('counts title words, rare title words and a reference\'s year', () => {
    const m = matcher.match('In 2012 nothing about the topic happened here.');
    expect(m.year).toBe('2012');
    expect(matcher.match('In 1066 nothing happened.').year).toBeUndefined();
    const none = matcher.match('the of and');
    expect(none).toMatchObject({ best: 0, entry: -1, cover: 0 });
  });

  it('matches the same once its memo of words has been filled and forgotten', () => {
    const fresh = claimBibliographyMatcher(entries)!;
    const before = sentences.map((s) => fresh.match(s));
    // 70,000 made-up words (more than the memo keeps), hyphenated compounds among them, none a term of the bibliography.
    for (let k = 0; k < 7000; k++) fresh.match(Array.from({ length: 10 }, (_, j) => `zq${k}x${j}${j % 3 ? '' : '-qz' + k}`).join(' '));
    expect(sentences.map((s) => fresh.match(s))).toEqual(before);
  });

  it('has no matcher for a bibliography with fewer than five titled entries', () => {
    const docs = bibliographyDocuments(entries);
    expect(BibliographyMatcher.build(docs.slice(0, 4))).toBeUndefined();
    expect(BibliographyMatcher.build(docs.slice(0, 5))).toBeDefined();
    expect(BibliographyMatcher.build(docs.map((d) => ({ ...d, title: '' })))).toBeUndefined();
  });
});

describe('the manuscript scale', () => {
  it('is the median of the sentences\' best matches', () => {
    expect(medianScore([])).toBe(0);
    expect(medianScore([3, 1, 2])).toBe(2);
    expect(medianScore([4, 1, 3, 2])).toBe(3);
  });

  it('is quantised in half-octave steps, so that a small move of the median keeps it', () => {
    expect(quantiseScale(0)).toBe(0);
    expect(quantiseScale(64)).toBe(64);
    expect(quantiseScale(70)).toBe(64);
    expect(quantiseScale(80)).toBeCloseTo(90.51, 2);
    expect(quantiseScale(100)).toBeCloseTo(90.51, 2);
    // Within a step, every median gives the same scale.
    const steps = new Set([84, 88, 92, 96, 100, 104].map(quantiseScale));
    expect(steps.size).toBe(1);
  });

  it('makes the match relative: the same sentence reads as a strong match in a manuscript whose sentences match little', () => {
    const s = 'The crisis in Ukraine is the fault of the West.';
    const keysAt = (median: number) => {
      const keys: string[] = [];
      addBibliographyFeatures(s, claimBibliography(matcher, median), (k) => keys.push(k));
      return keys;
    };
    const best = matcher.match(s).best;
    expect(keysAt(best / 8)).toContain('bib:bm:6');
    expect(keysAt(best / 2)).toContain('bib:bm:4');
    expect(keysAt(best * 4)).toContain('bib:bm:1');
    expect(keysAt(0)).toContain('bib:bm:0');
    const none: string[] = [];
    addBibliographyFeatures(s, undefined, (k) => none.push(k));
    expect(none).toEqual(['bib:none']);
  });
});
