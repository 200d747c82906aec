/**
 * What remark gives as paragraph text but Pandoc does not read as prose: a div's fences (a div whose
 * fences touch its content arrives as one paragraph, fences included), display math alone, raw TeX
 * commands. The model reads no sentence from them.
 */
import { describe, expect, it } from 'vitest';
import { buildManuscript } from '../../../server/src/model/manuscript.js';
import { blankFenceLines, isNonProse } from '../../../server/src/model/non-prose.js';

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

  it('display math alone and raw TeX commands are no sentences; math within prose stays', () => {
    const text = [
      '# Methods',
      '',
      '\\newpage',
      '',
      '\\stgroup \\singlespacing',
      '',
      'From these equations the probabilities are derived as:',
      '',
      '$$ D = 2 \\times (\\ell_{\\text{reduced}} - \\ell_{\\text{full}}) $$ {#eq-d}',
      '',
      'where $\\ell_{\\text{full}}$ is the log-likelihood of the full model.',
      '',
    ].join('\n');
    expect(buildManuscript(text).sentences.map((s) => s.text)).toEqual([
      'From these equations the probabilities are derived as:',
      'where $\\ell_{\\text{full}}$ is the log-likelihood of the full model.',
    ]);
  });

  it('knows no prose by its whole text', () => {
    expect(isNonProse('$$a + b$$')).toBe(true);
    expect(isNonProse('$$a$$\n$$b$$.')).toBe(true);
    expect(isNonProse('$$ x $$ {#eq-x}')).toBe(true);
    expect(isNonProse('\\vspace{1em}\\newpage')).toBe(true);
    expect(isNonProse('\\includegraphics[width=5cm]{map.png}')).toBe(true);
    expect(isNonProse('  ')).toBe(true);
    expect(isNonProse('{width="100%" #fig:bonds}')).toBe(true);
    expect(isNonProse('{a, b}')).toBe(false);
    expect(isNonProse('\\begin{equation}\n\\Delta G = -RT \\ln K\n\\end{equation}')).toBe(true);
    expect(isNonProse('\\begin{equation} x \\end{equation} gives the free energy.')).toBe(false);
    expect(isNonProse('\\begin{equation} x \\end{align}')).toBe(false);
    expect(isNonProse('$$a$$ holds for every b.')).toBe(false);
    expect(isNonProse('\\textit{Russia} sold arms to Iran.')).toBe(false);
    expect(isNonProse('$$ unclosed')).toBe(false);
    expect(isNonProse('\\frac{a{b}}{c}')).toBe(false);
    expect(isNonProse('Sanctions doubled trade.')).toBe(false);
  });
});
