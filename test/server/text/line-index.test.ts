import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/text/line-index.js';

describe('LineIndex', () => {
  it('maps offsets to zero-based lines and UTF-16 columns and back', () => {
    const text = 'ab\ncd\r\nef\rg';
    const lines = new LineIndex(text);
    expect(lines.lineCount).toBe(4);
    for (let offset = 0; offset <= text.length; offset++) {
      const p = lines.position(offset);
      // \r\n is one line break: offsets inside it map to the end of its line.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      expect(lines.offset(p)).toBe(offset);
    }
    expect(lines.position(text.indexOf('e'))).toEqual({ line: 2, character: 0 });
    expect(lines.position(text.indexOf('g'))).toEqual({ line: 3, character: 0 });
  });

  it('finds every line start of a text with more lines than a line per 32 characters', () => {
    // Empty and one-character lines with all three line breaks: the line starts outgrow their first table.
    const text = Array.from({ length: 3000 }, (_, i) => ['', 'x'][i % 2]! + ['\n', '\r\n', '\r'][i % 3]!).join('');
    const lines = new LineIndex(text);
    const starts = [0];
    for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
    expect(lines.lineCount).toBe(starts.length);
    starts.forEach((start, line) => {
      expect(lines.lineStart(line)).toBe(start);
      expect(lines.position(start)).toEqual({ line, character: 0 });
    });
  });

  it('counts astral characters as two UTF-16 units, as LSP does', () => {
    const lines = new LineIndex('😀x\ny');
    expect(lines.position(2)).toEqual({ line: 0, character: 2 });
    expect(lines.offset({ line: 1, character: 0 })).toBe(4);
  });

  it('clamps out-of-range positions instead of throwing', () => {
    const lines = new LineIndex('abc\ndef');
    expect(lines.offset({ line: 9, character: 0 })).toBe(7);
    expect(lines.offset({ line: 0, character: 99 })).toBe(3);
    expect(new LineIndex('abc\r\ndef').offset({ line: 0, character: 99 })).toBe(3);
    expect(lines.position(-5)).toEqual({ line: 0, character: 0 });
    expect(lines.position(100)).toEqual({ line: 1, character: 3 });
  });
});

describe('LineIndex.afterEdit', () => {
  // Texts of `a`, `\r` and `\n` only, so edits split and join CRLF pairs often.
  const text = fc.array(fc.constantFrom('a', '\r', '\n', '\r\n'), { maxLength: 30 }).map((xs) => xs.join(''));
  it('gives the index a scan of the edited text gives', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(5), text, (before, at, removed, inserted) => {
        const start = at % (before.length + 1);
        const oldEnd = Math.min(before.length, start + removed);
        const after = before.slice(0, start) + inserted + before.slice(oldEnd);
        const edited = LineIndex.afterEdit(new LineIndex(before), after, { start, oldEnd, newEnd: start + inserted.length });
        expect(edited).toEqual(new LineIndex(after));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });
});
