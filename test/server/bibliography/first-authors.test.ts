import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBibTeX } from '../../../server/src/bibliography/bibtex.js';
import { parseName, splitNames } from '../../../server/src/bibliography/bibtex-to-csl.js';
import { latexToUnicode } from '../../../server/src/bibliography/latex.js';
import { firstAuthor, firstAuthors } from '../../../server/src/bibliography/first-authors.js';
import { formatForPath, parseBibliography } from '../../../server/src/bibliography/load.js';
import { parseCslJson } from '../../../server/src/bibliography/csl-json.js';
import { summarise } from '../../../server/src/bibliography/summary.js';
import type { BibEntry } from '../../../server/src/bibliography/types.js';
import { sharedData } from '../../shared-data.js';

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

describe('first author of one entry', () => {
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

/** What the library's index must hold: each entry's first author, once. */
function oneByOne(entries: readonly BibEntry[]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    const name = firstAuthor(e);
    if (name !== undefined) out.add(name);
  }
  return out;
}

/** Bibliography files under `dir`, through its subfolders. */
function bibliographies(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name.startsWith('.') ? [] : bibliographies(full);
    return /\.(bib|json|ya?ml)$/.test(name) && !name.startsWith('package') ? [full] : [];
  });
}

describe('first authors of a library', () => {
  it('are those of its entries one by one: generated entries with evaluated values, fields maps, duplicates and CSL items mixed', () => {
    const entry = fc.record({
      list: nameList,
      form: fc.constantFrom('braced', 'quoted', 'editor', 'macro', 'concatenated', 'none', 'built', 'csl'),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (specs) => {
        const sources = specs.map(({ list, form }, i) => {
          const braced = `{${list}}`;
          switch (form) {
            case 'quoted': return `@article{k${i}, title = {T}, author = "${list}"}`;
            case 'editor': return `@book{k${i}, editor = ${braced}}`;
            case 'macro': return `@string{who${i} = ${braced}}\n@book{k${i}, author = who${i}}`;
            case 'concatenated': return `@book{k${i}, author = {Smith} # ${braced}}`;
            case 'none': return `@book{k${i}, title = ${braced}}`;
            default: return `@book{k${i}, author = ${braced}, editor = {Editor, E.}}`;
          }
        });
        const { entries } = parseBibTeX(sources.join('\n'));
        const mixed: BibEntry[] = entries.map((e, i) => {
          if (specs[i]?.form === 'built') e.fields; // the fields map, read instead of the source's offsets
          return e;
        });
        const csl = parseCslJson(JSON.stringify(specs.map(({ list }, i) => ({ id: `c${i}`, type: 'book', author: [{ family: list.trim() || 'X', given: 'A' }] })))).entries;
        specs.forEach(({ form }, i) => {
          if (form === 'csl') mixed.splice(i, 0, csl[i]!);
        });
        expect(firstAuthors(mixed)).toEqual(oneByOne(mixed));
        // A subset (the first definitions of a key index) and entries of two parses interleaved.
        const other = parseBibTeX(sources.reverse().join('\n')).entries;
        const interleaved = mixed.flatMap((e, i) => (other[i] ? [e, other[i]!] : [e])).filter((_, i) => i % 3 !== 1);
        expect(firstAuthors(interleaved)).toEqual(oneByOne(interleaved));
      }),
      { seed: Number(process.env['FUZZ_SEED'] ?? 20261202), numRuns: Number(process.env['FUZZ_RUNS'] ?? 300) },
    );
  });

  /** Checks each file's library against its entries one by one; the number of names compared. */
  const expectOneByOne = (files: readonly string[]): number => {
    let names = 0;
    for (const file of files) {
      const { entries } = parseBibliography(readFileSync(file, 'utf8'), formatForPath(file));
      const expected = oneByOne(entries);
      expect(firstAuthors(entries), file).toEqual(expected);
      names += expected.size;
    }
    return names;
  };

  it('are those of its entries one by one over the project\'s fixtures', () => {
    const files = bibliographies(path.resolve(__dirname, 'fixtures'));
    expect(files.length).toBeGreaterThan(3);
    expect(expectOneByOne(files)).toBeGreaterThan(10);
  });

  const corpus = sharedData('corpus');
  it.skipIf(!corpus.present)(`are those of its entries one by one over the corpus's bibliographies${corpus.skipNote}`, () => {
    expect(expectOneByOne(bibliographies(corpus.path))).toBeGreaterThan(1000);
  });

  const wals = sharedData('bib/wals-sources.bib');
  it.skipIf(!wals.present)(`are those of its entries one by one over WALS, and over four copies of it in one text${wals.skipNote}`, () => {
    const text = readFileSync(wals.path, 'utf8');
    const { entries } = parseBibTeX(text);
    const expected = oneByOne(entries);
    expect(expected.size).toBeGreaterThan(3_700);
    expect(firstAuthors(entries)).toEqual(expected);
    const four = parseBibTeX([text, text, text, text].join('\n')).entries;
    expect(four).toHaveLength(4 * 7_373);
    expect(firstAuthors(four)).toEqual(expected);
  });
});
