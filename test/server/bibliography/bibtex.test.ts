import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBibTeX } from '../../../server/src/bibliography/bibtex.js';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const slice = (text: string, r: { start: number; end: number }): string => text.slice(r.start, r.end);

describe('parseBibTeX: structure and ranges', () => {
  it('gives exact entry and key ranges', () => {
    const text = fixture('realistic.bib');
    const { entries, errors } = parseBibTeX(text);
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.key)).toEqual([
      'katz2012russia', 'muller1999', 'dubois2005', 'garcia2019', 'who2020', 'ozturk2015', 'wiki2021',
      'rahimi2018', 'tolkien1954', 'dataset2022', 'draft2023', 'vanderberg2010',
    ]);
    for (const e of entries) {
      const src = slice(text, e.range);
      expect(src.startsWith(`@${e.entryType}{`) || src.toLowerCase().startsWith(`@${e.entryType}{`)).toBe(true);
      expect(src.endsWith('}')).toBe(true);
      expect(slice(text, e.keyRange)).toBe(e.key);
    }
    const katz = entries[0]!;
    expect(katz.entryType).toBe('article');
    expect(katz.fields.get('journal')?.value).toBe('Journal of Sociolinguistics'); // @string macro
    expect(katz.fields.get('month')?.value).toBe('3'); // month macro
    expect(katz.fields.get('year')?.value).toBe('2012'); // bare number
    expect(slice(text, katz.fields.get('pages')!.valueRange)).toBe('{361--389}');
    expect(slice(text, katz.fields.get('doi')!.nameRange)).toBe('doi');
  });

  it('expands macros defined with either delimiter, concatenates with #, keeps nested braces raw', () => {
    const text = fixture('string-macros.bib');
    const { entries, errors } = parseBibTeX(text);
    const macro = entries.find((e) => e.key === 'macro2019')!;
    expect(macro.fields.get('booktitle')?.value).toBe(
      'Proceedings of the 57th Annual Meeting of the Association for Computational Linguistics',
    );
    expect(macro.fields.get('publisher')?.value).toBe('Association for Computational Linguistics');
    expect(macro.fields.get('title')?.value).toBe('Macros and {C}oncatenation');
    expect(macro.fields.get('month')?.value).toBe('7');
    // Use before definition: an error on the macro name, the entry still loads with the field empty.
    const early = entries.find((e) => e.key === 'early2000')!;
    expect(early.fields.get('journal')?.value).toBe('');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/Undefined string macro 'laterjournal'/);
    expect(slice(text, errors[0]!.range)).toBe('laterjournal');
  });

  it('handles @comment, free text, (…) entries, BibLaTeX types and case-sensitive keys', () => {
    const text = fixture('biblatex-forms.bib');
    const { entries, errors } = parseBibTeX(text);
    expect(errors).toEqual([]);
    // The fake entry inside @comment is not read; `mail@example.org` is free text.
    expect(entries.map((e) => e.key)).toEqual(['paren2021', 'CaseKey', 'casekey']);
    const paren = entries[0]!;
    expect(paren.entryType).toBe('online');
    expect(slice(text, paren.range).endsWith(')')).toBe(true);
    expect(paren.fields.get('title')?.value).toBe('Parenthesised entry with (round) text');
    expect(entries[1]!.entryType).toBe('thesis'); // type names are case-insensitive, keys are not

    const csl = paren.csl();
    expect(csl).toMatchObject({
      id: 'paren2021',
      type: 'webpage',
      URL: 'https://example.org/a_b?x=1&y=2',
      accessed: { 'date-parts': [[2021, 2, 3]] },
      issued: { 'date-parts': [[2021, 1, 15]] },
      language: 'de',
    });
    expect(entries[1]!.csl()).toMatchObject({ type: 'thesis', publisher: 'Universität Wien', 'publisher-place': 'Wien' });
  });

  it('reads each entry type as written, lower-cased, among types that share prefixes, cases and lengths, and past 32 types', () => {
    const written = ['book', 'Book', 'BOOK', 'booklet', 'article', 'Article', 'in', 'inbook', 'INBOOK', 'misc', 'Misc', 'mvbook', 'book', 'inbook', 'thesis', 'Thesis', 'ThesiS', 'boo'];
    const many = Array.from({ length: 40 }, (_, i) => `type${i}`);
    const types = [...written, ...many, ...written, ...many.map((t) => t.toUpperCase()), ...written];
    const { entries, errors } = parseBibTeX(types.map((t, i) => `@${t}{k${i}, title = {T}}`).join('\n'));
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.entryType)).toEqual(types.map((t) => t.toLowerCase()));
  });

  it('keeps both entries of a duplicate key and reports nothing (diagnostics do)', () => {
    const { entries, errors } = parseBibTeX(fixture('duplicate-keys.bib'));
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.key, e.fields.get('title')?.value])).toEqual([
      ['same2000', 'Edition one'],
      ['same2000', 'Edition two'],
    ]);
  });

  it('records @preamble and ignores it for entries', () => {
    const { entries, preambles } = parseBibTeX(fixture('realistic.bib'));
    expect(preambles).toEqual(['\\newcommand{\\noopsort}[1]{}']);
    expect(entries).toHaveLength(12);
  });
});

describe('parseBibTeX: error recovery', () => {
  it('loads entries 1, 3, 4 and 5 when entry 2 of 5 has an unbalanced brace', () => {
    const text = fixture('broken-entry-2-of-5.bib');
    const { entries, errors } = parseBibTeX(text);
    expect(entries.map((e) => e.key)).toEqual(['first2001', 'third2003', 'fourth2004', 'fifth2005']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/Unbalanced braces/);
    // The error starts at the value's opening `{` and stops where the next entry begins.
    expect(text.slice(errors[0]!.range.start, errors[0]!.range.start + 13)).toBe('{Second {with');
    expect(errors[0]!.range.end).toBe(text.indexOf('@book{third2003'));
    expect(entries[1]!.csl().title).toBe('Third');
    // The dropped entry's key, so that a citation of it can say why it does not resolve.
    expect(errors[0]!.droppedKey).toBe('broken2002');
  });

  it('names no dropped key when the error came before the key was read', () => {
    expect(parseBibTeX('@article{, title = {T}}\n').errors.map((e) => e.droppedKey)).toEqual([undefined]);
    expect(parseBibTeX('@article{k title = {T}}\n').errors.map((e) => e.droppedKey)).toEqual(['k']);
  });

  const cases: Array<[string, string, RegExp, string]> = [
    ['missing comma between fields', '@book{b, title = {T}\n  year = 2000}', /missing comma/, ''],
    ['missing key', '@book{title = {T}, year = 2000}', /Missing citation key/, 'title'],
    ['empty key', '@book{, title = {T}}', /Missing citation key/, ''],
    ['missing comma after key', '@book{key title = {T}}', /Expected ',' after key 'key'/, 'key'],
    ['missing =', '@book{b, title {T}}', /Expected '='/, 'title'],
    ['unterminated entry', '@book{b, title = {T},\n', /not closed/, ''],
    ['unterminated quote', '@book{b, title = "T}', /Unbalanced '}'/, '}'],
  ];
  for (const [name, broken, message, rangeText] of cases) {
    it(`reports ${name} with a range and keeps the neighbours`, () => {
      const text = `@misc{before, title={A}}\n${broken}\n@misc{after, title={Z}}\n`;
      const { entries, errors } = parseBibTeX(text);
      expect(entries.map((e) => e.key)).toEqual(['before', 'after']);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(message);
      const r = errors[0]!.range;
      expect(r.start).toBeGreaterThanOrEqual(text.indexOf(broken));
      expect(r.end).toBeLessThanOrEqual(text.indexOf('@misc{after'));
      if (rangeText) expect(text.slice(r.start, r.end)).toBe(rangeText);
    });
  }

  it('reports a duplicate field, keeps the first value and the entry', () => {
    const text = '@book{d, title = {First}, TITLE = {Second}, year = 2000}';
    const { entries, errors } = parseBibTeX(text);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.fields.get('title')?.value).toBe('First');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/Duplicate field 'title'/);
    expect(text.slice(errors[0]!.range.start, errors[0]!.range.end)).toBe('TITLE = {Second}');
  });

  it('gives a macro the value it had where it was used, not its later redefinition', () => {
    const text = '@string{j = {First}}\n@article{a, journal = j}\n@string{j = {Second}}\n@article{b, journal = j # { x}}\n';
    const { entries, errors } = parseBibTeX(text);
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.field('journal'))).toEqual(['First', 'Second x']);
    expect(entries.map((e) => e.fields.get('journal')?.value)).toEqual(['First', 'Second x']);
  });

  it('reads one field without building the map, by lower-case name, and agrees with the map', () => {
    const text = '@book{k, TiTle = {T {A} B}, Year = 2001, note = "a {"} b", empty = {}}';
    const [entry] = parseBibTeX(text).entries;
    expect(entry!.field('title')).toBe('T {A} B');
    expect(entry!.field('year')).toBe('2001');
    expect(entry!.field('note')).toBe('a {"} b');
    expect(entry!.field('empty')).toBe('');
    expect(entry!.field('author')).toBeUndefined();
    expect([...entry!.fields.values()].map((f) => [f.name, f.value, slice(text, f.nameRange), slice(text, f.valueRange)])).toEqual([
      ['title', 'T {A} B', 'TiTle', '{T {A} B}'],
      ['year', '2001', 'Year', '2001'],
      ['note', 'a {"} b', 'note', '"a {"} b"'],
      ['empty', '', 'empty', '{}'],
    ]);
  });

  it('reads a field alike whether its value is one flat {…} or needs the general path', () => {
    const text =
      '@book{k, title={Flat},\n  Note\t =\t {Tabs around},\n  series\n = {Newline before =},\n' +
      '  journal = {Flat} # { continued},\n  year = {2001} % comment\n , abstract = {Nested {braces}}, url = {a@b.c}}';
    const { entries, errors } = parseBibTeX(text);
    expect(errors).toEqual([]);
    expect([...entries[0]!.fields.values()].map((f) => [f.name, f.value, slice(text, f.nameRange), slice(text, f.valueRange)])).toEqual([
      ['title', 'Flat', 'title', '{Flat}'],
      ['note', 'Tabs around', 'Note', '{Tabs around}'],
      ['series', 'Newline before =', 'series', '{Newline before =}'],
      ['journal', 'Flat continued', 'journal', '{Flat} # { continued}'],
      ['year', '2001', 'year', '{2001}'],
      ['abstract', 'Nested {braces}', 'abstract', '{Nested {braces}}'],
      ['url', 'a@b.c', 'url', '{a@b.c}'],
    ]);
    expect(entries[0]!.field('journal')).toBe('Flat continued');
  });

  it('finds a duplicate field whose name differs in case only past ASCII, in either order, among names of one length', () => {
    // U+212A KELVIN SIGN lower-cases to an ASCII k; names of one length with other initials are no duplicates.
    const { entries, errors } = parseBibTeX(
      '@misc{a, key = {1}, bey = {x}, \u212Aey = {2}}\n@misc{b, \u212Aey = {1}, KEY = {2}, Key = {3}, aey = {4}}\n@misc{c, ab = {1}, Ab = {2}, bA = {3}, BA = {4}}',
    );
    expect(entries.map((e) => [...e.fields.values()].map((f) => f.value))).toEqual([['1', 'x'], ['1', '4'], ['1', '3']]);
    expect(errors).toHaveLength(5);
  });

  it('finds a duplicate field among many, whatever the case of its name (ASCII or not)', () => {
    const names = Array.from({ length: 40 }, (_, i) => `f${i}`);
    const fields = [...names.map((n) => `${n} = {${n}}`), 'F7 = {again}', 'f39 = {again}'];
    const { entries, errors } = parseBibTeX(`@misc{k, ${fields.join(', ')}}\n@misc{l, Āx = {1}, āx = {2}}`);
    expect(entries[0]!.fields.size).toBe(40);
    expect(entries[0]!.field('f7')).toBe('f7');
    expect(entries[1]!.field('āx')).toBe('1');
    expect(errors.map((e) => e.message)).toEqual([
      "Duplicate field 'f7' in entry 'k' (the first value is used)",
      "Duplicate field 'f39' in entry 'k' (the first value is used)",
      "Duplicate field 'āx' in entry 'l' (the first value is used)",
    ]);
  });

  it('drops the fields of an entry that fails half-way, so the next entry keeps only its own', () => {
    const text = '@book{bad, title = {T}, year = 2000 oops = 1}\n@book{good, title = {G}}\n';
    const { entries, errors } = parseBibTeX(text);
    expect(entries.map((e) => e.key)).toEqual(['good']);
    expect([...entries[0]!.fields.keys()]).toEqual(['title']);
    expect(entries[0]!.field('year')).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('reads every prefix of a real library: the complete entries, and an error for the cut one', () => {
    const text = fixture('realistic.bib');
    const full = parseBibTeX(text).entries;
    for (let i = 0; i <= text.length; i += 7) {
      const prefix = text.slice(0, i);
      const r = parseBibTeX(prefix);
      // Every entry that ends inside the prefix is read with the same key and range.
      const complete = full.filter((e) => e.range.end <= i).map((e) => `${e.key}@${e.range.start}-${e.range.end}`);
      expect(r.entries.map((e) => `${e.key}@${e.range.start}-${e.range.end}`).slice(0, complete.length)).toEqual(complete);
      for (const e of r.entries) expect(prefix.slice(e.keyRange.start, e.keyRange.end)).toBe(e.key);
      for (const e of r.errors) {
        expect(e.range.start).toBeGreaterThanOrEqual(0);
        expect(e.range.end).toBeGreaterThanOrEqual(e.range.start);
        expect(e.range.end).toBeLessThanOrEqual(i);
      }
      // A cut inside an entry's braces is reported, not silently dropped.
      const cut = full.find((e) => e.range.start < i && e.range.end > i && text.indexOf('{', e.range.start) < i);
      if (cut && !r.entries.some((e) => e.range.start === cut.range.start)) expect(r.errors.length, `prefix ${i}`).toBeGreaterThan(0);
    }
    expect(parseBibTeX('').entries).toEqual([]);
  });

  it('reports garbage as an entry without a key, and reads nothing from it', () => {
    expect(parseBibTeX('@@@{{{(((""" # , = }}})))')).toEqual({
      entries: [],
      errors: [{ message: 'Missing citation key in @@@ entry', range: { start: 1, end: 5 }, severity: 'error' }],
      preambles: [],
    });
  });

  it('reads the entry after a lone @ at the end of a line (a cut entry)', () => {
    const { entries } = parseBibTeX('@\n@article{a,\n  title = {A}\n}');
    expect(entries.map((e) => [e.key, e.entryType, e.range.start])).toEqual([['a', 'article', 2]]);
  });

  it('reads an entry with 8,000 nested braces, reports it, and reads its neighbours', () => {
    const deep = '{'.repeat(8000) + 'Deep title' + '}'.repeat(8000);
    const text = `@article{a, title={Fine}}\n@article{b, author={Deep, A.}, title={${deep}}}\n@article{c, title={Also}}\n`;
    const { entries, errors } = parseBibTeX(text);
    expect(entries.map((e) => e.key)).toEqual(['a', 'b', 'c']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^Braces nested more than 64 deep/);
    const b = entries[1]!;
    expect(errors[0]!.range.start).toBeGreaterThan(b.range.start);
    expect(errors[0]!.range.end).toBeLessThan(b.range.end);
    expect(b.csl()).toMatchObject({ id: 'b', title: 'Deep title', author: [{ family: 'Deep', given: 'A.' }] });
    expect(entries[2]!.csl()).toMatchObject({ id: 'c', title: 'Also' });
  });

  it('ignores a commented-out entry line', () => {
    const { entries } = parseBibTeX('% @book{old, title={Old}}\n@book{new, title={New}}');
    expect(entries.map((e) => e.key)).toEqual(['new']);
  });
});

describe('BibTeX entry → CSL', () => {
  it('is lazy and memoised', () => {
    const [e] = parseBibTeX('@book{k, title = {T}, author = {A, B}, year = 1999}').entries;
    expect(e!.csl()).toBe(e!.csl());
  });

  it('maps names, dates, pages, languages and braced organisations', () => {
    const { entries } = parseBibTeX(fixture('realistic.bib'));
    const byKey = new Map(entries.map((e) => [e.key, e.csl()]));
    expect(byKey.get('katz2012russia')).toMatchObject({
      type: 'article-journal',
      'container-title': 'Journal of Sociolinguistics',
      issued: { 'date-parts': [[2012, 3]] },
      volume: '16',
      issue: '3',
      page: '361–389',
      DOI: '10.1111/j.1467-9841.2012.00001.x',
    });
    expect(byKey.get('muller1999')).toMatchObject({
      type: 'book',
      author: [{ family: 'Müller', given: 'Jörg' }, { family: 'Fontaine', given: 'Jean', 'non-dropping-particle': 'de la' }],
      title: 'Über die Sprache der Vögel',
      publisher: 'Cambridge University Press',
      'publisher-place': 'Cambridge',
      edition: '2',
    });
    expect(byKey.get('who2020')).toMatchObject({ type: 'report', author: [{ literal: 'World Health Organization' }] });
    expect(byKey.get('who2020')!.genre).toBeUndefined();
    expect(byKey.get('ozturk2015')).toMatchObject({ type: 'thesis', genre: 'PhD thesis', publisher: 'Boğaziçi University' });
    expect(byKey.get('garcia2019')).toMatchObject({ type: 'paper-conference', author: [{ family: 'García Márquez' }, { family: "O'Neil" }] });
    expect(byKey.get('wiki2021')).toMatchObject({ type: 'webpage', accessed: { 'date-parts': [[2021, 5, 6]] } });
    expect(byKey.get('rahimi2018')).toMatchObject({
      language: 'fa',
      'container-title': 'Iranian Studies',
      issued: { 'date-parts': [[2018, 7]] },
      title: 'Persian Poetry and <i>Ghazal</i> Form', // not English: no sentence casing
    });
    expect(byKey.get('tolkien1954')!.note).toBe('First edition reprinted 1966');
    expect(byKey.get('tolkien1954')!.publisher).toBe('Allen & Unwin');
  });

  it('inherits crossref fields from the parent entry', () => {
    const text = [
      '@inproceedings{child, author = {A, B}, title = {Paper}, crossref = {PROC}, pages = {1--2}}',
      '@proceedings{proc, title = {Proceedings of Things}, year = 2001, publisher = {Pub}}',
    ].join('\n');
    expect(parseBibTeX(text).entries[0]!.csl()).toMatchObject({
      'container-title': 'Proceedings of things',
      publisher: 'Pub',
      issued: { 'date-parts': [[2001]] },
    });
  });
});
