/**
 * Deep nesting degrades locally (issue #11): the pathological block gets one `malformed-markdown`
 * finding on its own range and the rest of the manuscript is analysed as usual. Before, a 5,000-deep
 * quote overflowed the manuscript visitor's stack, and deeper ones turned the whole file into one
 * error (no citations, coverage "0/0").
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { coverage } from '../../../server/src/analysis/coverage.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { buildManuscript } from '../../../server/src/model/manuscript.js';
import { Host } from '../../../server/src/workspace/host.js';

const around = (block: string) =>
  `---\nbibliography: r.bib\n---\n\nSince 2011, trade grew by 40 percent [@k].\n\n${block}\n\nRussia's exports rose by 12 percent in 2014 [@k2].\n`;

describe('deep nesting in a manuscript', () => {
  it.each([
    ['a 5,000-deep block quote', '> '.repeat(5000) + 'Since 2011 trade grew by 40 percent.'],
    ['a 10,000-deep list', '- '.repeat(10_000) + 'Since 2011 trade grew by 40 percent.'],
    ['10,000 nested spans', '['.repeat(10_000) + 'Since 2011 x' + ']{.claim}'.repeat(10_000)],
    ['10,000 nested emphases', '*_'.repeat(5000) + 'Since 2011 x' + '_*'.repeat(5000)],
  ])('%s: one finding on the block, the rest analysed', async (_name, block) => {
    const text = around(block);
    const host = new Host(new MemoryFileSystem({ '/p.md': text, '/r.bib': '@misc{k, title={A}}\n@misc{k2, title={B}}\n' }));
    const s = (await host.snapshot('/p.md'))!;
    const findings = diagnose(s, defaultConfig);
    const markdown = findings.filter((f) => f.code === 'malformed-markdown');
    expect(markdown).toHaveLength(1);
    expect(text.slice(markdown[0]!.range.start, markdown[0]!.range.end)).toBe(block);
    expect(findings.filter((f) => f.code !== 'malformed-markdown')).toEqual([]);
    expect(s.manuscript.citations.map((c) => c.item.key)).toEqual(['k', 'k2']);
    const c = coverage(s);
    expect([c.claims, c.cited]).toEqual([2, 2]);
  }, 60_000);

  it('deep emphasis below the guard is walked without recursion', () => {
    const m = buildManuscript('*_'.repeat(60) + 'Since 2011 trade grew [@k].' + '_*'.repeat(60) + '\n');
    expect(m.syntaxErrors).toEqual([]);
    expect(m.citations.map((c) => c.item.key)).toEqual(['k']);
    expect(m.sentences.map((x) => x.text.replace(/[*_]/g, ''))).toEqual(['Since 2011 trade grew \uFFFC.']);
  });

  it('character references map back to their source (the alignment looks ahead a bounded window)', () => {
    const text = 'Caf&eacute; and na&iuml;ve claims grew by 40&nbsp;percent [@k]. Then ' + '&eacute; '.repeat(2000) + '\n';
    const m = buildManuscript(text);
    const first = m.sentences[0]!;
    expect(text.slice(first.range.start, first.range.end)).toBe('Caf&eacute; and na&iuml;ve claims grew by 40&nbsp;percent [@k].');
  });
});

describe('image captions', () => {
  it('citations in a caption are citations of the manuscript (Pandoc reads them)', () => {
    const text = 'Intro.\n\n![Trade grew [@katz2012; see @b, p. 3].](fig.png)\n';
    const m = buildManuscript(text);
    expect(m.citations.map((c) => [c.item.key, text.slice(c.item.keyRange.start, c.item.keyRange.end)])).toEqual([
      ['katz2012', 'katz2012'],
      ['b', 'b'],
    ]);
  });
});
