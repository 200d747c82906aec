#!/usr/bin/env node
// Runs the extension-test suite (test/vscode/suite) inside a real VS Code extension host.
//   a) VSCODE_EXECUTABLE set        -> @vscode/test-electron with that VS Code build;
//   b) code-server in .e2e-cache/   -> code-server + headless Chromium, the suite started by the
//                                      workbench's smoke-test driver (shared/design/vscode-in-a-browser.md);
//   c) neither                      -> prints a SKIPPED line and exits 0.
// The verdict also goes to test-results/vscode-status.txt: passed, failed or skipped.
// Options: --grep <pattern> (mocha grep), MARGINALIA_VSCODE_TIMEOUT (seconds, default 240).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import {
  chromiumArgs, freePort, makeRunDirs, startCodeServer, stopProcessGroup, tools as e2eTools, writeUserSettings,
} from '../e2e/lib/code-server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = path.join(repo, 'test-results');
const statusFile = path.join(results, 'vscode-status.txt');
const reportFile = path.join(results, 'vscode-mocha.txt');
const suiteOut = path.join(repo, 'dist', 'test', 'vscode');
const e2e = process.env.MARGINALIA_E2E_CACHE ?? path.join(repo, '.e2e-cache');
const timeoutMs = Number(process.env.MARGINALIA_VSCODE_TIMEOUT ?? 240) * 1000;
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;

const tools = e2eTools; // Node 24, code-server, playwright-core and Chromium (test/e2e/lib/code-server.mjs)

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

async function viaCodeServer(testsPath) {
  const run = path.join(e2e, 'run');
  // Nothing of this run may land in the real home folder: every tool's state lives under `run`.
  const { dirs, env, config } = makeRunDirs(run);
  writeUserSettings(dirs['udd/User']);
  const workspace = makeWorkspace(path.join(run, 'workspace'));
  Object.assign(process.env, { TMPDIR: dirs.tmp }); // playwright's temporary files

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const server = await startCodeServer({
    port, run, dirs, env, config, folder: workspace,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'], // else the workbench ignores the test payload
  });
  const serverExit = server.exited;
  let browser;
  try {
    const { chromium } = await import(tools.playwright);
    browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: chromiumArgs });
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
    await stopProcessGroup(server.child, serverExit);
  }
}

const haveElectron = !!process.env.VSCODE_EXECUTABLE;
const haveCodeServer = [tools.node, tools.codeServer, tools.playwright, tools.chromium].every((f) => existsSync(f));
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
