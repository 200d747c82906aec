import { describe, expect, it } from 'vitest';
import { buildManuscript } from '../../../../server/src/model/manuscript';
import { cueFunction, inheritedSectionKind, paragraphFeatures, tokenize, type ParagraphSentence } from '../../../../server/src/model/claims/features';

const cues = cueFunction(undefined);
const para = (texts: string[], cited: boolean[] = texts.map(() => false)): ParagraphSentence[] => texts.map((text, i) => ({ text, cited: cited[i]! }));
const keysOf = (texts: string[], headings: string[] = ['Introduction'], cited?: boolean[], authors?: Set<string>) =>
  paragraphFeatures(para(texts, cited), headings, authors ? cueFunction(authors) : cues, authors).map((f) => f.keys);

describe('claim features', () => {
  it('inherits the section kind from the nearest heading that says what it is', () => {
    expect(inheritedSectionKind(['Introduction', 'The constrained structure of food webs'])).toEqual({ kind: 'background', title: 'Introduction' });
    expect(inheritedSectionKind(['2 Methods', 'Sampling'])).toEqual({ kind: 'method', title: 'Methods' });
    expect(inheritedSectionKind(['Imaging applications'])).toEqual({ kind: 'other', title: 'Imaging applications' });
    expect(keysOf(['Food webs are constrained by body size.'], ['Introduction', 'The constrained structure of food webs'])[0]).toContain('sec:background');
  });

  it('reads words and word pairs, numbers by kind', () => {
    expect(tokenize('In 1998, 40% of the 3,000 states’ soldiers left.')).toEqual(['in', '<year>', '<num>', 'of', 'the', '<num>', 'states', 'soldiers', 'left']);
    const [keys] = keysOf(['Since 2011, exports fell by 40% over four decades.']);
    expect(keys).toEqual(expect.arrayContaining(['w:since', 'b:^_since', 'b:since_<year>', 'num:year', 'num:percent', 'num:word']));
  });

  it('turns every rule that fires into a cue, not only the first', () => {
    const [keys] = keysOf(['Historically, studies have shown that 40% of alliances fail.']);
    expect(keys).toEqual(expect.arrayContaining(['cue:historical', 'cue:general-empirical', 'cue:statistic']));
  });

  it('sees the position in the paragraph and the neighbours, cited or not', () => {
    const texts = ['Katz describes the alliance.', 'It grew after the war.', 'We study it.'];
    const [first, middle, last] = keysOf(texts, ['Background'], [true, false, false]);
    expect(first).toEqual(expect.arrayContaining(['pos:first', 'prev:none']));
    expect(middle).toEqual(expect.arrayContaining(['pos:middle', 'prev:cited', 'plen:2-3']));
    expect(middle).not.toContain('next:cited');
    expect(last).toEqual(expect.arrayContaining(['pos:last', 'next:none', 'self']));
    expect(last).not.toContain('prev:cited');
  });

  it('reads a sentence the same whether or not it carries a citation (U+FFFC)', () => {
    const [plain] = keysOf(['Relations improved after 2011.']);
    const [cited] = keysOf(['Relations improved after 2011 \uFFFC.']);
    expect(cited).toEqual(plain);
  });

  it('knows the names of the bibliography authors', () => {
    const [keys] = keysOf(['Kozhanov describes the arms trade in detail.'], ['Background'], undefined, new Set(['kozhanov']));
    expect(keys).toContain('author:known');
    const [without] = keysOf(['Kozhanov describes the arms trade in detail.'], ['Background']);
    expect(without).not.toContain('author:known');
  });

  it('marks a sentence that continues a cited one about the same work', () => {
    const f = paragraphFeatures(para(['Smith trained a network on ImageNet.', 'They trained it on 100,000 images.'], [true, false]), ['Results'], cues);
    expect(f[1]!.continuation).toBe(true);
    expect(f[1]!.keys).toContain('cont:cited');
    const own = paragraphFeatures(para(['Smith trained a network.', 'We trained it on 100,000 images.'], [true, false]), ['Results'], cues);
    expect(own[1]!.continuation).toBe(false);
  });

  it('knows the block a paragraph sits in: list items and quotes are cited less than body prose', () => {
    const text = ['Sanctions on Iran have grown since 2018.'];
    const [body] = paragraphFeatures(para(text), ['Background'], cues);
    const [item] = paragraphFeatures(para(text), ['Background'], cues, undefined, 'list');
    expect(body!.keys.filter((k) => k.startsWith('in:'))).toEqual([]);
    expect(item!.keys).toContain('in:list');
  });

  it('the manuscript tells the model which paragraphs are list items or quotes', () => {
    const sentence = 'Sanctions on Iran have grown since 2018 and trade with Russia doubled.';
    const scoreIn = (md: string) => buildManuscript(md).sentences.find((x) => x.text.includes('Sanctions'))!.judgement!.score;
    const body = scoreIn(`# Background\n\n${sentence}\n`);
    expect(scoreIn(`# Background\n\n- ${sentence}\n`)).toBeLessThan(body);
    expect(scoreIn(`# Background\n\n> ${sentence}\n`)).toBeLessThan(body);
  });
});
