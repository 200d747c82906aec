/**
 * The extension-test entry point that @vscode/test-electron (or code-server's smoke-test driver)
 * loads inside the extension host: `run()` resolves when every test passed, rejects otherwise.
 * Mocha stays external (required from the repo's node_modules at run time); each suite file is
 * bundled next to this one by test/vscode/run.mjs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

const SUITES = ['extension.test.js'];

/**
 * Written by run.mjs next to the bundle, because the extension host's environment is not always the
 * runner's (code-server starts it): `grep` selects tests, `report` is where the summary goes.
 */
interface RunOptions {
  readonly grep?: string;
  readonly report?: string;
}

function runOptions(): RunOptions {
  const file = path.join(__dirname, 'options.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunOptions) : {};
}

export function run(): Promise<void> {
  const { grep, report } = runOptions();
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of SUITES) mocha.addFile(path.join(__dirname, file));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The extension host's console is not always visible (code-server): leave a report on disk too.
      if (report) {
        mkdirSync(path.dirname(report), { recursive: true });
        writeFileSync(report, lines.join('\n') + '\n');
      }
      if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => lines.push(`ok   ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('fail', (t, err: Error) => lines.push(`FAIL ${t.fullTitle()}\n     ${err.stack ?? err.message}`));
    runner.on('end', () => lines.push(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? 0} failed`));
  });
}
