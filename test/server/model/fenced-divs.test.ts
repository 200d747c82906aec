/**
 * Pandoc's fenced divs are no Markdown to remark: a div whose fences touch its content arrives as one
 * paragraph, fences included. The model reads the content's sentences without the fences.
 */
import { describe, expect, it } from 'vitest';
import { blankFenceLines, buildManuscript } from '../../../server/src/model/manuscript.js';

describe('fenced divs', () => {
  it('a callout or figure div written without blank lines gives its content as sentences, with their source ranges', () => {
    const text = [
      '# Results',
      '',
      '::: {.callout-note}',
      'Sanctions doubled trade between the two states.',
      ':::',
      '',
      ':::: {#fig-trade layout-ncol=2}',
      '::: note',
      'Exports fell by half after 2018.',
      ':::',
      '::::',
      '',
    ].join('\n');
    const m = buildManuscript(text);
    expect(m.sentences.map((s) => s.text)).toEqual(['Sanctions doubled trade between the two states.', 'Exports fell by half after 2018.']);
    expect(m.sentences.map((s) => text.slice(s.range.start, s.range.end))).toEqual(['Sanctions doubled trade between the two states.', 'Exports fell by half after 2018.']);
  });

  it('turns only fence-shaped lines to spaces, keeping every offset', () => {
    const plain = '::: {#fig-a .wide}\nA figure.\n:::\nThe ratio ::: is odd.\n::: callout-tip\n:::::';
    const blanked = blankFenceLines(plain);
    expect(blanked.length).toBe(plain.length);
    expect(blanked.split('\n')).toEqual([' '.repeat(18), 'A figure.', '   ', 'The ratio ::: is odd.', ' '.repeat(15), ' '.repeat(5)]);
    expect(blankFenceLines('No fences here.')).toBe('No fences here.');
    // Two colons are no fence; text after the attributes is no fence either.
    expect(blankFenceLines(':: {.x}\n::: {.x} and prose')).toBe(':: {.x}\n::: {.x} and prose');
  });
});
