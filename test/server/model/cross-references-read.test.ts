/**
 * The claims model reads a cross-reference as the corpus it was trained on prints it ("fig. 2": Pandoc
 * with pandoc-crossref), not as the U+FFFC it reads for a citation: "As @fig-map shows" is evidence of the
 * authors' own result. The sentence's own text keeps the placeholder.
 */
import { describe, expect, it } from 'vitest';
import { buildManuscript } from '../../../server/src/model/manuscript.js';

const score = (text: string) => buildManuscript(`# Results\n\n${text}\n`).sentences[0]!.judgement.score;

describe('cross-references as the claims model reads them', () => {
  it('reads @fig-map and [@tbl:trade] as "fig. 1" and "tbl. 1"', () => {
    expect(score('As @fig-map shows, trade grew after the sanctions.')).toBe(score('As fig. 1 shows, trade grew after the sanctions.'));
    expect(score('Trade grew after the sanctions [@tbl:trade].')).toBe(score('Trade grew after the sanctions tbl. 1.'));
    expect(score('As @fig-map shows, trade grew after the sanctions.')).not.toBe(score('As @smith2020 shows, trade grew after the sanctions.'));
  });

  it('keeps a group that also cites a source a citation, and the sentence text as written', () => {
    expect(score('Trade grew after the sanctions [@tbl:trade; @smith2020].')).toBe(score('Trade grew after the sanctions [@smith2020].'));
    const m = buildManuscript('As @fig-map shows, trade grew.\n');
    expect(m.sentences[0]!.text).toBe('As \uFFFC shows, trade grew.');
  });
});
