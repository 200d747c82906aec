#!/usr/bin/env node
/**
 * Hostile bibliography and style files, end to end through the host (read, limits, parse, diagnose):
 *   node bench/bibliography-limits.mjs [entries]   (default 1,000,000 CSL-JSON entries)
 * Prints time and memory for each case; the inputs are generated in a temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importModules } from './bundle.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const { Host, NodeFileSystem, diagnose, defaultConfig, ReferenceFormatter } = await importModules(
  'server/src/workspace/host.ts',
  'server/src/files/node-file-system.ts',
  'server/src/analysis/diagnostics/index.ts',
  'server/src/analysis/config.ts',
  'server/src/bibliography/format.ts',
);

const entries = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-bench-limits-'));
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;

async function measure(name, manuscript, files) {
  for (const [file, write] of Object.entries(files)) write(path.join(dir, file));
  writeFileSync(path.join(dir, 'p.md'), manuscript);
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const host = new Host(new NodeFileSystem());
  const s = await host.snapshot(path.join(dir, 'p.md'));
  const findings = diagnose(s, defaultConfig);
  const ms = performance.now() - t0;
  const heap = process.memoryUsage().heapUsed - heap0;
  const codes = [...new Set(findings.map((f) => f.code))].join(', ') || 'none';
  console.log(`${name}: ${ms.toFixed(0)} ms, heap +${mb(heap)}, rss ${mb(process.memoryUsage().rss)}, ${s.entries.size} keys, findings: ${findings.length} (${codes})`);
}

/** Writes `count` chunks of text without holding the whole file in memory. */
const streamed = (count, chunk) => (file) => {
  const fd = openSync(file, 'w');
  for (let i = 0; i < count; i++) writeSync(fd, chunk(i));
  closeSync(fd);
};

try {
  await measure('200 MB .bib (over the 64 MB limit)', '---\nbibliography: big.bib\n---\nText [@a].\n', {
    'big.bib': streamed(2_000_000, (i) => `@book{k${i}, title={Title number ${i} of many}, year={2000}}\n`.padEnd(100, ' ')),
  });
  await measure(`${entries.toLocaleString('en')}-entry CSL-JSON`, '---\nbibliography: many.json\n---\nText [@k1].\n', {
    'many.json': streamed(entries + 2, (i) => (i === 0 ? '[\n' : i === entries + 1 ? ']\n' : `${i > 1 ? ',' : ''}{"id":"k${i}","type":"book"}\n`)),
  });
  await measure('one .bib listed 1,000 times', `---\nbibliography:\n${'  - refs.bib\n'.repeat(1000)}---\nText [@a].\n`, {
    'refs.bib': (f) => writeFileSync(f, '@book{a, title={A}}\n'),
  });
  await measure('8,000 nested braces in one entry', '---\nbibliography: deep.bib\n---\nText [@a; @b].\n', {
    'deep.bib': (f) => writeFileSync(f, `@book{a, author={Deep, A.}, title={${'{'.repeat(8000)}x${'}'.repeat(8000)}}}\n@book{b, title={B}}\n`),
  });

  // A style file rewritten 200 times, each version hovered once.
  const item = { id: 'k', type: 'book', title: 'T', author: [{ family: 'A' }], issued: { 'date-parts': [[2000]] } };
  const style = (n) =>
    `<?xml version="1.0" encoding="utf-8"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>v${n}</title><id>v${n}</id><updated>2024-01-01T00:00:00+00:00</updated></info><citation><layout><text variable="title"/></layout></citation><bibliography><layout><text variable="title" prefix="v${n} "/></layout></bibliography></style>`;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const formatter = new ReferenceFormatter();
  for (let n = 0; n < 200; n++) formatter.formatReference(item, { cslText: style(n) });
  gc();
  console.log(
    `200 rewrites of a style file, each formatted once: ${(performance.now() - t0).toFixed(0)} ms, heap +${mb(process.memoryUsage().heapUsed - heap0)}, ${formatter.userStyleEngineCount} engines kept`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
