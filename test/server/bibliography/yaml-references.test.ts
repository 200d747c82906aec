import { describe, expect, it } from 'vitest';
import { parseYamlReferences } from '../../../server/src/bibliography/yaml-references.js';

const doc = `---
title: A manuscript
references:
  - id: katz2012
    type: article-journal
    title: The *identity thesis* for language and music
    author:
      - family: Katz
        given: Jonah
    issued: 2012-03
  - type: book
    title: No id here
  - id: "quoted-key"
    type: book
    issued:
      - year: 1999
---
Body text [@katz2012].
`;

describe('parseYamlReferences', () => {
  it('reads the value of references: sliced from the front matter, with document offsets', () => {
    const start = doc.indexOf('- id: katz2012');
    const end = doc.indexOf('---\nBody');
    const { entries, errors } = parseYamlReferences(doc.slice(start, end), start);
    expect(entries.map((e) => e.key)).toEqual(['katz2012', 'quoted-key']);
    const [katz, quoted] = entries;
    expect(doc.slice(katz!.keyRange.start, katz!.keyRange.end)).toBe('katz2012');
    expect(doc.slice(katz!.range.start, katz!.range.end)).toMatch(/^id: katz2012[\s\S]*issued: 2012-03\n$/);
    expect(doc.slice(quoted!.keyRange.start, quoted!.keyRange.end)).toBe('quoted-key');
    expect(katz!.csl()).toMatchObject({
      id: 'katz2012',
      type: 'article-journal',
      title: 'The <i>identity thesis</i> for language and music',
      issued: { 'date-parts': [[2012, 3]] },
      author: [{ family: 'Katz', given: 'Jonah' }],
    });
    expect(quoted!.csl().issued).toEqual({ 'date-parts': [[1999]] });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/no `id`/);
    expect(doc.slice(errors[0]!.range.start, errors[0]!.range.start + 10)).toBe('type: book');
  });

  it('reads a sliced single-item list, whose first line lost its indentation', () => {
    const one = '---\nreferences:\n  - id: solo\n    type: book\n    title: Alone\n---\n';
    const start = one.indexOf('- id');
    const { entries, errors } = parseYamlReferences(one.slice(start, one.indexOf('---\n', 4)), start);
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.key, one.slice(e.keyRange.start, e.keyRange.end), e.csl().title])).toEqual([['solo', 'solo', 'Alone']]);
  });

  it('accepts the whole front matter as well', () => {
    const start = doc.indexOf('title: A');
    const { entries } = parseYamlReferences(doc.slice(start, doc.indexOf('---\nBody')), start);
    expect(entries.map((e) => doc.slice(e.keyRange.start, e.keyRange.end))).toEqual(['katz2012', 'quoted-key']);
  });

  it('reports YAML errors with ranges and still loads the other items', () => {
    const yaml = '- id: good\n  type: book\n- id: bad\n  title: [unclosed\n- id: after\n  type: book\n';
    const { entries, errors } = parseYamlReferences(yaml, 100);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.range.start).toBeGreaterThanOrEqual(100);
    expect(entries.map((e) => e.key)).toContain('good');
  });

  it('rejects a non-list without throwing', () => {
    expect(parseYamlReferences('just a string', 0).errors).toHaveLength(1);
    expect(parseYamlReferences('', 0)).toEqual({ entries: [], errors: [] });
  });
});

describe('parseYamlReferences: one broken item never silences the others', () => {
  it('reads the items after an unclosed flow mapping', () => {
    const text = 'references:\n  - id: before\n    type: book\n  - {id: broken, type: book\n  - id: after\n    type: book\n    author:\n      - family: Katz\n  - id: last\n    type: book\n';
    const { entries, errors } = parseYamlReferences(text, 0);
    // The unclosed mapping itself is read up to its line (with an error); the item it swallowed is read alone.
    expect(entries.map((e) => e.key)).toEqual(['before', 'broken', 'after', 'last']);
    for (const e of entries) expect(text.slice(e.keyRange.start, e.keyRange.end)).toBe(e.key);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('keeps error ranges on whole characters when the error is at an astral character', () => {
    const text = 'references:\n  - id: a\n    type: book\n   𐀀issued: 2000\n  - id: b\n    type: book\n';
    const { entries, errors } = parseYamlReferences(text, 0);
    expect(entries.map((e) => e.key)).toContain('b');
    expect(errors.length).toBeGreaterThan(0);
    const isLow = (at: number) => text.charCodeAt(at) >= 0xdc00 && text.charCodeAt(at) <= 0xdfff;
    for (const e of errors) expect([e.message, isLow(e.range.start), isLow(e.range.end)]).toEqual([e.message, false, false]);
  });
});
