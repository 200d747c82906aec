/** User CSL styles get bounded engines of their own: an edited style file must not grow memory forever. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableStyles, ReferenceFormatter } from '../../../server/src/bibliography/format.js';
import type { CslItem } from '../../../server/src/bibliography/types.js';

const csl = readFileSync(path.join(__dirname, 'fixtures/minimal-author-date.csl'), 'utf8');
const item: CslItem = { id: 'katz', type: 'article-journal', author: [{ family: 'Katz', given: 'Mark N.' }], title: 'Russia and Iran', issued: { 'date-parts': [[2012]] } };

/** The fixture style with the bibliography's separator changed: one "rewrite" of the style file. */
const version = (n: number) => csl.replace('prefix=" :: "', `prefix=" v${n} "`);

const formatter = new ReferenceFormatter();
const formatReference = formatter.formatReference.bind(formatter);
const formatCitation = formatter.formatCitation.bind(formatter);
const styleProblem = formatter.styleProblem.bind(formatter);

describe('user CSL styles', () => {
  it('formats each rewrite of a style file with that version, keeping a bounded number of engines and registering nothing', () => {
    const registered = availableStyles().length;
    for (let n = 0; n < 40; n++) {
      expect(formatReference(item, { cslText: version(n) }).text).toBe(`Katz, Mark N. v${n} Russia and Iran`);
      expect(formatCitation([item], { cslText: version(n) }).text).toBe('[Katz Russia and Iran]');
    }
    expect(availableStyles().length).toBe(registered);
    expect(formatter.userStyleEngineCount).toBeLessThanOrEqual(4);
  });

  it('says why a style text is not usable, and formats in APA instead', () => {
    expect(styleProblem(csl)).toBeUndefined();
    expect(styleProblem('<html><body>not a style</body></html>')).toMatch(/^citeproc-js cannot read it/);
    expect(styleProblem('')).toMatch(/^citeproc-js cannot read it/);
    const noBibliography = csl.replace(/<bibliography>.*<\/bibliography>/s, '');
    expect(styleProblem(noBibliography)).toBe('it has no bibliography layout');
    const r = formatReference(item, { cslText: '<html/>' });
    expect(r).toEqual({ text: 'Katz, M. N. (2012). Russia and Iran.', markdown: 'Katz, M. N. (2012). *Russia and Iran*.', fallback: true });
  });
});
