// `npm test`: every test, with one honest closing line. Runs vitest (unit, Pandoc-oracle, protocol,
// grammar, CLI tests), then the extension-host suite inside a real VS Code where one can be had
// (test/vscode/run.mjs: VSCODE_EXECUTABLE, or code-server installed by test/vscode/install-tools.sh).
// Skipped tests are reported as skipped, never as passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(repo, 'test-results');
mkdirSync(results, { recursive: true });
const vitestJson = path.join(results, 'vitest.json');

const vitest = spawnSync(
  process.execPath,
  [path.join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...process.argv.slice(2)],
  { cwd: repo, stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A suite that failed to load counts as a failure even if it reported no test.
  failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  for (const t of r.testResults)
    for (const a of t.assertionResults)
      if (a.status === 'skipped' || a.status === 'pending') console.log(`SKIPPED: ${a.fullName}`);
} else failed += 1;
if (vitest.status !== 0 && failed === 0) failed += 1;

console.log('\n== VS Code extension-host suite');
const vscode = spawnSync(process.execPath, [path.join(repo, 'test/vscode/run.mjs')], { cwd: repo, stdio: 'inherit' });
const status = existsSync(path.join(results, 'vscode-status.txt')) ? readFileSync(path.join(results, 'vscode-status.txt'), 'utf8').trim() : 'failed';
const report = path.join(results, 'vscode-mocha.txt');
const counts = existsSync(report) ? /(\d+) passed, (\d+) failed/.exec(readFileSync(report, 'utf8')) : null;
if (status === 'skipped') skipped += 1;
else if (status === 'passed' && vscode.status === 0) passed += counts ? Number(counts[1]) : 1;
else failed += counts && Number(counts[2]) > 0 ? Number(counts[2]) : 1;

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
