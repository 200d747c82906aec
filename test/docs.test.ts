/** Every diagnostic code is documented, configurable and listed in the README: the three never drift. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../server/src/analysis/diagnostic.js';

const root = path.resolve(__dirname, '..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
const codes = Object.keys(diagnosticCodes);

describe('diagnostic codes', () => {
  it('each has a section in docs/diagnostics.md', () => {
    const headings = [...read('docs/diagnostics.md').matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(codes);
  });

  it('each has a severity setting with the default of the code', () => {
    const manifest = JSON.parse(read('package.json')) as {
      contributes: { configuration: { properties: Record<string, { default: Record<string, string>; properties: Record<string, unknown> }> } };
    };
    const setting = manifest.contributes.configuration.properties['marginalia.diagnostics.severity']!;
    expect(Object.keys(setting.properties).sort()).toEqual([...codes].sort());
    expect(setting.default).toEqual(diagnosticCodes);
  });

  it('each is in the README table', () => {
    const readme = read('README.md');
    for (const code of codes) expect(readme).toContain(`| \`${code}\` |`);
  });
});
