import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBibTeX } from '../../../server/src/bibliography/bibtex.js';
import { parseName, splitNames } from '../../../server/src/bibliography/bibtex-to-csl.js';
import { latexToUnicode } from '../../../server/src/bibliography/latex.js';
import { firstAuthor, summarise } from '../../../server/src/bibliography/summary.js';

/** What the general name parser says the first family name is. */
function expected(list: string): string | undefined {
  const name = splitNames(list)[0];
  if (name === undefined) return undefined;
  const p = parseName(name);
  return latexToUnicode(p.family ?? p.literal ?? name).trim();
}

const lists = [
  'Katz, Mark N.', ' and Smith, J.', 'von Neumann, John', 'Ludwig van Beethoven', 'Smith,', 'Smith, , ',
  '{World Health Organization}', 'M{\\"u}ller, K. and Others', 'de la Fontaine, Jean', 'Jean de la Fontaine',
  "O'Brien, P.", 'Smith  and  Jones', 'Smith\tAND\tJones', 'Plato', 'van', 'Doe, Jr, John', 'Smith-Jones, A.',
  'Jean-Paul Sartre', 'Zhang\u00a0Wei and Li Na', 'Álvarez, José', 'e. e. cummings',
  'Abdel-Massih, Ernest T.', 'Chao, Yuan-Ren', 'Smith, {\\"A}ke and Jones', 'Smith--Jones, A.', 'Smith,\u00a0John',
  'Smith, and Jones', 'Smith ,John', 'van Dyk, J. and Doe, J.', "Tung, T'ung-Ho", "O''Brien, P.",
  'le Bris, P. and Prost, A.', 'Crawford Jr, James Mack', 'van der Leeden, A. C.', 'Jean de la Fontaine Smith',
  'Crawford  Jr, J.', 'de  la Fontaine',
];

/** Name lists made of the pieces that decide a first family name: particles, hyphens, dashes, commas, LaTeX, odd spaces. */
const nameList = fc
  .array(
    fc.constantFrom(
      'Smith', 'Jean-Paul', 'Abdel-Massih', "O'Brien", 'van', 'de la', 'e.', 'J.', 'Álvarez', 'M{\\"u}ller', '{\\"A}ke',
      '{World Bank}', '--', '-', "''", '~', ',', ' , ', ' and ', ' AND ', 'and', ' ', '  ', '\t', '\u00a0', 'a',
    ),
    { maxLength: 9 },
  )
  .map((parts) => parts.join(''));

describe('entry summaries', () => {
  it.each(lists)('first author of %j: the same as the general name parser, and as the summary', (list) => {
    const [entry] = parseBibTeX(`@book{k, author = {${list}}}`).entries;
    expect(firstAuthor(entry!)).toBe(expected(list));
    expect(firstAuthor(entry!)).toBe(summarise(entry!).authors[0]);
  });

  it('first author of generated name lists: the same as the general name parser, and as the summary', () => {
    fc.assert(
      fc.property(nameList, (list) => {
        // Braced and quoted values, and the editor: the parse reads plain family names in place.
        const sources = [`@book{k, author = {${list}}}`, `@book{k, author = "${list}", title = {T}}`, `@book{k, title = {T}, editor = {${list}}}`];
        for (const source of sources) {
          const [entry] = parseBibTeX(source).entries;
          expect(firstAuthor(entry!)).toBe(expected(list));
          expect(firstAuthor(entry!)).toBe(summarise(entry!).authors[0]);
        }
      }),
      { seed: Number(process.env['FUZZ_SEED'] ?? 20261201), numRuns: Number(process.env['FUZZ_RUNS'] ?? 2000) },
    );
  });

  it('falls back to the editor, and has no first author without names', () => {
    const { entries } = parseBibTeX('@book{a, editor = {Dixon, R. M. W.}}\n@book{b, title = {T}}\n@book{c, author = {}}');
    expect(entries.map(firstAuthor)).toEqual(['Dixon', undefined, undefined]);
  });
});
