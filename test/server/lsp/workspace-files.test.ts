/** The server's and the CLI's default manuscript globs are the settings' defaults that package.json declares. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../../../server/src/lsp/workspace-files.js';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
};

describe('default manuscript globs', () => {
  it('match marginalia.files.include and exclude in package.json', () => {
    const settings = manifest.contributes.configuration.properties;
    expect(DEFAULT_INCLUDE).toEqual(settings['marginalia.files.include']!.default);
    expect(DEFAULT_EXCLUDE).toEqual(settings['marginalia.files.exclude']!.default);
  });
});
