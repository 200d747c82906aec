import { describe, expect, it } from 'vitest';
import { parseAttributes } from '../../../server/src/syntax/span/attributes.js';
import { cites, spanTexts } from './helpers.js';

describe('bracketed spans', () => {
  it('all attribute kinds, with exact ranges', () => {
    expect(spanTexts('a [some *text*]{#id .c1 .c2 key=value key2="quoted value" k3=\'single\'} b')).toEqual([
      {
        whole: '[some *text*]{#id .c1 .c2 key=value key2="quoted value" k3=\'single\'}',
        content: 'some *text*',
        attributes: '{#id .c1 .c2 key=value key2="quoted value" k3=\'single\'}',
        id: 'id',
        classes: ['c1', 'c2'],
        pairs: ['key=value [key=value]', 'key2=quoted value [key2="quoted value"]', "k3=single [k3='single']"],
        errors: [],
        children: ['text', 'emphasis'],
      },
    ]);
  });

  it('empty content, empty block, `-`, escaped quotes, closing brace in quotes', () => {
    expect(spanTexts('[]{.x} [a]{} [b]{-} [c]{k="a\\"b}c"}')).toMatchObject([
      { content: '', classes: ['x'] },
      { content: 'a', classes: [] },
      { content: 'b', classes: ['unnumbered (-)'] },
      { content: 'c', pairs: ['k=a\\"b}c [k="a\\"b}c"]'] },
    ]);
    expect(parseAttributes('{k="a\\"b}c"}', 0).pairs[0]?.value).toBe('a"b}c');
  });

  it('nested spans, links and citations inside', () => {
    expect(spanTexts('[*a* [b]{.i} [l](u)]{.o}').map((s) => [s.whole, s.children])).toEqual([
      ['[*a* [b]{.i} [l](u)]{.o}', ['emphasis', 'text', 'bracketedSpan', 'text', 'link']],
      ['[b]{.i}', ['text']],
    ]);
  });

  it('editorial span around a bracketed citation', () => {
    const input = 'Claim [[@kozhanov2015understanding]]{.editorial}.';
    expect(spanTexts(input)).toMatchObject([{ content: '[@kozhanov2015understanding]', classes: ['editorial'], children: ['citation'] }]);
    expect(cites(input)).toEqual([
      { key: 'kozhanov2015understanding', mode: 'normal', keyText: 'kozhanov2015understanding', group: '[@kozhanov2015understanding]', editorial: true },
    ]);
    expect(cites('[see @a]{.editorial}')).toMatchObject([{ key: 'a', mode: 'author-in-text', editorial: true }]);
  });

  it('`[@a]{.x}` is a span holding an in-text citation (Pandoc)', () => {
    expect(spanTexts('[@a]{.x}')).toMatchObject([{ classes: ['x'], children: ['citation'] }]);
    expect(cites('[@a]{.x}')).toMatchObject([{ key: 'a', mode: 'author-in-text' }]);
  });

  it('not spans', () => {
    expect(spanTexts('[a] {.x} [b]{.x\n.y} [c]{.x {y}} `[d]{.x}` [e]{.x')).toEqual([]);
  });

  it('links keep their own attributes-free meaning', () => {
    expect(spanTexts('[a](u){.c}')).toEqual([]);
  });

  it('spans across lines and with CRLF', () => {
    expect(spanTexts('[two\r\nlines]{.x}')).toMatchObject([{ content: 'two\r\nlines', children: ['text'] }]);
  });
});

describe('malformed attributes still give a span, with errors', () => {
  it.each([
    ['[a]{.claim foo}', ['claim'], ['unexpected `foo`: expected #id, .class or key=value [foo]']],
    ['[a]{=}', [], ['missing attribute name before `=` [=]']],
    ['[a]{#1x}', [], ['identifier `1x` must start with a letter and contain only letters, digits and -_:. [#1x]']],
    ['[a]{. .b}', ['b'], ['empty class name after `.` [.]']],
    ['[a]{k="v"x}', [], ['unexpected `x` after quoted value [x]']],
    ['[a]{#x #y}', [], ['second identifier `#y`: Pandoc keeps only the last one [#y]']],
  ])('%s', (input, classes, errors) => {
    expect(spanTexts(input)).toMatchObject([{ classes, errors }]);
  });

  it('unterminated quote: Pandoc keeps the quote in the value; we keep it too and report it', () => {
    expect(spanTexts('[a]{.c k="open value}')).toMatchObject([
      { classes: ['c'], pairs: ['k="open [k="open]'], errors: ['unterminated quote in value of `k` ["open]', 'unexpected `value`: expected #id, .class or key=value [value]'] },
    ]);
  });
});
