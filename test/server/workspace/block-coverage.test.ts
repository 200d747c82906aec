/**
 * Coverage figures counted per block (workspace/block-coverage.ts): the server's `marginalia/coverage`
 * figures, equal to counting every claim of the manuscript (the random edit sequences of
 * block-findings.test.ts check that too), counted again for a block only when its model result is new or
 * the bibliography changed what its citations support.
 */
import { describe, expect, it } from 'vitest';
import { claimCoverage, coverageFigures, figuresOf, type BlockFigureStore } from '../../../server/src/analysis/coverage.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const file = '/doc/m.md';
const front = '---\nbibliography: refs.bib\n---\n\n';
const body = [
  '# Introduction',
  'Waltz argues that the balance of power recurs in every era [@smith2001].',
  'Trade between the two states grew by 40 percent after 2011.',
  'We describe our method below.',
].join('\n\n');
/** One entry by Smith and `second`: the first author (what the claims model reads) stays the same. */
const bibBy = (second: string) => `@book{smith2001, title={Theory of International Politics}, author={Smith, Kenneth and ${second}, Ann}, year={2001}}\n`;

describe('coverage figures counted per block', () => {
  it('are the whole count, after an edit and after the bibliography changes what a citation supports', async () => {
    const fs = new MemoryFileSystem({ '/doc/refs.bib': bibBy('Jones') });
    const host = new Host(fs);
    host.setOpen(file, front + body);
    const s1 = (await host.snapshot(file))!;
    const f1 = host.blockCoverage.figures(s1);
    expect(f1).toEqual(figuresOf(claimCoverage(s1)));
    // The attribution to Waltz cites a work by Smith and Jones: a claim that counts as uncited.
    expect(claimCoverage(s1).find((c) => c.sentence.text.startsWith('Waltz'))?.support).toBe('uncited');

    // Now by Smith and Waltz: the same model results (same first authors, same titles), another support.
    fs.write('/doc/refs.bib', bibBy('Waltz'));
    host.setOpen(file, front + body + '\n');
    const s2 = (await host.snapshot(file))!;
    const f2 = host.blockCoverage.figures(s2);
    expect(f2).toEqual(figuresOf(claimCoverage(s2)));
    expect(f2.cited).toBe(f1.cited + 1);
  });

  it('count again only the blocks an edit changed', async () => {
    const host = new Host(new MemoryFileSystem({ '/doc/refs.bib': bibBy('Waltz') }));
    const counted: number[] = [];
    const kept = new Map<object, ReturnType<typeof figuresOf>>();
    const store: BlockFigureStore = {
      get: (r) => kept.get(r),
      set: (r, f) => {
        counted.push(1);
        kept.set(r, f);
      },
    };
    host.setOpen(file, front + body);
    const s1 = (await host.snapshot(file))!;
    coverageFigures(s1, store);
    expect(counted).toHaveLength(s1.manuscript.blocks.length);
    counted.length = 0;
    host.setOpen(file, front + body.replace('40 percent', '45 percent'));
    const s2 = (await host.snapshot(file))!;
    expect(coverageFigures(s2, store)).toEqual(figuresOf(claimCoverage(s2)));
    expect(counted).toHaveLength(1);
  });
});
