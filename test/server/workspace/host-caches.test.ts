/**
 * Caches belong to the host: formatted references, user style engines, closest-key suggestions and
 * split sentences live in the `Host` that made them, keyed by their inputs. Two hosts (two workspaces,
 * two test cases in one process) with the same key, manuscript text and style path but different
 * bibliographies and styles never see each other's results, and what one host formats is not kept by
 * the other. (test/architecture.test.ts forbids module-level caches in the core.)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { suggestions } from '../../../server/src/analysis/diagnostics/unknown-key.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const style = readFileSync(path.join(__dirname, '../bibliography/fixtures/minimal-author-date.csl'), 'utf8');
const manuscript = '---\nbibliography: refs.bib\ncsl: style.csl\n---\n\nRussia and Iran cooperate [@katz; @katzz].\n';

function hostWith(author: string, separator: string): Host {
  return new Host(
    new MemoryFileSystem({
      '/w/paper.md': manuscript,
      '/w/refs.bib': `@article{katz, author = {${author}, Mark}, title = {Russia and Iran}, year = {2012}}\n@article{katzenbach, author = {B, C}, title = {T}, year = {2001}}\n`,
      '/w/style.csl': style.replace('prefix=" :: "', `prefix=" ${separator} "`),
    }),
  );
}

async function hoverOnKatz(host: Host): Promise<string | undefined> {
  const s = (await host.snapshot('/w/paper.md'))!;
  return hover(s, manuscript.indexOf('@katz;') + 2, { config: defaultConfig })?.markdown;
}

describe('caches of the host', () => {
  it('two hosts with the same key, text and style path but different contents each format their own', async () => {
    const a = hostWith('Katz', 'A-SEP');
    const b = hostWith('Smith', 'B-SEP');
    expect(await hoverOnKatz(a)).toContain('Katz, Mark A-SEP *Russia and iran*');
    expect(await hoverOnKatz(b)).toContain('Smith, Mark B-SEP *Russia and iran*');
    // And again, now that both have formatted: still their own.
    expect(await hoverOnKatz(a)).toContain('Katz, Mark A-SEP');
    expect(await hoverOnKatz(b)).toContain('Smith, Mark B-SEP');
  });

  it('keeps formatted references and style engines in the host that made them', async () => {
    const a = hostWith('Katz', 'A-SEP');
    const b = hostWith('Katz', 'A-SEP');
    expect(a.formatter).not.toBe(b.formatter);
    await hoverOnKatz(a);
    const kept = a.formatter.size;
    expect(kept).toBeGreaterThan(0);
    expect(a.formatter.userStyleEngineCount).toBe(1);
    expect(b.formatter.size).toBe(0);
    expect(b.formatter.userStyleEngineCount).toBe(0);
    await hoverOnKatz(b);
    expect(a.formatter.size).toBe(kept);
  });

  it('suggests the closest keys of its own library for an unknown key', async () => {
    const a = hostWith('Katz', 'A-SEP');
    const b = new Host(
      new MemoryFileSystem({ '/w/paper.md': manuscript, '/w/refs.bib': '@book{katzz2, title = {T}, year = {2000}}\n' }),
    );
    const sa = (await a.snapshot('/w/paper.md'))!;
    const sb = (await b.snapshot('/w/paper.md'))!;
    expect(suggestions(sa, 'katzz')).toEqual(['katz']);
    expect(suggestions(sb, 'katzz')).toEqual(['katzz2']);
    expect(suggestions(sa, 'katzz')).toBe(suggestions(sa, 'katzz')); // remembered per library
  });
});
