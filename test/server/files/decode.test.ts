import { describe, expect, it } from 'vitest';
import { decode } from '../../../server/src/files/decode.js';

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

describe('decode', () => {
  it('reads UTF-8 and drops a UTF-8 byte-order mark', () => {
    expect(decode(Buffer.from('Müller [@a]'))).toEqual({ text: 'Müller [@a]', encoding: 'utf-8' });
    expect(decode(Buffer.from('\uFEFF@book{a}'))).toEqual({ text: '@book{a}', encoding: 'utf-8' });
  });

  it('reads UTF-16 in either byte order when a byte-order mark says so', () => {
    const text = '---\nbibliography: r.bib\n---\nСм. [@katz] — “ok” 𝔸\n';
    expect(decode(utf16le(text))).toEqual({ text, encoding: 'utf-16le' });
    expect(decode(utf16be(text))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('reports the first undecodable byte, keeping the rest of the text', () => {
    const bytes = Buffer.concat([Buffer.from('@book{a, title={A}}\n'), Buffer.from([0xff, 0xc3]), Buffer.from('\n@book{b}')]);
    const d = decode(bytes);
    expect(d.text.startsWith('@book{a, title={A}}\n')).toBe(true);
    expect(d.text.endsWith('\n@book{b}')).toBe(true);
    expect(d.problem).toEqual({ offset: 20, message: expect.stringMatching(/not valid UTF-8/) });
  });

  it('reports an odd trailing byte of UTF-16 text', () => {
    const d = decode(Buffer.concat([utf16le('ab'), Buffer.from([0x41])]));
    expect(d.text).toBe('ab\uFFFD');
    expect(d.problem?.offset).toBe(2);
  });

  it('accepts a U+FFFD the file really contains', () => {
    expect(decode(Buffer.from('a \uFFFD b')).problem).toBeUndefined();
  });

  it('says UTF-16 without a byte-order mark is probably what NUL characters mean', () => {
    const d = decode(Buffer.from('@book{a}', 'utf16le'));
    expect(d.problem).toEqual({ offset: 1, message: expect.stringMatching(/NUL.*UTF-16/) });
  });
});
