import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatForPath, parseBibliography } from '../../../../server/src/bibliography/load';
import { summarise } from '../../../../server/src/bibliography/summary';
import { classifyClaim, claimCues } from '../../../../server/src/model/claims';
import { bundledClaimModel } from '../../../../server/src/model/claims/bundled';
import { cueFunction, paragraphFeatures, type ParagraphContainer, type ParagraphSentence } from '../../../../server/src/model/claims/features';
import { judgeParagraph } from '../../../../server/src/model/claims/judge';
// The records are built by the script that wrote the fixtures (scripts/claims/golden.mjs), so both sides agree.
import { canonical, corpusDigest, corpusParagraphs, FRAMINGS, paragraphRecord } from '../../../../scripts/claims/golden.mjs';
import { loadManuscripts } from '../../../../scripts/claims/data.mjs';
import { sharedData } from '../../../shared-data';
import { claimBibliographyMatcher } from '../../../../server/src/analysis/claim-bibliography';
import { claimBibliography } from '../../../../server/src/model/claims/bibliography-features';
import { medianScore } from '../../../../server/src/model/claims/bibliography-match';

// Judgements recorded from the code before it was made faster (scripts/claims/golden.mjs): rule cues,
// today's verdicts, scores, thresholds, evidence and names must stay the same, to the last bit.
const fixtures = path.resolve(__dirname, '../../../fixtures/claims');
const code = { judgeParagraph, cueFunction, claimCues, classifyClaim, parseBibliography, formatForPath, summarise, claimBibliographyMatcher, claimBibliography, medianScore };
const model = bundledClaimModel();

interface EditionFixture {
  knownAuthors: string[];
  /** The manuscript's bibliography scale as the host computed it (workspace/claim-bibliography.ts). */
  bibliographyScale: number;
  paragraphs: { input: { sentences: ParagraphSentence[]; headings: string[]; container?: ParagraphContainer }; expected: unknown }[];
}

describe('claim judgements are those recorded before the speed-up', () => {
  it('every paragraph of the edition: cues, verdicts, scores and evidence', () => {
    const edition = JSON.parse(readFileSync(path.join(fixtures, 'edition-judgements.json'), 'utf8')) as EditionFixture;
    const authors = new Set(edition.knownAuthors);
    const bibFile = path.resolve(__dirname, '../../../../document/references.bib');
    const matcher = claimBibliographyMatcher(parseBibliography(readFileSync(bibFile, 'utf8'), formatForPath(bibFile)).entries)!;
    const bibliography = claimBibliography(matcher, edition.bibliographyScale);
    expect(bibliography.scale).toBe(edition.bibliographyScale);
    expect(edition.paragraphs.length).toBeGreaterThan(5);
    for (const { input, expected } of edition.paragraphs) {
      const actual = paragraphRecord(code, model, { ...input, authors, bibliography });
      // Parsed back: the fixture's JSON has the keys in the order canonical() wrote them.
      expect(JSON.parse(canonical(actual))).toEqual(JSON.parse(canonical(expected)));
    }
  });

  const corpus = sharedData('corpus/manifest.tsv');
  it.skipIf(!corpus.present)(`every sentence of the corpus, in both framings${corpus.skipNote}`, () => {
    const expected = JSON.parse(readFileSync(path.join(fixtures, 'corpus-digests.json'), 'utf8')) as Record<string, Record<string, string>>;
    const manuscripts = loadManuscripts(code);
    expect(manuscripts.map((m) => m.name).sort()).toEqual(Object.keys(expected).sort());
    const differ: string[] = [];
    for (const m of manuscripts)
      for (const framing of FRAMINGS) if (corpusDigest(code, model, m, framing) !== expected[m.name]![framing]) differ.push(`${m.name} (${framing})`);
    expect(differ).toEqual([]);
  }, 120_000);

  // The server scores from tokens (scoreSentence); the keys are the model's definition (score, training).
  it.skipIf(!corpus.present)(`scoring a sentence's tokens adds what scoring its keys adds, to the last bit${corpus.skipNote}`, () => {
    let sentences = 0;
    for (const m of loadManuscripts(code))
      for (const { sentences: ss, headings, authors, container, bibliography } of corpusParagraphs(code, m, 'draft')) {
        const known = authors?.size ? authors : undefined;
        for (const f of paragraphFeatures(ss, headings, cueFunction(known), known, container, bibliography)) {
          if (model.scoreSentence(f) !== model.score(f.keys)) throw new Error(`scores differ for ${JSON.stringify(f.keys)}`);
          sentences++;
        }
      }
    expect(sentences).toBeGreaterThan(10_000);
  }, 120_000);
});
