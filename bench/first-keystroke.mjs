// The first keystroke and the first hover right after an open (issue #13): the built server is started,
// the manuscript opened, and as soon as its diagnostics are published a character is typed and, once
// that is published, a citation hovered, with no pause, as a user who types at once does. Whatever the
// server does in the background after the open's diagnostics shows here (bench/server.mjs's p95 is that
// one keystroke; bench/keystroke.mjs's p95 over 40 keystrokes hides it). `--server=PATH` (repeatable)
// compares builds; they alternate, `--rounds=N` times (default 3). Medians per server and document.
// `--pause=MS` waits that long after the open's diagnostics before typing, as a user who reads first
// does (work the server does once the client is quiet, lsp/idle-work.ts, has run by then).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { root, sharedData } from './bundle.mjs';
import { percentile, positionAt, startLsp } from './lsp.mjs';

const servers = process.argv.filter((a) => a.startsWith('--server=')).map((a) => path.resolve(a.slice('--server='.length)));
if (!servers.length) servers.push(path.join(root, 'dist/server.js'));
const pauseMs = Number(process.argv.find((a) => a.startsWith('--pause='))?.slice('--pause='.length) ?? 0);
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3);
const tmp = mkdtempSync(path.join(tmpdir(), 'marginalia-first-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** [label, folder, files opened, the one typed in, bibliography setting] */
const cases = [];
{
  const dir = mkdtempSync(path.join(tmp, 'edition-'));
  for (const f of ['paper.md', 'references.bib']) writeFileSync(path.join(dir, f), readFileSync(path.join(root, 'document', f), 'utf8'));
  cases.push(['edition, 11 KB', dir, ['paper.md'], 'paper.md', undefined]);
}
const dr = path.join(sharedData, 'deep-review');
if (existsSync(dr)) {
  const sections = readdirSync(dr).filter((f) => /^\d.*\.md$/.test(f)).sort();
  const dir = mkdtempSync(path.join(tmp, 'deep-review-'));
  for (const f of sections) writeFileSync(path.join(dir, f), readFileSync(path.join(dr, f), 'utf8'));
  const refs = path.join(dr, 'manual-references-2020-01-29.json');
  cases.push(['deep-review, 8 files, 77 KB', dir, sections, '04.study.md', refs]);
  const big = mkdtempSync(path.join(tmp, 'one-mb-'));
  const all = sections.map((f) => readFileSync(path.join(dr, f), 'utf8')).join('\n\n');
  writeFileSync(path.join(big, 'book.md'), [all, all, all, all].join('\n\n'));
  cases.push(['deep-review x4, 1 MB', big, ['book.md'], 'book.md', refs]);
} else console.log('deep-review: skipped, ../shared/data not available');

async function once(script, [, dir, files, typed, bibliography]) {
  const server = await startLsp({
    script,
    rootUri: pathToFileURL(dir).href,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: bibliography ? { bibliography: [bibliography] } : {},
  });
  const main = pathToFileURL(path.join(dir, typed)).href;
  const t0 = performance.now();
  for (const f of files) await server.open(pathToFileURL(path.join(dir, f)).href, readFileSync(path.join(dir, f), 'utf8'));
  await server.waitPublished(main, 1);
  const open = performance.now() - t0;
  if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const text = server.texts.get(main);
  const at = text.indexOf('.\n', Math.floor(text.length / 2)) + 1;
  let t = performance.now();
  const v = await server.change(main, at, at, 'x');
  await server.waitPublished(main, v);
  const keystroke = performance.now() - t;
  const edited = server.texts.get(main);
  const cite = edited.indexOf('[@', at);
  t = performance.now();
  await server.conn.sendRequest('textDocument/hover', { textDocument: { uri: main }, position: positionAt(edited, (cite >= 0 ? cite : edited.indexOf('[@')) + 2) });
  const hover = performance.now() - t;
  const rss = server.peakRssMb();
  await server.close();
  return { open, keystroke, hover, rss };
}

const results = new Map(); // `${server}\0${label}` -> [{...}]
for (let r = 0; r < rounds; r++)
  for (const c of cases)
    for (const script of servers) {
      const key = `${script}\u0000${c[0]}`;
      results.set(key, [...(results.get(key) ?? []), await once(script, c)]);
    }

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const med = (xs) => fmt(percentile(xs, 50));
console.log(`${rounds} rounds, servers alternating; medians (all runs) of: open -> diagnostics, then ${pauseMs ? `after ${pauseMs} ms` : 'at once'} the first keystroke -> its diagnostics, then at once a hover on a citation`);
for (const c of cases)
  for (const script of servers) {
    const runs = results.get(`${script}\u0000${c[0]}`);
    const all = (k) => runs.map((x) => fmt(x[k])).join(', ');
    console.log(
      `${path.relative(process.cwd(), script).padEnd(28)} ${c[0].padEnd(28)} open ${med(runs.map((x) => x.open)).padStart(5)} ms  first keystroke ${med(runs.map((x) => x.keystroke)).padStart(5)} ms (${all('keystroke')})  first hover ${med(runs.map((x) => x.hover)).padStart(5)} ms (${all('hover')})  peak RSS ${med(runs.map((x) => x.rss))} MB`,
    );
  }
