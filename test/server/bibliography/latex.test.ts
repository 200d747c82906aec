import { describe, expect, it } from 'vitest';
import { latexToUnicode } from '../../../server/src/bibliography/latex.js';

describe('latexToUnicode', () => {
  const cases: Array<[string, string]> = [
    ['M{\\"u}ller', 'Müller'],
    ['M\\"{u}ller', 'Müller'],
    ['M\\"uller', 'Müller'],
    ["Ren{\\'e}e", 'Renée'],
    ["\\'Etienne", 'Étienne'],
    ['Garc{\\\'\\i}a', 'García'],
    ['Stra{\\ss}e', 'Straße'],
    ['Stra\\ss e', 'Straße'],
    ['{\\O}re and {\\aa}s', 'Øre and ås'],
    ['Dvo{\\v r}{\\\'a}k', 'Dvořák'],
    ['Bo{\\u g}azi{\\c c}i', 'Boğaziçi'],
    ['{\\L}{\\\'o}d{\\\'z}', 'Łódź'],
    ['Erd{\\H o}s', 'Erdős'],
    ['pages 12--34 --- and more', 'pages 12–34 — and more'],
    ['Smith \\& Sons, 50\\% off, \\$5', 'Smith & Sons, 50% off, $5'],
    ['A {DNA} Study', 'A DNA Study'],
    ['Dr.~Who', 'Dr.\u00A0Who'],
    ["``quoted''", '“quoted”'],
    ['$\\alpha$-decay', 'α-decay'],
    ['\\url{https://a.b/c_d--e}', 'https://a.b/c_d--e'],
    ['\\unknown{kept} text', 'kept text'],
    ['line\n   breaks   collapse', 'line breaks collapse'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => expect(latexToUnicode(input)).toBe(expected));
  }

  it('keeps emphasis as HTML or Markdown on request', () => {
    const s = 'On \\textit{Moby Dick} and \\emph{{Ulysses}} in \\textbf{bold}';
    expect(latexToUnicode(s)).toBe('On Moby Dick and Ulysses in bold');
    expect(latexToUnicode(s, 'html')).toBe('On <i>Moby Dick</i> and <i>Ulysses</i> in <b>bold</b>');
    expect(latexToUnicode(s, 'markdown')).toBe('On *Moby Dick* and *Ulysses* in **bold**');
  });

  it('does not throw on unbalanced input', () => {
    expect(latexToUnicode('{unclosed \\textit{x')).toBe('unclosed x');
    expect(latexToUnicode('closed} extra}')).toBe('closed extra');
    expect(latexToUnicode('trailing \\')).toBe('trailing');
  });

  it('reads 10,000 nested braces, flat past the depth limit, keeping the text', () => {
    const deep = '{'.repeat(10_000) + '\\textit{Deep} \\"o' + '}'.repeat(10_000);
    expect(latexToUnicode(`A ${deep} B`)).toBe('A textitDeep "o B');
    // Shallow enough, the same value is converted properly.
    expect(latexToUnicode(`A ${'{'.repeat(60)}\\textit{Deep} \\"o${'}'.repeat(60)} B`, 'html')).toBe('A <i>Deep</i> ö B');
  });

  it('reads 10,000 chained accent commands without exhausting the stack', () => {
    const chain = '\\"'.repeat(10_000) + 'o';
    const out = latexToUnicode(chain);
    expect(out.length).toBeGreaterThan(0);
    expect(out.endsWith('o') || out.endsWith('\u0308')).toBe(true);
  });
});
