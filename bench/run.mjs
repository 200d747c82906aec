// Runs every benchmark in turn; each prints its own figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
for (const name of ['analysis.mjs', 'bibtex.mjs', 'claims.mjs', 'suggestions.mjs', 'review.mjs', 'hostile.mjs', 'closest-keys.mjs', 'parse-slices.mjs', 'bib-parsers.mjs', 'server.mjs', 'keystroke.mjs', 'message-writer.mjs', 'allocation.mjs']) {
  const file = path.join(here, name);
  if (!existsSync(file)) continue;
  console.log(`\n== bench/${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', file], { stdio: 'inherit' });
  if (r.status) process.exitCode = r.status;
}
