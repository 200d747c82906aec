/** The bundles are written in ASCII (scripts/ascii.mjs) and mean what esbuild wrote. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../scripts/ascii.mjs';

const root = path.resolve(__dirname, '../..');
const escape = asciiOnly;
/** The value of a JavaScript expression: the point is to run the escaped source. */
const evaluate = (source: string): unknown => new Function(`return ${source};`)();

describe('asciiOnly', () => {
  it.each([
    ['a class of dashes', '/(?:--|[–—])/g', ['a – b — c -- d'], ['–', '—', '--']],
    ['an identity escape', '/x\\–y/', ['x–y'], ['x–y']],
    ['an escaped backslash before the character', '/\\\\–/', ['\\–'], ['\\–']],
    ['a Persian comma and question mark', '/[،؟]/g', ['چرا، نه؟'], ['،', '؟']],
    ['a character beyond the BMP, u flag', '/[😀]/gu', ['a😀b😀'], ['😀', '😀']],
    ['a string', '"naïve – “quoted”"', [], undefined],
  ])('%s: the escaped source is ASCII and means the same', (_, source, inputs, matches) => {
    const ascii = escape(source);
    expect(ascii).toMatch(/^[\x00-\x7f]*$/);
    const before = evaluate(source);
    const after = evaluate(ascii);
    if (before instanceof RegExp) {
      expect(after).toBeInstanceOf(RegExp);
      for (const input of inputs) expect(input.match(after as RegExp)?.slice()).toEqual(input.match(before)?.slice());
      expect(inputs[0]!.match(after as RegExp)?.slice()).toEqual(matches);
    } else expect(after).toBe(before);
  });

  it('leaves ASCII alone', () => {
    const text = 'const r = /a\\\\b/; // plain';
    expect(escape(text)).toBe(text);
  });
});

describe('the built bundles', () => {
  it('are ASCII, so V8 holds their source one byte a character', () => {
    if (!existsSync(path.join(root, 'dist/server.js'))) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    for (const file of ['server.js', 'style-worker.js', 'cli.js', 'client.js']) {
      const text = readFileSync(path.join(root, 'dist', file), 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      expect(at, `${file}: ${JSON.stringify(text.slice(at - 40, at + 10))}`).toBe(-1);
    }
  });
});
