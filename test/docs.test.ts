/**
 * Every diagnostic code is documented, configurable and listed in the README, as the registry
 * (server/src/analysis/diagnostics/registry.ts) says, field by field: `npm run generate:diagnostics`
 * writes the setting and the docs table from it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../server/src/analysis/diagnostic.js';
import { diagnosticRules } from '../server/src/analysis/diagnostics/registry.js';

const root = path.resolve(__dirname, '..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
const codes = diagnosticRules.map((r) => r.code);

interface SeveritySetting {
  default: Record<string, string>;
  additionalProperties: boolean;
  properties: Record<string, { enum: string[]; default: string; description: string }>;
}

describe('diagnostic codes', () => {
  it('each has a section in docs/diagnostics.md, in the registry order', () => {
    const headings = [...read('docs/diagnostics.md').matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(codes);
  });

  it("each has a row in docs/diagnostics.md's table: default severity, summary, where", () => {
    const rows = read('docs/diagnostics.md')
      .split('\n')
      .filter((l) => l.startsWith('| ['))
      .map((l) => l.slice(2, -2).split(' | '));
    expect(rows).toEqual(
      diagnosticRules.map((r) => [`[${r.code}](#${r.code})`, r.severity + ('note' in r ? ` (${r.note})` : ''), r.summary, r.where]),
    );
  });

  it('each has a severity setting with the default and summary of the code, and no other code is accepted', () => {
    const manifest = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, SeveritySetting> } } };
    const setting = manifest.contributes.configuration.properties['marginalia.diagnostics.severity']!;
    expect(Object.keys(setting.properties)).toEqual(codes);
    for (const r of diagnosticRules)
      expect(setting.properties[r.code]).toEqual({ type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'], default: r.severity, description: r.summary });
    expect(setting.default).toEqual(diagnosticCodes);
    expect(setting.additionalProperties).toBe(false);
  });

  it('each is in the README table', () => {
    const readme = read('README.md');
    for (const code of codes) expect(readme).toContain(`| \`${code}\` |`);
  });
});
