// Hostile manuscripts (issue #11): pathological nesting and sizes that were quadratic, exhausted the
// heap or overflowed the stack. Each scenario runs parse + model + diagnostics in a child process of
// its own (a crash or a heap abort must not end the bench), capped in time and heap, at two sizes so
// that the growth (x2 input -> x2 time when linear, x4 when quadratic) shows in one run.
//   node bench/hostile.mjs            all scenarios
//   node bench/hostile.mjs NAME…      only those
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

/** Inputs by name: each a function of a size parameter, and the two sizes to compare. */
export const scenarios = {
  // 1,100 nested spans are 11 KB: `[[[…Since 2011 x]{.claim}]{.claim}…]{.claim}`.
  'nested-spans': { sizes: [1100, 2200], make: (n) => '['.repeat(n) + 'Since 2011 x' + ']{.claim}'.repeat(n) + '\n' },
  'nested-brackets-citation': { sizes: [10_000, 20_000], make: (n) => '['.repeat(n) + '@x' + ']'.repeat(n) + '\n' },
  'nested-lists': { sizes: [2500, 10_000], make: (n) => '- '.repeat(n) + 'Since 2011 x [@k].\n\nAfter [@k2].\n' },
  'indented-lists': { sizes: [1000, 2000], make: (n) => Array.from({ length: n }, (_, i) => '  '.repeat(i) + '- item [@k]').join('\n') + '\n\nAfter [@k2].\n' },
  'nested-quotes': { sizes: [4600, 10_000], make: (n) => '> '.repeat(n) + 'Since 2011 x [@k].\n\nAfter [@k2].\n' },
  // A 100 KB nested quote: 50,000 `> `.
  'nested-quote-100k': { sizes: [25_000, 50_000], make: (n) => '> '.repeat(n) + 'x\n\nAfter [@k2].\n' },
  // A 1 MB line of citations (0.5 MB and 1 MB).
  'citation-line': { sizes: [0.5e6, 1e6], make: (n) => '[@k1; see @k2, p. 3] @k3 [p. 4] '.repeat(Math.round(n / 32)) + '\n' },
  'in-text-line': { sizes: [0.5e6, 1e6], make: (n) => '@k1 '.repeat(Math.round(n / 4)) + '\n' },
  // Thousands of footnotes, each called once and citing: every slice was given every note as a stub, and
  // micromark's time grows with the square of the containers (footnote definitions) in one parse.
  footnotes: { sizes: [2000, 4000], make: (n) => Array.from({ length: n }, (_, i) => `Text[^n${i}] since 2011.\n\n[^n${i}]: Note [@k${i}] said so.`).join('\n\n') + '\n' },
  // Thousands of headings: each section's coverage filtered every claim.
  headings: { sizes: [5000, 10_000], make: (n) => Array.from({ length: n }, (_, i) => `${'#'.repeat((i % 6) + 1)} H${i}\n\nSince ${1900 + (i % 100)} it grew [@k${i}].`).join('\n\n') + '\n' },
  // 1.5 MB and 3 MB of front matter.
  'front-matter': {
    sizes: [1.5e6, 3e6],
    make: (n) => '---\ntitle: T\nkeywords:\n' + '  - a keyword of the paper\n'.repeat(Math.round(n / 27)) + '---\n\nText [@k].\n',
  },
  'front-matter-map': {
    sizes: [1.5e6, 3e6],
    make: (n) => '---\n' + Array.from({ length: Math.round(n / 20) }, (_, i) => `key${i}: value ${i}\n`).join('') + '---\n\nText [@k].\n',
  },
};

async function runOne(name, size) {
  const { importModules } = await import('./bundle.mjs');
  const core = await importModules(
    'server/src/workspace/host.ts',
    'server/src/files/file-system.ts',
    'server/src/analysis/diagnostics/index.ts',
    'server/src/analysis/config.ts',
    'server/src/syntax/citations.ts',
    'server/src/analysis/coverage.ts',
  );
  const text = scenarios[name].make(size);
  const host = new core.Host(new core.MemoryFileSystem({ '/p.md': text }));
  const t = performance.now();
  const s = await host.snapshot('/p.md');
  const findings = core.diagnose(s, core.defaultConfig);
  core.coverageBreakdown(s); // what `marginalia check` and the coverage report add
  const ms = performance.now() - t;
  const codes = {};
  for (const f of findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
  const result = {
    ms: Math.round(ms),
    bytes: text.length,
    citations: s.manuscript.citations.length,
    sentences: s.manuscript.sentences.length,
    heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    codes,
  };
  process.stdout.write(JSON.stringify(result));
}

function fmt(r) {
  if (r.error) return r.error;
  const codes = Object.entries(r.codes).map(([k, v]) => `${k}×${v}`).join(' ');
  return `${String(r.ms).padStart(7)} ms  ${String(r.heapMB).padStart(5)} MB heap  ${r.citations} citations  ${r.sentences} sentences  ${codes}`;
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === '--one') {
  await runOne(process.argv[3], Number(process.argv[4]));
} else {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(scenarios);
  const timeout = Number(process.env.HOSTILE_TIMEOUT_MS ?? 90_000);
  for (const name of names) {
    const rows = [];
    for (const size of scenarios[name].sizes) {
      const r = spawnSync(process.execPath, ['--max-old-space-size=2048', '--stack-size=984', self, '--one', name, String(size)], {
        encoding: 'utf8',
        timeout,
        maxBuffer: 1 << 24,
      });
      let row;
      if (r.error?.code === 'ETIMEDOUT') row = { error: `timeout after ${timeout / 1000} s` };
      else if (r.status !== 0) row = { error: `exit ${r.status ?? r.signal}: ${(r.stderr.match(/(FATAL ERROR[^\n]*|RangeError[^\n]*|Error[^\n]*)/) ?? [r.stderr.slice(-200)])[0]}` };
      else row = JSON.parse(r.stdout);
      rows.push(row);
      console.log(`${name.padEnd(26)} ${String(size).padStart(9)}  ${fmt(row)}`);
    }
    const [a, b] = rows;
    if (a && b && !a.error && !b.error && a.ms > 20)
      console.log(`${''.padEnd(26)} growth ×${(b.ms / a.ms).toFixed(1)} for input ×${(b.bytes / a.bytes).toFixed(1)}`);
  }
}
