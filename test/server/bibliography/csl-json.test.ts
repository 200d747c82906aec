import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCslJson, parseCslJsonTree } from '../../../server/src/bibliography/csl-json.js';

const text = readFileSync(join(__dirname, 'fixtures', 'one-broken-item.json'), 'utf8');

describe('parseCslJson', () => {
  const { entries, errors } = parseCslJson(text);

  it('loads the valid items with exact entry and key ranges', () => {
    expect(entries.map((e) => e.key)).toEqual(['katz2012', '42']);
    const katz = entries[0]!;
    expect(text.slice(katz.keyRange.start, katz.keyRange.end)).toBe('katz2012');
    expect(text.slice(katz.range.start, katz.range.end)).toMatch(/^\{\s+"id": "katz2012"[\s\S]*\}$/);
    expect(katz.entryType).toBe('article-journal');
    expect(katz.csl()).toMatchObject({ id: 'katz2012', title: 'The identity thesis for language and music', author: [{ family: 'Katz' }] });
    expect(katz.csl()).toBe(katz.csl());
    expect(entries[1]!.csl()).toMatchObject({ id: '42', type: 'webpage' }); // ids are strings for CSL
    expect(text.slice(entries[1]!.keyRange.start, entries[1]!.keyRange.end)).toBe('42');
  });

  it('reports the syntax error and the item without id, with ranges', () => {
    const syntax = errors.find((e) => /syntax error/.test(e.message))!;
    expect(syntax.message).toMatch(/',' expected/);
    expect(text.slice(syntax.range.start, syntax.range.end)).toBe('"issued"');
    const noId = errors.find((e) => /no "id"/.test(e.message))!;
    expect(text.slice(noId.range.start, noId.range.start + 1)).toBe('{');
    expect(text.slice(noId.range.start, noId.range.start + 70)).toMatch(/"No id at all"/);
  });

  it('survives garbage and truncation', () => {
    expect(parseCslJson('').entries).toEqual([]);
    expect(parseCslJson('not json').errors.length).toBeGreaterThan(0);
    const full = parseCslJson(text).entries;
    for (let i = 0; i < text.length; i += 11) {
      const r = parseCslJson(text.slice(0, i));
      // Items that end inside the prefix are read; every error lies inside it; a cut is never silent.
      for (const e of full.filter((f) => f.range.end <= i)) expect(r.entries.map((x) => x.key)).toContain(e.key);
      for (const e of r.errors) expect([e.range.start >= 0, e.range.start <= e.range.end, e.range.end <= i]).toEqual([true, true, true]);
      if (i > 0) expect(r.errors.length, `prefix ${i}`).toBeGreaterThan(0);
    }
    expect(parseCslJson('{"id": "single", "type": "book"}').entries.map((e) => e.key)).toEqual(['single']);
  });
});

describe('parseCslJson: one broken item never silences the others', () => {
  it('reads the items after a stray brace that ends the array early', () => {
    const item = (id: string) => JSON.stringify({ id, type: 'book', author: [] }, null, 2);
    const text = `[\n}${item('broken')},\n${item('after')},\n${item('last')}\n]\n`;
    const { entries, errors } = parseCslJson(text);
    expect(entries.map((e) => e.key)).toEqual(['after', 'last']);
    for (const e of entries) expect(text.slice(e.keyRange.start, e.keyRange.end)).toBe(e.key);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('reads the items next to 10,000 nested brackets', () => {
    const deep = '{'.repeat(10_000) + '"deep"' + '}'.repeat(10_000);
    const text = `[\n${deep}{\n  "id": "broken"\n},\n{\n  "id": "after",\n  "type": "book"\n}\n]\n`;
    const { entries, errors } = parseCslJson(text);
    expect(entries.map((e) => e.key)).toEqual(['after']);
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe("parseCslJson: Manubot's manual references are cited by their standard key", () => {
  // As Manubot writes them: a hashed id (or none) and the citation key in `standard_citation` or the note.
  const manual = `[
  {"type": "webpage", "standard_citation": "url:http://www.ambermd.org", "title": "The Amber Package"},
  {"id": "MxGpAiPu", "type": "article-journal", "title": "k-means++",
   "note": "Loaded from an external bibliography file by Manubot.\\nstandard_id: Arthur2007"},
  {"id": "plain", "type": "book", "title": "Plain", "note": "standard_id: a\\u0062c"}
]`;

  it.each([
    ['one pass', parseCslJson],
    ['the error-tolerant tree', parseCslJsonTree],
  ])('%s: standard_citation, then a standard_id line of the note (where it stands verbatim), then id', (_, parse) => {
    const r = parse(manual);
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => e.key)).toEqual(['url:http://www.ambermd.org', 'Arthur2007', 'plain']);
    // Each range covers exactly the key in the file: a rename edits just that.
    expect(r.entries.map((e) => manual.slice(e.keyRange.start, e.keyRange.end))).toEqual(['url:http://www.ambermd.org', 'Arthur2007', 'plain']);
    expect(r.entries[1]!.csl()).toMatchObject({ id: 'Arthur2007', title: 'k-means++' });
  });
});
