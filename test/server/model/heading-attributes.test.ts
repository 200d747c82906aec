/**
 * Pandoc's heading attributes (`# Introduction {.hide}`) are not part of the title: remark leaves them in
 * the heading's text, and the section's title, kind and prose-ness are read without them.
 */
import { describe, expect, it } from 'vitest';
import { buildManuscript, withoutAttributes } from '../../../server/src/model/manuscript.js';

describe('heading attributes', () => {
  it('are dropped from section titles, as Pandoc shows them', () => {
    const m = buildManuscript('# Introduction {.hide}\n\nSanctions doubled trade.\n\n## Results {#sec-results .unnumbered}\n\nTrade fell.\n');
    expect(m.sections.map((s) => [s.title, s.children.map((c) => c.title)])).toEqual([['Introduction', ['Results']]]);
    expect(m.sentences.map((s) => s.section?.title)).toEqual(['Introduction', 'Results']);
  });

  it('a references section marked unnumbered is still no prose: its entries are not judged as claims', () => {
    const m = buildManuscript('# Results\n\nTrade fell by half after 2018.\n\n# References {-}\n\nKatz, M. (2012). Russia and Iran. Middle East Policy.\n');
    expect(m.sentences.map((s) => s.text)).toEqual(['Trade fell by half after 2018.']);
  });

  it('takes only braces that hold attributes', () => {
    expect(withoutAttributes('Results {#sec-results .unnumbered key=value}')).toBe('Results');
    expect(withoutAttributes('References {-}')).toBe('References');
    expect(withoutAttributes('The set {a, b}')).toBe('The set {a, b}');
    expect(withoutAttributes('Sets {}')).toBe('Sets {}');
    expect(withoutAttributes('Nested {#a {b}}')).toBe('Nested {#a {b}}');
    expect(withoutAttributes('Plain title')).toBe('Plain title');
  });
});
