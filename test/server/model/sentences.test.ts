import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../server/src/model/sentences';

const OBJ = '\uFFFC';
/** The sentences as strings, so failures read as text. */
const split = (text: string): string[] => splitSentences(text).map((r) => text.slice(r.start, r.end));

describe('splitSentences', () => {
  it('splits plain sentences and trims surrounding whitespace', () => {
    const text = '  Waltz emphasizes structure.  He argues that it matters!  Does it? ';
    expect(splitSentences(text)).toEqual([
      { start: 2, end: 29 },
      { start: 31, end: 57 },
      { start: 59, end: 67 },
    ]);
    expect(split(text)).toEqual(['Waltz emphasizes structure.', 'He argues that it matters!', 'Does it?']);
  });

  it('returns nothing for empty or blank text and one range for text without punctuation', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n ')).toEqual([]);
    expect(split('1-Introduction')).toEqual(['1-Introduction']);
  });

  it('does not split after common abbreviations', () => {
    expect(split('Some states, e.g. Iran, cooperate. Others do not.')).toEqual(['Some states, e.g. Iran, cooperate.', 'Others do not.']);
    expect(split('Realists (i.e. Waltz) disagree. See cf. Katz, vs. Kozhanov, etc., here.')).toEqual([
      'Realists (i.e. Waltz) disagree.',
      'See cf. Katz, vs. Kozhanov, etc., here.',
    ]);
    expect(split('Dr. Katz and Prof. Maleki met. In Vol. 3, No. 4, pp. 54-64, ch. 2 and Fig. 1 show it.')).toEqual([
      'Dr. Katz and Prof. Maleki met.',
      'In Vol. 3, No. 4, pp. 54-64, ch. 2 and Fig. 1 show it.',
    ]);
    expect(split('It was signed in Jan. 2011 and revised on Dec. 5. Then it lapsed.')).toEqual([
      'It was signed in Jan. 2011 and revised on Dec. 5.',
      'Then it lapsed.',
    ]);
    expect(split('See p. 12 for details.')).toEqual(['See p. 12 for details.']);
  });

  it('treats "et al." and "etc." as sentence-final only before a capitalised word', () => {
    expect(split(`Katz et al. ${OBJ} argue this. Others agree.`)).toEqual([`Katz et al. ${OBJ} argue this.`, 'Others agree.']);
    expect(split('This was shown by Katz et al. The result holds.')).toEqual(['This was shown by Katz et al.', 'The result holds.']);
    expect(split('Oil, gas, etc. are traded. Prices rose.')).toEqual(['Oil, gas, etc. are traded.', 'Prices rose.']);
  });

  it('keeps initials and dotted acronyms inside the sentence', () => {
    expect(split('J. M. Mearsheimer blames the West. The U.S. disagrees.')).toEqual([
      'J. M. Mearsheimer blames the West.',
      'The U.S. disagrees.',
    ]);
    expect(split('The national interests of J.A. Iran are at stake. The U.K. and the U.S. The latter leads.')).toEqual([
      'The national interests of J.A. Iran are at stake.',
      'The U.K. and the U.S.',
      'The latter leads.',
    ]);
  });

  it('does not split decimals, version numbers or DOIs', () => {
    expect(split('GPT-3.5 scored 10.1000 points (doi 10.1000/xyz.123). It was v2.0.1 then.')).toEqual([
      'GPT-3.5 scored 10.1000 points (doi 10.1000/xyz.123).',
      'It was v2.0.1 then.',
    ]);
  });

  it('handles ellipses', () => {
    expect(split('The war ... changed nothing. Or did it… Perhaps not.')).toEqual(['The war ... changed nothing.', 'Or did it…', 'Perhaps not.']);
    expect(split('He wrote "the state… survives" here.')).toEqual(['He wrote "the state… survives" here.']);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(split('Iran adopted an "East-oriented approach." Russia agreed.')).toEqual(['Iran adopted an "East-oriented approach."', 'Russia agreed.']);
    expect(split('(This is an aside.) The text resumes.')).toEqual(['(This is an aside.)', 'The text resumes.']);
    expect(split('He asked “Why now?” Nobody knew.')).toEqual(['He asked “Why now?”', 'Nobody knew.']);
    expect(split('“Stop!” he said.')).toEqual(['“Stop!” he said.']);
  });

  it('keeps list labels at the start of a paragraph with the first sentence', () => {
    expect(split('a. The security cooperation can be understood. It is structural.')).toEqual([
      'a. The security cooperation can be understood.',
      'It is structural.',
    ]);
    expect(split('1. First point made. Second point.')).toEqual(['1. First point made.', 'Second point.']);
    expect(split('(c) However, the realities differ. Indeed.')).toEqual(['(c) However, the realities differ.', 'Indeed.']);
    expect(split('iv. Fourth. Fifth.')).toEqual(['iv. Fourth.', 'Fifth.']);
  });

  it('keeps a citation placeholder before or after the period in its sentence', () => {
    expect(split(`This is not a new phenomenon ${OBJ}. Since 2011 it grew.`)).toEqual([`This is not a new phenomenon ${OBJ}.`, 'Since 2011 it grew.']);
    expect(split(`This is not new.${OBJ} Since 2011 it grew.`)).toEqual([`This is not new.${OBJ}`, 'Since 2011 it grew.']);
    // A narrative citation can open the next sentence.
    expect(split(`Structure matters. ${OBJ} argues otherwise.`)).toEqual(['Structure matters.', `${OBJ} argues otherwise.`]);
    // A citation after the full stop cites the sentence before it; it is not a sentence of its own.
    expect(split(`Trade fell by half. ${OBJ}`)).toEqual([`Trade fell by half. ${OBJ}`]);
    expect(split(`Trade fell by half. ${OBJ} ${OBJ}. Exports rose.`)).toEqual([`Trade fell by half. ${OBJ} ${OBJ}.`, 'Exports rose.']);
  });

  it('splits on Persian and Arabic punctuation', () => {
    expect(split('آیا ایران و روسیه متحدند؟ پاسخ روشن نیست.')).toEqual(['آیا ایران و روسیه متحدند؟', 'پاسخ روشن نیست.']);
    expect(split('یہ پہلا جملہ ہے۔ یہ دوسرا ہے۔')).toEqual(['یہ پہلا جملہ ہے۔', 'یہ دوسرا ہے۔']);
  });

  it('never splits a surrogate pair or a combining mark', () => {
    const text = 'The sign 𝔄𝔅. Then cafe\u0301.\u0301 Next 😀! Done.';
    const parts = split(text);
    expect(parts).toEqual(['The sign 𝔄𝔅.', 'Then cafe\u0301.\u0301', 'Next 😀!', 'Done.']);
    for (const r of splitSentences(text)) {
      const first = text.charCodeAt(r.start);
      expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
      expect(/\p{M}/u.test(text[r.start] ?? '')).toBe(false);
    }
  });

  it('does not start a sentence at a lower-case word', () => {
    expect(split('Some abbreviations e.g. the one here. the lower-case case. Next.')).toEqual([
      'Some abbreviations e.g. the one here. the lower-case case.',
      'Next.',
    ]);
  });

  it('splits CJK full stops without a following space', () => {
    expect(split('第一句。第二句！')).toEqual(['第一句。', '第二句！']);
  });

  it('splits a paragraph of the seed paper as a reviewer reads it', () => {
    const para =
      'd. Regarding the war in Ukraine, the Islamic Republic of Iran has faced accusations of arms cooperation. ' +
      'Europe and the United States seem more focused on portraying Iran negatively in international forums and shaping global public opinion than addressing the issue itself. ' +
      'These accusations could have detrimental effects on Iran in various areas. ' +
      "In light of this, it is essential for governing institutions—particularly the Ministry of Foreign Affairs, which manages the country's foreign relations—to implement a series of measures to counter hostile policies against Iran.";
    const parts = split(para);
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('d. Regarding the war in Ukraine, the Islamic Republic of Iran has faced accusations of arms cooperation.');
    expect(parts[3]?.startsWith('In light of this')).toBe(true);
  });

  it('is linear: 100k characters without punctuation, and 100k of abbreviations, finish fast', () => {
    const noPunct = 'word '.repeat(20_000);
    let t = performance.now();
    expect(splitSentences(noPunct)).toEqual([{ start: 0, end: noPunct.length - 1 }]);
    // One 100k-character "word" full of periods: the look-back is bounded, so it is not an abbreviation.
    const longToken = 'a.'.repeat(50_000) + ' B.';
    expect(splitSentences(longToken)).toEqual([{ start: 0, end: 100_000 }, { start: 100_001, end: 100_003 }]);
    const many = 'Dr. Katz left. '.repeat(7_000);
    const ranges = splitSentences(many);
    expect(ranges).toHaveLength(7_000);
    t = performance.now() - t;
    expect(t).toBeLessThan(1000);
  });

  it('returns ordered, non-overlapping ranges that cover every non-space character', () => {
    const text = 'A. First? Second!! "Third." Fourth… fifth. (Sixth.) Seventh';
    const ranges = splitSentences(text);
    let last = 0;
    for (const r of ranges) {
      expect(r.start).toBeGreaterThanOrEqual(last);
      expect(r.end).toBeGreaterThan(r.start);
      expect(/\s/.test(text[r.start] ?? '')).toBe(false);
      expect(/\s/.test(text[r.end - 1] ?? '')).toBe(false);
      expect(text.slice(last, r.start).trim()).toBe('');
      last = r.end;
    }
    expect(text.slice(last).trim()).toBe('');
  });
});
