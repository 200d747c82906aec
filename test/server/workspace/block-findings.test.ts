/**
 * Findings kept per block (analysis/diagnostics/block-findings.ts, the host's workspace/block-findings.ts)
 * are the findings of a full check, in the same order, after any edit: random edit sequences on real
 * manuscripts that also change what blocks' findings read from the rest of the document (labels defined
 * elsewhere, the front matter's vocabularies, the bibliography, the settings). Then one test per
 * document-level input, each failing when the kept findings ignore it. The coverage figures counted per
 * block (workspace/block-coverage.ts) are checked in the same sequences.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type AnalysisConfig } from '../../../server/src/analysis/config.js';
import { claimCoverage, figuresOf } from '../../../server/src/analysis/coverage.js';
import type { Finding } from '../../../server/src/analysis/diagnostic.js';
import { diagnoseManuscript } from '../../../server/src/analysis/diagnostics/index.js';
import type { Snapshot } from '../../../server/src/analysis/snapshot.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { mostSevere } from '../../../server/src/lsp/document-diagnostics.js';
import { Host } from '../../../server/src/workspace/host.js';
import { sharedData } from '../../shared-data.js';

const repo = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(file, 'utf8');
const bib = read(path.join(repo, 'document/references.bib'));

/** The full check, as the server sent it before findings were kept per block. */
const full = (s: Snapshot, config: AnalysisConfig, max: number) => mostSevere(diagnoseManuscript(s, config), max);
const kept = (host: Host, s: Snapshot, config: AnalysisConfig, max: number) => host.blockFindings.diagnose(s, config, max);
const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.code} ${f.severity} ${f.range.start}-${f.range.end} ${f.message}`);

/** Text and syntax, and (as often) what other blocks' findings read: labels, includes, keys. */
const snippet = fc.oneof(
  fc.constantFrom(
    'x', ' ', 'word ', '.', '\n', '\n\n', '# ', '## Methods\n', '- ', '> ', '[^1]', '[^1]: See [@n].\n', '`', '```\n',
    'The results show a 40 percent rise in trade after 2011. ', '[d]{.claim}', '[e]{.no-claim}', '[c]{.consequence}',
    '{>> R1: why? <<}', '{== this ==}{>> R2: source? <<}', '{++ added', '~~}',
  ),
  fc.constantFrom(
    '[@kolayi2016ups]', '[@missing2020]', '[@kolayi2016upz]', '[@fig:map]', '@fig-map', '{#fig:map}', '{#fig-map}',
    '![A map](m.png){#fig:map}', '{{< include part.qmd >}}', '[a]{.consequence category=positive key=k domain=military}',
    '[b]{.consequence category=neutral key=k domain=economic}',
  ),
);

/** The front matters an edit switches between: the bibliography and the vocabularies differ. */
const fronts = [
  (bib: string) => `---\nbibliography: ${bib}\nmarginalia:\n  categories:\n    - id: positive\n  domains:\n    - id: military\n---\n`,
  (bib: string) => `---\nbibliography: ${bib}\nmarginalia:\n  categories:\n    - id: positive\n    - id: neutral\n  domains:\n    - id: military\n    - id: economic\n---\n`,
];
const bibs = ['references.bib', 'other.bib'];

/** Settings the edits switch between: sensitivities and severities (one turned off, one changed). */
const configs: AnalysisConfig[] = [
  defaultConfig,
  { ...defaultConfig, claimSensitivity: 'balanced' },
  { ...defaultConfig, claimSensitivity: 'thorough' },
  { ...defaultConfig, severity: { ...defaultConfig.severity, 'unknown-key': 'off' } },
  { ...defaultConfig, severity: { ...defaultConfig.severity, 'uncited-claim': 'error', 'review-comment': 'hint' } },
];

/**
 * An edit of the text, or (`front`) a new front matter, or (`bib`) references.bib saved with or without
 * one more entry; and the settings of the check after it (mostly the same as before).
 */
type Edit = { at: number; lineStart: boolean; remove: number; insert: string; front: number | null; bib: boolean | null; config: number };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  lineStart: fc.boolean(),
  remove: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 })),
  insert: fc.oneof({ weight: 4, arbitrary: snippet }, fc.constant('')),
  front: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, fc.nat({ max: 3 })),
  bib: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, fc.boolean()),
  config: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, fc.nat({ max: configs.length - 1 })),
});

function apply(text: string, e: Edit): string {
  if (e.bib !== null) return text;
  if (e.front !== null) {
    const end = text.startsWith('---\n') ? text.indexOf('\n---\n', 4) : -1;
    return end < 0 ? text : fronts[e.front % 2]!(bibs[e.front >> 1]!) + text.slice(end + 5);
  }
  let at = e.at % (text.length + 1);
  if (e.lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

const runs = Number(process.env['INCREMENTAL_RUNS'] ?? 4);
const seed = Number(process.env['INCREMENTAL_SEED'] ?? 20261201);

/**
 * A manuscript's body under a front matter of `fronts` with the edition's bibliography, after a block
 * whose findings depend on the rest: a cross-reference, a key only other.bib defines, a consequence in
 * a category and domain only some front matters declare.
 */
const withProbe = (body: string) =>
  `${fronts[0]!(bibs[0]!)}\nSee [@fig:map], @fig-map, [@kolayi2016upz] and [x]{.consequence category=neutral key=k domain=economic}.\n\n${body}`;

const documents = [
  { name: 'the edition', text: () => withProbe(read(path.join(repo, 'document/paper.md')).replace(/^---\n[\s\S]*?\n---\n/, '')), present: true, note: '' },
  ...['deep-review/02.intro.md', 'corpus/dib-lab__2020-paper-sourmash-gather/content/03.results.md'].map((relative) => {
    const s = sharedData(relative);
    return { name: relative, text: () => withProbe(read(s.path)), present: s.present, note: s.skipNote };
  }),
];

describe('findings kept per block are those of a full check', () => {
  for (const doc of documents)
    it.skipIf(!doc.present)(`after random edit sequences: ${doc.name}${doc.note}`, async () => {
      const original = doc.text();
      const file = '/doc/manuscript.md';
      const extra = '@article{kolayi2016upz, title={T}, author={Kolayi, A.}, year={2016}}\n';
      const fs = new MemoryFileSystem({ '/doc/references.bib': bib, '/doc/other.bib': extra });
      const host = new Host(fs);
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
          let text = original;
          fs.write('/doc/references.bib', bib);
          host.close(file);
          host.setOpen(file, text);
          const first = (await host.snapshot(file))!;
          expect(brief(kept(host, first, defaultConfig, 1000))).toEqual(brief(full(first, defaultConfig, 1000)));
          for (const e of edits) {
            text = apply(text, e);
            if (e.bib !== null) fs.write('/doc/references.bib', e.bib ? bib + extra : bib);
            host.setOpen(file, text);
            const s = (await host.snapshot(file))!;
            const config = configs[e.config]!;
            // Both ways of publishing: every finding, and the most severe when there are more.
            for (const max of [1000, 7]) expect(kept(host, s, config, max)).toEqual(full(s, config, max));
            // The coverage figures, counted per block as the server does (workspace/block-coverage.ts).
            expect(host.blockCoverage.figures(s)).toEqual(figuresOf(claimCoverage(s)));
          }
        }),
        { numRuns: runs * 3, seed },
      );
    }, 90_000 * Math.max(1, runs / 4));
});

describe('a block whose text is unchanged is checked again when what it reads elsewhere changes', () => {
  const file = '/doc/m.md';
  const body = (front: string, rest: string) => `---\n${front}---\n\nSee [@fig:map] and [@known] and [@knwn].\n\n[x]{.consequence category=extra key=k}\n\n${rest}`;

  async function check(host: Host, text: string, config = defaultConfig) {
    host.setOpen(file, text);
    const s = (await host.snapshot(file))!;
    const found = kept(host, s, config, 1000);
    expect(found).toEqual(full(s, config, 1000));
    return found.map((f) => f.code);
  }

  it('a label defined in a later block', async () => {
    const host = new Host(new MemoryFileSystem({}));
    expect(await check(host, body('', 'Text.\n'))).toContain('unknown-cross-reference');
    expect(await check(host, body('', 'Text.\n\n![A map](m.png){#fig:map}\n'))).not.toContain('unknown-cross-reference');
  });

  it('an include of another file', async () => {
    const host = new Host(new MemoryFileSystem({}));
    expect(await check(host, body('', 'Text.\n'))).toContain('unknown-cross-reference');
    expect(await check(host, body('', '{{< include part.qmd >}}\n'))).not.toContain('unknown-cross-reference');
  });

  it('a category declared in the front matter', async () => {
    const host = new Host(new MemoryFileSystem({}));
    expect(await check(host, body('title: T\n', ''))).toContain('unknown-category');
    expect(await check(host, body('title: T\nmarginalia:\n  categories:\n    - id: extra\n', ''))).not.toContain('unknown-category');
  });

  it('the bibliography changing on disk', async () => {
    const fs = new MemoryFileSystem({ '/doc/r.bib': '@book{known, title={K}}\n' });
    const host = new Host(fs);
    const text = body('bibliography: r.bib\n', '');
    const before = await check(host, text);
    expect(before.filter((c) => c === 'unknown-key')).toHaveLength(1);
    fs.write('/doc/r.bib', '@book{known, title={K}}\n@book{knwn, title={L}}\n');
    expect(await check(host, text)).not.toContain('unknown-key');
  });

  it('a bibliography file beside a manuscript that declares none', async () => {
    const fs = new MemoryFileSystem({});
    const host = new Host(fs);
    const text = body('title: T\n', '');
    const messages = async () => {
      host.setOpen(file, text);
      const s = (await host.snapshot(file))!;
      const found = kept(host, s, defaultConfig, 1000);
      expect(found).toEqual(full(s, defaultConfig, 1000));
      return found.filter((f) => f.code === 'unknown-key' && f.message.includes('beside the manuscript')).length;
    };
    expect(await messages()).toBe(0);
    fs.write('/doc/refs.bib', '@book{known, title={K}}\n');
    expect(await messages()).toBe(1);
    fs.write('/doc/refs.bib', '@book{known, title={K}}\n@book{knwn, title={L}}\n');
    expect(await messages()).toBe(2);
  });

  it('the settings', async () => {
    const host = new Host(new MemoryFileSystem({}));
    const text = body('', '');
    expect(await check(host, text)).toContain('unknown-key');
    expect(await check(host, text, { ...defaultConfig, severity: { ...defaultConfig.severity, 'unknown-key': 'off' } })).not.toContain('unknown-key');
  });
});
