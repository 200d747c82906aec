// Whole-pipeline latency: parse + model + diagnostics for the edition and for a large real manuscript
// (greenelab/deep-review, CC BY 4.0, read in place from ../shared/data), cold, warm, and after a
// one-paragraph edit (the paragraph memo should make the latter close to a re-parse only).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importModules, median, root, sharedData } from './bundle.mjs';

const core = await importModules(
  'server/src/workspace/host.ts',
  'server/src/files/file-system.ts',
  'server/src/analysis/diagnostics/index.ts',
  'server/src/analysis/config.ts',
  'server/src/syntax/parse.ts',
  'server/src/analysis/completion.ts',
);

async function measure(label, files, bibliography) {
  const fs = new core.MemoryFileSystem(files);
  const main = Object.keys(files).find((f) => f.endsWith('.md'));
  const host = new core.Host(fs, bibliography ? { defaultBibliography: [bibliography] } : {});
  let t = performance.now();
  const s = await host.snapshot(main);
  const findings = core.diagnose(s, core.defaultConfig);
  const cold = performance.now() - t;
  const warm = [];
  const edit = [];
  const text = files[main];
  const parse = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    core.diagnose(await host.snapshot(main), core.defaultConfig);
    warm.push(performance.now() - t);
  }
  for (let i = 0; i < 7; i++) {
    // A keystroke in the middle of the document: a new text, all but one paragraph unchanged.
    const at = text.indexOf('.', Math.floor(text.length / 2));
    const edited = text.slice(0, at) + ` edit${i}` + text.slice(at);
    host.setOpen(main, edited);
    t = performance.now();
    core.diagnose(await host.snapshot(main), core.defaultConfig);
    edit.push(performance.now() - t);
    t = performance.now();
    core.parseMarkdown(edited);
    parse.push(performance.now() - t);
  }
  const mb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
  console.log(
    `${label.padEnd(34)} ${String(text.length).padStart(8)} chars  sentences ${String(s.manuscript.sentences.length).padStart(5)}  ` +
      `findings ${String(findings.length).padStart(5)}  cold ${cold.toFixed(1).padStart(7)} ms  ` +
      `unchanged ${median(warm).toFixed(2).padStart(7)} ms  one-paragraph edit ${median(edit).toFixed(1).padStart(7)} ms ` +
      `(of which parsing ${median(parse).toFixed(1)} ms)  heap ${mb} MB`,
  );
}

await measure('document/paper.md', {
  '/d/paper.md': readFileSync(path.join(root, 'document/paper.md'), 'utf8'),
  '/d/references.bib': readFileSync(path.join(root, 'document/references.bib'), 'utf8'),
});

const dr = path.join(sharedData, 'deep-review');
if (existsSync(dr)) {
  const text = readdirSync(dr).filter((f) => /^\d.*\.md$/.test(f)).sort().map((f) => readFileSync(path.join(dr, f), 'utf8')).join('\n\n');
  await measure('deep-review, all sections (1 file)', {
    '/dr/all.md': text,
    '/dr/refs.json': readFileSync(path.join(dr, 'manual-references-2020-01-29.json'), 'utf8'),
  }, '/dr/refs.json');
  console.log('(deep-review: greenelab/deep-review, CC BY 4.0)');
} else {
  console.log('deep-review: skipped, ../shared/data not available');
}

// Completion on a big library: the first list builds the search index (raw fields, no CSL conversion);
// later lists reuse it. WALS sources: cldf-datasets/wals, CC BY 4.0.
const wals = path.join(sharedData, 'bib/wals-sources.bib');
if (existsSync(wals)) {
  const fs = new core.MemoryFileSystem({ '/w/p.md': '---\nbibliography: wals.bib\n---\n\nAs shown by [@', '/w/wals.bib': readFileSync(wals, 'utf8') });
  const host = new core.Host(fs);
  let t = performance.now();
  const s = await host.snapshot('/w/p.md');
  const load = performance.now() - t;
  const at = s.manuscript.text.length;
  t = performance.now();
  const first = core.completeKey(s, at, host.keySearch(s));
  const cold = performance.now() - t;
  const warm = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    core.completeKey(s, at, host.keySearch(s));
    warm.push(performance.now() - t);
  }
  console.log(
    `completion on wals-sources.bib (${s.entries.size} entries, ${first.items.length} items listed): load+parse ${load.toFixed(0)} ms, ` +
      `first list ${cold.toFixed(0)} ms, next lists ${median(warm).toFixed(1)} ms (WALS: cldf-datasets/wals, CC BY 4.0)`,
  );
} else {
  console.log('completion on wals-sources.bib: skipped, ../shared/data not available');
}
