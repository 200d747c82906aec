import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../../server/src/model/front-matter.js';

function read(yaml: string) {
  const doc = `---\n${yaml}---\n\nBody.\n`;
  const end = doc.indexOf('---\n', 4) + 3;
  return { fm: readFrontMatter(yaml.replace(/\n$/, ''), { start: 0, end }, doc), doc };
}

describe('readFrontMatter', () => {
  it('reads bibliography, vocabulary and nocite with ranges in the document', () => {
    const { fm, doc } = read(
      [
        'title: A paper',
        'bibliography: [refs.bib, "more refs.json"]',
        "nocite: '@a, @{b c}, @*'",
        'marginalia:',
        '  categories:',
        '    - id: positive',
        '      label: Positive consequences',
        '    - id: negative',
        '      label: Negative consequences',
        '  domains:',
        '    military: Military',
        '',
      ].join('\n'),
    );
    expect(fm.errors).toEqual([]);
    expect(fm.title).toBe('A paper');
    expect(fm.bibliography.map((b) => [b.value, doc.slice(b.range.start, b.range.end)])).toEqual([
      ['refs.bib', 'refs.bib'],
      ['more refs.json', '"more refs.json"'],
    ]);
    expect(fm.nocite).toEqual(['a', 'b c', '*']);
    expect(fm.categories.map((c) => [c.id, c.label])).toEqual([
      ['positive', 'Positive consequences'],
      ['negative', 'Negative consequences'],
    ]);
    expect(doc.slice(fm.categories[1]!.range.start, fm.categories[1]!.range.end)).toContain('id: negative');
    expect(fm.domains.map((d) => [d.id, d.label])).toEqual([['military', 'Military']]);
  });

  it('reports a YAML syntax error with its position and keeps the fields it could read', () => {
    const { fm, doc } = read('title: ok\nbibliography: refs.bib\nbroken: [unclosed\n');
    expect(fm.errors.length).toBeGreaterThan(0);
    expect(fm.errors[0]!.range.start).toBeGreaterThanOrEqual(doc.indexOf('broken'));
    expect(fm.title).toBe('ok');
    expect(fm.bibliography.map((b) => b.value)).toEqual(['refs.bib']);
  });

  it('reports fields of the wrong shape instead of guessing', () => {
    const { fm } = read('bibliography:\n  file: refs.bib\nmarginalia:\n  categories:\n    - label: no id\n');
    expect(fm.errors.map((e) => e.message)).toEqual([
      '`bibliography` must be a string or a list of strings',
      'each entry of marginalia.categories needs an `id`',
    ]);
  });

  it('treats a scalar front matter as an error, not a crash', () => {
    const { fm } = read('just a string\n');
    expect(fm.errors.map((e) => e.message)).toEqual(['front matter is not a mapping of fields']);
    expect(fm.bibliography).toEqual([]);
  });
});
