/**
 * A bibliography file's findings come from the rules that can report outside the manuscript (malformed
 * entries, duplicate keys) and the unused references; the manuscript-only rules (uncited claims and the
 * rest) are not run again for it. Checked against running every rule and keeping what falls in the file.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../server/src/analysis/config.js';
import { applySeverity, type Finding } from '../../../../server/src/analysis/diagnostic.js';
import { diagnoseBibliography, perManuscript } from '../../../../server/src/analysis/diagnostics/index.js';
import { unusedReferences } from '../../../../server/src/analysis/diagnostics/unused-reference.js';
import type { Snapshot } from '../../../../server/src/analysis/snapshot.js';
import { MemoryFileSystem } from '../../../../server/src/files/file-system.js';
import { NodeFileSystem } from '../../../../server/src/files/node-file-system.js';
import { Host } from '../../../../server/src/workspace/host.js';

const repo = path.resolve(__dirname, '../../../..');

/** Every rule run, the findings in `file` kept once each: what diagnoseBibliography gave before. */
function everyRule(file: string, users: readonly Snapshot[]): Finding[] {
  const seen = new Set<string>();
  const shared = users.flatMap((u) => perManuscript(u, defaultConfig)).filter((f) => {
    const id = `${f.code}|${f.range.start}|${f.message}`;
    if (f.file !== file || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return applySeverity([...shared, ...unusedReferences(users).filter((f) => f.file === file)], defaultConfig);
}

describe("a bibliography file's findings", () => {
  it('are those of every rule, on two manuscripts sharing a broken bibliography', async () => {
    const bib = [
      '@book{waltz1979theory, author = {Waltz, Kenneth N.}, title = {Theory of International Politics}, year = {1979}}',
      '@book{waltz1979theory, author = {Waltz, K.}, title = {Again}, year = {1979}}',
      '@article{broken, title = {No end',
      '@article{unused2020, title = {Never cited}, year = 2020, year = 2021}',
      '',
    ].join('\n');
    const text = (claim: string) => `---\nbibliography: refs.bib\n---\n# Introduction\n\nWaltz argues that structure shapes states [@waltz1979theory].\n\n${claim}\n`;
    const host = new Host(
      new MemoryFileSystem({
        '/p/a.md': text('Since 2011, studies have shown a 40 percent rise in trade.'),
        '/p/b.md': text('Katz showed that Russia sold the S-300 system to Iran [@waltz1979theory].'),
        '/p/refs.bib': bib,
      }),
    );
    const users = [(await host.snapshot('/p/a.md'))!, (await host.snapshot('/p/b.md'))!];
    const found = diagnoseBibliography('/p/refs.bib', users, defaultConfig);
    expect(new Set(found.map((f) => f.code))).toEqual(new Set(['duplicate-key', 'malformed-bibliography', 'unused-reference']));
    expect(found).toEqual(everyRule('/p/refs.bib', users));
  });

  it('are those of every rule on the edition and its references.bib', async () => {
    const file = path.join(repo, 'document/paper.md');
    const s = (await new Host(new NodeFileSystem()).snapshot(file))!;
    const bib = s.bibliographies[0]!.file!.path;
    expect(diagnoseBibliography(bib, [s], defaultConfig)).toEqual(everyRule(bib, [s]));
  });
});
