import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availableStyles, htmlToOutputs, ReferenceFormatter } from '../../../server/src/bibliography/format.js';
import { parseBibTeX } from '../../../server/src/bibliography/bibtex.js';
import type { CslItem } from '../../../server/src/bibliography/types.js';

const realistic = parseBibTeX(readFileSync(join(__dirname, 'fixtures', 'realistic.bib'), 'utf8')).entries;
const formatter = new ReferenceFormatter();
const formatReference = formatter.formatReference.bind(formatter);
const formatCitation = formatter.formatCitation.bind(formatter);
const csl = (key: string): CslItem => realistic.find((e) => e.key === key)!.csl();

describe('formatReference (citeproc-js via citation-js)', () => {
  it('formats APA 7 by default, with Markdown italics', () => {
    const r = formatReference(csl('katz2012russia'));
    expect(r.text).toBe(
      'Katz, J., & Pesetsky, D. (2012). The identity thesis for language and music. Journal of Sociolinguistics, 16(3), 361–389. https://doi.org/10.1111/j.1467-9841.2012.00001.x',
    );
    expect(r.markdown).toBe(
      'Katz, J., & Pesetsky, D. (2012). The identity thesis for language and music. *Journal of Sociolinguistics*, *16*(3), 361–389. https://doi.org/10.1111/j.1467-9841.2012.00001.x',
    );
    expect(r.fallback).toBeUndefined();
  });

  it('ships APA as the 7th edition', () => {
    // APA 7 drops the publisher location for books (APA 6 printed "Cambridge: Cambridge University Press").
    expect(formatReference(csl('muller1999')).text).toBe(
      'Müller, J., & de la Fontaine, J. (1999). Über die Sprache der Vögel (2nd ed.). Cambridge University Press.',
    );
    expect(availableStyles()).toEqual(expect.arrayContaining(['apa', 'vancouver', 'harvard1']));
  });

  it('formats literal names, theses and chapters', () => {
    expect(formatReference(csl('who2020')).text).toMatch(/^World Health Organization\. \(2020\)\. Global report on literacy/);
    expect(formatReference(csl('ozturk2015')).text).toContain('Öztürk, A. (2015). Code-switching in Istanbul [PhD thesis]. Boğaziçi University.');
    expect(formatReference(csl('dubois2005')).markdown).toContain('In A. Smith & B. Jones (Eds.), *Handbook of life writing* (pp. 45–67). Routledge.');
  });

  it('uses other registered styles and a style given as CSL text', () => {
    expect(formatReference(csl('katz2012russia'), { style: 'vancouver' }).text).toMatch(/^1\. Katz J, Pesetsky D\./);
    const path = join(__dirname, 'fixtures', 'minimal-author-date.csl');
    const byText = formatReference(csl('katz2012russia'), { cslText: readFileSync(path, 'utf8') });
    expect(byText.text).toBe('Katz, Jonah, Pesetsky, David :: The identity thesis for language and music');
    expect(byText.markdown).toBe('Katz, Jonah, Pesetsky, David :: *The identity thesis for language and music*');
  });

  it('falls back to APA for an unknown style name, and says so', () => {
    const r = formatReference(csl('katz2012russia'), { style: 'chicago-author-date' });
    expect(r.text).toMatch(/^Katz, J\., & Pesetsky, D\. \(2012\)/);
    expect(r.fallback).toBe(true);
  });

  it('uses the locale', () => {
    expect(formatReference(csl('dubois2005'), { locale: 'de-DE' }).text).toContain('(Hrsg.)');
  });

  it('never throws on odd items', () => {
    const odd: CslItem[] = [
      { id: 'empty', type: 'book' },
      { id: 'no-type', type: 'not-a-csl-type', title: 'Untyped' },
      { id: 'string-author', type: 'book', author: 'Plato' as unknown as never, issued: 'ca. 380 BC' as unknown as never },
      { id: 'bad-date', type: 'book', title: 'T', issued: { 'date-parts': [['x']] } },
      { id: 'bad-names', type: 'book', title: 'T', author: [{}, null, 3] as unknown as never },
      { id: 'cyclic', type: 'book', title: 'T', note: 'x' },
    ];
    (odd[5] as Record<string, unknown>).self = odd[5];
    for (const item of odd) {
      const r = formatReference(item);
      expect(r.text.length).toBeGreaterThan(0);
    }
    expect(formatReference(odd[0]!)).toMatchObject({ text: '(n.d.). [empty]', fallback: true });
    expect(formatReference(odd[1]!).text).toBe('Untyped. (n.d.).');
    expect(formatReference(odd[2]!).text).toBe('Plato. (380 B.C.E.).');
  });

  it('caches per item and style', () => {
    const item = csl('garcia2019');
    const a = formatReference(item);
    expect(formatReference(item)).toBe(a);
    expect(formatReference({ ...item })).toBe(a); // same content, same result
    expect(formatReference(item, { style: 'vancouver' })).not.toBe(a);
  });
});

describe('formatCitation', () => {
  it('renders an APA in-text citation', () => {
    expect(formatCitation([csl('katz2012russia')]).text).toBe('(Katz & Pesetsky, 2012)');
    expect(formatCitation([csl('who2020'), csl('tolkien1954')]).text).toBe('(Tolkien, 1954; World Health Organization, 2020)');
    expect(formatCitation([]).text).toBe('');
  });
});

describe('htmlToOutputs', () => {
  it('turns citeproc HTML into text and escaped Markdown', () => {
    expect(htmlToOutputs('<div class="csl-entry">A &amp; B. <i>Title_with *stars* </i>x</div>')).toEqual({
      text: 'A & B. Title_with *stars* x',
      markdown: 'A & B. *Title\\_with \\*stars\\** x',
    });
    expect(htmlToOutputs('<b>bold</b> <span style="font-variant:small-caps;">sc</span> <i></i>').markdown).toBe('**bold** sc');
  });
});
