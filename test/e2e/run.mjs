#!/usr/bin/env node
// `npm run test:e2e`: Marginalia inside real editors, one part after the other, each time-boxed:
//   tools    test/vscode/install-tools.sh (Node 24, code-server, playwright-core, chromium; cached)
//   vscode   node test/vscode/run.mjs      (the extension-host suite inside code-server; builds dist/)
//   ui       node test/e2e/ui.mjs          (the packaged .vsix in code-server, driven with mouse and keys)
//   editors  test/editors/install.sh, node scripts/build.mjs, node test/editors/run.mjs
//            (Neovim, Emacs + eglot, Emacs + lsp-mode against dist/cli.js)
//
//   node test/e2e/run.mjs [tools] [vscode] [ui] [editors]      (default: all four)
//
// Prints each part's output as it runs, then one line per part with its verdict and wall time (and
// the part's own "N passed, N failed" figures when it prints them), and a final line
// `N passed, N failed` counting PARTS. Exit code 1 if any part failed or timed out.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const node = process.execPath;
const min = 60_000;

const parts = [
  { name: 'tools', label: 'install-tools (cached)', limit: 15 * min, steps: [['bash', ['test/vscode/install-tools.sh']]] },
  { name: 'vscode', label: 'extension-host suite (code-server)', limit: 6 * min, steps: [[node, ['test/vscode/run.mjs']]] },
  { name: 'ui', label: 'UI of the packaged extension (code-server + Chromium)', limit: 10 * min, steps: [[node, ['test/e2e/ui.mjs']]] },
  {
    name: 'editors',
    label: 'Neovim / Emacs editor tests',
    limit: 10 * min,
    steps: [
      ['bash', ['test/editors/install.sh']],
      [node, ['scripts/build.mjs']],
      [node, ['test/editors/run.mjs']],
    ],
  },
];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !parts.some((p) => p.name === n));
if (unknown.length) {
  console.error(`unknown part(s): ${unknown.join(', ')} (known: ${parts.map((p) => p.name).join(', ')})`);
  process.exit(2);
}

/** Runs one command in its own process group, echoing its output; resolves { code, out }. */
function step(cmd, args, deadline) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    const kill = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // gone
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n!! ${path.basename(args[0] ?? cmd)}: time limit reached, ending its process group`);
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5_000).unref();
    }, Math.max(0, deadline - Date.now()));
    child.on('error', (e) => {
      out += String(e);
      resolve({ code: 127, out, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), out, timedOut });
    });
  });
}

const results = [];
const started = Date.now();
for (const part of parts) {
  if (only.length && !only.includes(part.name)) continue;
  console.log(`\n${'='.repeat(78)}\n== ${part.name}: ${part.label}\n${'='.repeat(78)}`);
  const t0 = Date.now();
  const deadline = t0 + part.limit;
  let ok = true;
  let note = '';
  let out = '';
  for (const [cmd, args] of part.steps) {
    const r = await step(cmd, args, deadline);
    out += r.out;
    if (r.code !== 0) {
      ok = false;
      note = r.timedOut ? `time limit ${part.limit / min} min` : `${[cmd === node ? 'node' : cmd, ...args].join(' ')} exited ${r.code}`;
      break;
    }
  }
  const figures = [...out.matchAll(/^(\d+ passed, \d+ failed(?:, \d+ skipped)?)\s*$/gm)].at(-1)?.[1];
  const skipped = /SKIPPED/.test(out);
  results.push({ part, ok, ms: Date.now() - t0, note: [figures && `its checks: ${figures}`, skipped && 'something SKIPPED (see above)', note].filter(Boolean).join('; ') });
}

console.log(`\n${'='.repeat(78)}\n== test:e2e summary (one verdict per part)`);
for (const r of results) {
  console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.part.name.padEnd(8)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.part.label}${r.note ? ` (${r.note})` : ''}`);
}
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
