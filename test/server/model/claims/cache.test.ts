import { describe, expect, it } from 'vitest';
import { buildManuscript } from '../../../../server/src/model/manuscript';

// A sentence that names a person: whether it attributes a view depends on the bibliography's authors.
const TEXT = '# Introduction\n\nKozhanov describes the arms trade between the two states in detail.\n';

describe('claim verdicts are keyed by their inputs', () => {
  it('two manuscripts with different bibliographies and no author-set id get their own verdicts', () => {
    const first = buildManuscript(TEXT, { knownAuthors: new Set(['kozhanov']) });
    const second = buildManuscript(TEXT, { knownAuthors: new Set(['mearsheimer']) });
    expect(first.sentences[0]!.verdict.named).toEqual(['Kozhanov']);
    expect(second.sentences[0]!.verdict.named ?? []).toEqual([]);
  });
});
