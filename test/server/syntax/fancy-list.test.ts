import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fancyListMarker } from '../../../server/src/syntax/fancy-list';
import { hasPandoc } from '../../pandoc.js';

/** First lines of a paragraph: Pandoc reads some as an ordered list with a fancy marker, the others as text. */
const lines = [
  'a. The security and defense cooperation',
  'b) second',
  '(c) third',
  'iv. fourth',
  '(iv) fourth',
  'IV. fourth',
  'i) first',
  '#. auto-numbered',
  '#) auto-numbered',
  '(#) auto-numbered',
  'A.  two spaces',
  'A.\ttab',
  'C) a parenthesis',
  '(B) enclosed',
  '  a. indented by two',
  'x. ten or ex',
  'mmxx. a long numeral',
  'a. ',
  // Text, not a list:
  'A. Smith wrote it.',
  'I. one space after a capital and a period',
  'e.g. an abbreviation',
  'ab. two letters',
  'vv. not a numeral',
  'a.x no space',
  '(ab) two letters',
  '    a. indented as code',
  'The end. a. b.',
];

/** Whether Pandoc reads each line, alone after a paragraph, as an ordered list. */
function pandocLists(all: string[]): boolean[] {
  const input = all.map((l) => `Before.\n\n${l}\n\n* * * * *\n\n`).join('');
  const json = execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input, encoding: 'utf8' });
  const blocks = (JSON.parse(json) as { blocks: { t: string }[] }).blocks;
  const out: boolean[] = [];
  let list = false;
  for (const b of blocks) {
    if (b.t === 'HorizontalRule') (out.push(list), (list = false));
    else if (b.t === 'OrderedList') list = true;
  }
  return out;
}

describe('Pandoc fancy list markers', () => {
  it('reads markers and refuses text', () => {
    expect(fancyListMarker('a. The security')).toBe('a.');
    expect(fancyListMarker('(iv) x')).toBe('(iv)');
    expect(fancyListMarker('#) x')).toBe('#)');
    expect(fancyListMarker('A. Smith wrote it.')).toBeUndefined();
    expect(fancyListMarker('e.g. this')).toBeUndefined();
  });

  it.skipIf(!hasPandoc)(`agrees with Pandoc on ${lines.length} first lines${hasPandoc ? '' : ' (skipped: pandoc not installed)'}`, () => {
    const theirs = pandocLists(lines);
    expect(theirs).toHaveLength(lines.length);
    expect(lines.map((l) => [l, fancyListMarker(l) !== undefined])).toEqual(lines.map((l, i) => [l, theirs[i]]));
  });
});
