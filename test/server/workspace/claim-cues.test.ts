import { describe, expect, it } from 'vitest';
import { ClaimCueCache } from '../../../server/src/workspace/claim-cues';

const SENTENCE = 'Kozhanov describes the arms trade between the two states in detail.';

describe('the host\'s claim-cue cache', () => {
  it('is keyed by the author set: each bibliography gets its own cues, the same one its memo', () => {
    const cache = new ClaimCueCache();
    const withKozhanov = cache.forAuthors('a', new Set(['kozhanov']));
    const withOthers = cache.forAuthors('b', new Set(['mearsheimer']));
    expect(withKozhanov(SENTENCE, []).some((c) => c.named?.includes('Kozhanov'))).toBe(true);
    expect(withOthers(SENTENCE, []).some((c) => c.named?.includes('Kozhanov'))).toBe(false);
    expect(cache.forAuthors('a', new Set(['kozhanov']))).toBe(withKozhanov);
    // Same text, same set: the memoised cues themselves.
    expect(withKozhanov(SENTENCE, [])).toBe(withKozhanov(SENTENCE, []));
  });

  it('keys on the names the previous sentence attributed a view to', () => {
    const cues = new ClaimCueCache().forAuthors('none', undefined);
    const after = cues('He argues that the structure decides.', ['Waltz']);
    const alone = cues('He argues that the structure decides.', []);
    expect(after.find((c) => c.id === 'attribution')?.named).toEqual(['Waltz']);
    expect(alone.find((c) => c.id === 'attribution')?.named).toBeUndefined();
  });
});

describe('the host\'s paragraph judgements', () => {
  it('are memoised by the paragraph\'s sentences, citedness and headings', async () => {
    const { bundledClaimModel } = await import('../../../server/src/model/claims/bundled');
    const cache = new ClaimCueCache();
    const judge = cache.judge('none', undefined, bundledClaimModel());
    const para = [{ text: 'Smith et al. found that dropout helps.', cited: true }, { text: 'They reported that 73% of models overfit.', cited: false }];
    const first = judge(para, ['Results']);
    expect(judge(para.map((s) => ({ ...s })), ['Results'])).toBe(first);
    expect(first[1]!.coveredByPrevious).toBe(true);
    const uncited = judge([{ ...para[0]!, cited: false }, para[1]!], ['Results']);
    expect(uncited).not.toBe(first);
    expect(uncited[1]!.coveredByPrevious).toBe(false);
    expect(judge(para, ['Introduction'])).not.toBe(first);
    // A separator inside a text does not merge two sentences into one key.
    expect(judge([{ text: 'a\u0000b', cited: false }], [])).toHaveLength(1);
  });
});
