#!/usr/bin/env node
// Runs the real-editor tests: Neovim's built-in LSP client (test/editors/nvim.lua), Emacs + eglot
// (test/editors/eglot.el) and Emacs + lsp-mode (test/editors/lsp-mode.el), each against
// `node dist/cli.js lsp --stdio` (or MARGINALIA_CLI), one after the other, each with a hard time limit.
//
//   node test/editors/run.mjs [nvim] [eglot] [lsp-mode] [--timeout=SECONDS]   (build first)
//
// An editor that is not installed is reported loudly as SKIPPED — never as passed. Exit code 1 if
// any test failed (or timed out), else 0. Prints the wall time and peak memory (sum of the RSS of
// the editor and all its descendants, the server included, sampled every 100 ms) of each run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const timeoutArg = args.find((a) => a.startsWith('--timeout='));
const timeoutMs = (timeoutArg ? Number(timeoutArg.slice('--timeout='.length)) : 60) * 1000;
const only = args.filter((a) => !a.startsWith('--'));
const install = (pkgs) => `apt-get install -y --no-install-recommends ${pkgs}, or test/editors/install.sh`;

/** An Emacs test, test/editors/<feature>.el, for a client Debian packages as elpa-<feature>. */
function emacsEditor(feature, label) {
  const probe =
    '(progn (dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")) (add-to-list (quote load-path) d))' +
    ` (kill-emacs (if (require (quote ${feature}) nil t) 0 3)))`;
  return {
    name: feature,
    label,
    probe: () =>
      !runs('emacs', ['--version'])
        ? `emacs not installed (${install(`emacs-nox elpa-${feature}`)})`
        : !runs('emacs', ['--batch', '-Q', '--eval', probe])
          ? `${feature} not installed (${install(`elpa-${feature}`)})`
          : null,
    cmd: 'emacs',
    args: ['--batch', '-Q', '-l', `test/editors/${feature}.el`],
  };
}

const editors = [
  {
    name: 'nvim',
    label: 'Neovim (built-in LSP client)',
    probe: () => (runs('nvim', ['--version']) ? null : `nvim not installed (${install('neovim')})`),
    cmd: 'nvim',
    args: ['--headless', '-u', 'test/editors/nvim.lua'],
  },
  emacsEditor('eglot', 'Emacs + eglot'),
  emacsEditor('lsp-mode', 'Emacs + lsp-mode'),
];

function runs(cmd, argv) {
  const r = spawnSync(cmd, argv, { stdio: 'ignore', timeout: 15000 });
  return !r.error && r.status === 0;
}

/** pid → { ppid, rssKb } for every process we can read. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
      table.set(Number(entry), { ppid, rssKb, name });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

function isZombie(pid) {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/** The pid and all its descendants. */
function tree(pid, table = processTable()) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    for (const [p, info] of table) if (info.ppid === out[i] && !out.includes(p)) out.push(p);
  }
  return out.filter((p) => table.has(p)).map((p) => ({ pid: p, ...table.get(p) }));
}

function runOne(editor) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    // detached: the editor leads its own process group, so a time-out can end the group at once.
    const child = spawn(editor.cmd, editor.args, {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TERM: process.env.TERM || 'dumb' },
    });
    let peakKb = 0;
    let peakDetail = '';
    const seen = new Set();
    const sampler = setInterval(() => {
      const procs = tree(child.pid);
      for (const p of procs) seen.add(p.pid);
      const total = procs.reduce((s, p) => s + p.rssKb, 0);
      if (total > peakKb) {
        peakKb = total;
        peakDetail = procs.map((p) => `${p.name} ${Math.round(p.rssKb / 1024)}`).join(', ');
      }
    }, 100);
    let timedOut = false;
    let killer;
    const timer = setTimeout(() => {
      timedOut = true;
      // SIGTERM first (lets the editor flush its output), SIGKILL 2 s later.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      killer = setTimeout(kill, 2000);
    }, timeoutMs);
    const kill = () => {
      const procs = tree(child.pid);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      // Emacs puts its subprocesses in their own sessions: end the ones we saw, by pid.
      for (const p of procs) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const prefix = `[${editor.name}] `;
    const pipe = (stream, out) => {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop();
        for (const l of lines) out.write(prefix + l + '\n');
      });
      stream.on('end', () => buf && out.write(prefix + buf + '\n'));
    };
    pipe(child.stdout, process.stdout);
    pipe(child.stderr, process.stderr);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearInterval(sampler);
      resolve({ ok: false, seconds: 0, why: error.message });
    });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Anything of ours still alive (e.g. a server that outlived its editor)? Give a server that
      // just saw its stdin close 3 s to exit, then end it by pid.
      const alive = () => {
        const table = processTable();
        return [...seen].filter((p) => p !== child.pid && table.has(p) && !isZombie(p));
      };
      let left = alive();
      for (let i = 0; i < 30 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = alive();
      }
      for (const p of left) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone
        }
      }
      resolve({
        ok: !timedOut && code === 0 && left.length === 0,
        seconds,
        peakMb: Math.round(peakKb / 1024),
        peakDetail,
        why: timedOut
          ? `timed out after ${timeoutMs / 1000} s (process group ended)`
          : left.length
            ? `exit ${code}, but ${left.length} process(es) outlived the editor: ${left.join(' ')}`
            : signal
              ? `killed by ${signal}`
              : `exit code ${code}`,
      });
    });
  });
}

const unknown = only.filter((n) => !editors.some((e) => e.name === n));
if (unknown.length) {
  console.error(`unknown editor(s): ${unknown.join(', ')} (known: ${editors.map((e) => e.name).join(', ')})`);
  process.exit(2);
}

if (!existsSync(path.join(root, 'dist/cli.js')) && !process.env.MARGINALIA_CLI) {
  console.error('dist/cli.js is missing: run `npm run build` first.');
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const editor of editors) {
  if (only.length && !only.includes(editor.name)) continue;
  const missing = editor.probe();
  if (missing) {
    skipped++;
    console.log(`\n${'!'.repeat(78)}\n!! SKIPPED: ${missing}\n!! (${editor.label} not tested; a skip is not a pass)\n${'!'.repeat(78)}`);
    continue;
  }
  console.log(`\n== ${editor.label}: ${editor.cmd} ${editor.args.join(' ')}`);
  const r = await runOne(editor);
  const mem = r.peakMb ? `, peak RSS ${r.peakMb} MB (${r.peakDetail})` : '';
  if (r.ok) {
    passed++;
    console.log(`== PASSED ${editor.label} in ${r.seconds.toFixed(2)} s${mem}`);
  } else {
    failed++;
    console.log(`== FAILED ${editor.label} in ${r.seconds.toFixed(2)} s: ${r.why}${mem}`);
  }
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
