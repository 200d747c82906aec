// Drives the BUILT language server (dist/server.js) over JSON-RPC like an editor, and Microsoft's
// Markdown language server (vscode-markdown-languageserver, the one VS Code ships) the same way for
// what it offers, on: the edition (document/paper.md), deep-review (greenelab/deep-review, CC BY 4.0;
// 8 files open, typing in the largest) and a 1 MB manuscript built here from deep-review (all sections
// four times). Then completion and hovers on the WALS bibliography (cldf-datasets/wals, CC BY 4.0) and
// on a 4x copy with renamed keys built here. Prints medians, p95/p99 and peak memory; wall-clock
// figures on a shared machine, so compare within one run. `--quick` types less; `--only=library` or
// `--only=manuscripts` runs one half.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { root, sharedData } from './bundle.mjs';
import { timesFour } from './data.mjs';
import { percentile, positionAt as positionOf, startLsp } from './lsp.mjs';

/** `--server=PATH` drives another build of the server (e.g. an older one, to compare in one run). */
const marginaliaScript = path.resolve(process.argv.find((a) => a.startsWith('--server='))?.slice('--server='.length) ?? path.join(root, 'dist/server.js'));
const msScript = path.join(root, 'node_modules/vscode-markdown-languageserver/dist/node/workerMain.js');
const quick = process.argv.includes('--quick');
/** `--only=library` (or `manuscripts`) runs one half. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
/** Idle time before the first hover on a library (`--idle=MS`, default 1000). */
const idleMs = Number(process.argv.find((a) => a.startsWith('--idle='))?.slice('--idle='.length) ?? 1000);
/** `--cpu-prof DIR`: Marginalia's server writes a CPU profile per session there. */
const profArg = process.argv.indexOf('--cpu-prof');
const profileDir = profArg >= 0 ? path.resolve(process.argv[profArg + 1]) : undefined;
const fmt = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : 'n/a');
const p = (xs) => `${fmt(percentile(xs, 50))} / ${fmt(percentile(xs, 95))} ms`;
const tmp = mkdtempSync(path.join(tmpdir(), 'marginalia-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const SENTENCE = ' Deep models also need careful validation on held-out cohorts.';
const PARAGRAPH =
  '\n\nPasted paragraph. Recent work has shown that convolutional networks trained on large imaging datasets ' +
  'can match specialists on narrowly defined tasks, although their errors differ from those of people and ' +
  'are harder to anticipate. Studies that report such results rarely test on data from other hospitals. ' +
  'Consequently, the apparent accuracy of these systems is likely to be overestimated in practice.\n\n';

// ---------------------------------------------------------------------------------------------
// Servers

async function marginalia(dir, bibliography) {
  const server = await startLsp({
    script: marginaliaScript,
    ...(profileDir ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}),
    rootUri: pathToFileURL(dir).href,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: {} } } },
    initializationOptions: bibliography ? { bibliography: [bibliography] } : {},
  });
  return {
    name: 'Marginalia',
    server,
    /** Diagnostics after the change that made `version` (pushed). */
    diagnostics: (uri, version) => server.waitPublished(uri, version),
  };
}

async function microsoft(dir) {
  const md = new MarkdownIt({ html: true });
  const files = () => readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => pathToFileURL(path.join(dir, f)).href);
  let server;
  const textOf = (uri) => server?.texts.get(uri) ?? readFileSync(new URL(uri), 'utf8');
  server = await startLsp({
    script: msScript,
    rootUri: pathToFileURL(dir).href,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true } },
    handlers: {
      // As VS Code does: the client parses with markdown-it and sends the tokens.
      'markdown/parse': ({ uri, text }) => md.parse(text ?? textOf(uri), {}),
      'markdown/fs/readFile': ({ uri }) => [...readFileSync(new URL(uri))],
      'markdown/fs/stat': ({ uri }) => (existsSync(new URL(uri)) ? { isDirectory: false } : undefined),
      'markdown/fs/readDirectory': () => [],
      'markdown/findMarkdownFilesInWorkspace': () => files(),
      'markdown/fs/watcher/create': () => null,
      'markdown/fs/watcher/delete': () => null,
    },
  });
  const level = 'warning';
  await server.conn.sendNotification('workspace/didChangeConfiguration', {
    settings: {
      markdown: {
        server: { log: 'off' },
        preferredMdPathExtensionStyle: 'auto',
        suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'never' } },
        validate: {
          enabled: true,
          referenceLinks: { enabled: level },
          fragmentLinks: { enabled: level },
          fileLinks: { enabled: level, markdownFragmentLinks: 'inherit' },
          ignoredLinks: [],
          unusedLinkDefinitions: { enabled: level },
          duplicateLinkDefinitions: { enabled: level },
        },
        occurrencesHighlight: { enabled: false },
      },
    },
  });
  return {
    name: 'MS Markdown LS',
    server,
    /** Diagnostics are pulled: the request is sent when the change is. */
    diagnostics: (uri) => server.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }),
  };
}

// ---------------------------------------------------------------------------------------------
// The editing session

/** A line start near the middle of the text that is ordinary prose (not front matter, a heading or a list). */
function middle(text) {
  let at = text.indexOf('\n', Math.floor(text.length / 2));
  for (; at > 0 && at < text.length; at = text.indexOf('\n', at + 1)) {
    const next = text.slice(at + 1, at + 80);
    if (/^[A-Z][a-z]+ [a-z]/.test(next)) {
      const end = text.indexOf('.', at + 1);
      if (end > 0) return end + 1;
    }
  }
  return Math.floor(text.length / 2);
}

async function session(make, label, dir, files, typed, bibliography) {
  const t0 = performance.now();
  const s = await make(dir, bibliography);
  const { server } = s;
  const uris = files.map((f) => pathToFileURL(path.join(dir, f)).href);
  const main = pathToFileURL(path.join(dir, typed)).href;
  for (const [i, uri] of uris.entries()) await server.open(uri, readFileSync(path.join(dir, files[i]), 'utf8'));
  await s.diagnostics(main, 1);
  const first = performance.now() - t0;

  const keystrokes = [];
  let at = middle(server.texts.get(main));
  const sentence = quick ? SENTENCE.slice(0, 15) : SENTENCE;
  for (const ch of sentence) {
    const t = performance.now();
    const v = await server.change(main, at, at, ch);
    await s.diagnostics(main, v);
    keystrokes.push(performance.now() - t);
    at++;
  }
  const edits = [];
  const timed = async (start, end, insert) => {
    const t = performance.now();
    const v = await server.change(main, start, end, insert);
    await s.diagnostics(main, v);
    edits.push(performance.now() - t);
  };
  const citation = ' [@doi:10.1038/nature14539]';
  await timed(at, at, citation);
  await timed(at, at + citation.length, '');
  await timed(at, at, PARAGRAPH);
  await timed(at, at + PARAGRAPH.length, '');

  const symbols = [];
  for (let i = 0; i < (quick ? 3 : 10); i++) {
    const v = await server.change(main, at, at, 'x');
    at++;
    const t = performance.now();
    await server.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: main } });
    symbols.push(performance.now() - t);
    await s.diagnostics(main, v);
  }

  const hovers = [];
  if (s.name === 'Marginalia') {
    const text = server.texts.get(main);
    const offsets = [...text.matchAll(/\[@/g)].map((m) => m.index + 2).slice(0, quick ? 10 : 60);
    for (const offset of offsets) {
      const t = performance.now();
      await server.conn.sendRequest('textDocument/hover', { textDocument: { uri: main }, position: positionOf(text, offset) });
      hovers.push(performance.now() - t);
    }
  }
  if (process.env.BENCH_VERBOSE) console.log(label, 'keystrokes', keystrokes.map((k) => k.toFixed(0)).join(' '));
  const rss = server.peakRssMb();
  await server.close();
  const size = (Buffer.byteLength(readFileSync(path.join(dir, typed), 'utf8')) / 1024).toFixed(0);
  console.log(
    `${s.name.padEnd(15)} ${label.padEnd(22)} ${`${size} KB`.padStart(7)}  first diagnostics ${fmt(first).padStart(5)} ms` +
      `  keystroke p50/p95 ${p(keystrokes).padStart(15)} (first ${fmt(keystrokes[0])})  citation/paste p50/max ${fmt(percentile(edits, 50))}/${fmt(Math.max(...edits))} ms` +
      `  documentSymbol p50 ${fmt(percentile(symbols, 50))} ms` +
      (hovers.length ? `  hover p50/p99 ${fmt(percentile(hovers, 50))} / ${fmt(percentile(hovers, 99))} ms (first ${fmt(hovers[0])})` : '') +
      `  peak RSS ${fmt(rss)} MB`,
  );
}


// ---------------------------------------------------------------------------------------------
// Completion and hover on a large library

async function library(label, bibText) {
  const dir = mkdtempSync(path.join(tmp, 'lib-'));
  writeFileSync(path.join(dir, 'library.bib'), bibText);
  const md = '---\nbibliography: library.bib\n---\n\nAs shown by [@Abbott-2000] and [@Haspelmath-1993], see [@';
  writeFileSync(path.join(dir, 'p.md'), md);
  const t0 = performance.now();
  const s = await marginalia(dir);
  const { server } = s;
  const uri = pathToFileURL(path.join(dir, 'p.md')).href;
  await server.open(uri, md);
  await s.diagnostics(uri, 1);
  const load = performance.now() - t0;
  const hoverAt = (offset) => server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(md, offset) });
  // The first hover comes once the user has read the diagnostics: the server has built the style's
  // CSL engine and the completion index in the background by then (one idle second by default).
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  let t = performance.now();
  await hoverAt(md.indexOf('Abbott'));
  const firstHover = performance.now() - t;
  const hovers = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    await hoverAt(md.indexOf(i % 2 ? 'Abbott' : 'Haspelmath'));
    hovers.push(performance.now() - t);
  }
  // Typing after `[@`: each character is a change and a completion request (isIncomplete lists).
  const completions = [];
  const sizes = [];
  let end = md.length;
  const complete = async () => {
    const text = server.texts.get(uri);
    const t1 = performance.now();
    const r = await server.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionOf(text, end) });
    completions.push(performance.now() - t1);
    sizes.push(Buffer.byteLength(JSON.stringify(r ?? null)));
    return r;
  };
  const first = performance.now();
  const firstList = await complete();
  const firstMs = performance.now() - first;
  completions.length = 0;
  for (const word of ['haspelmath', 'dixon1994', 'grammar', 'tur']) {
    for (const ch of word) {
      await server.change(uri, end, end, ch);
      end++;
      await complete();
    }
    await server.change(uri, end - word.length, end, '');
    end -= word.length;
    await complete();
  }
  const rss = server.peakRssMb();
  await server.close();
  console.log(
    `${label.padEnd(30)} load to first diagnostics ${fmt(load)} ms  first hover (after ${idleMs / 1000} s idle) ${fmt(firstHover)} ms, then p50/p99 ${fmt(percentile(hovers, 50))}/${fmt(percentile(hovers, 99))} ms` +
      `  completion: first ${fmt(firstMs)} ms (${firstList?.items?.length ?? 0} items, incomplete ${firstList?.isIncomplete}), typing p50/p95 ${p(completions)}` +
      `, response max ${(Math.max(...sizes) / 1024).toFixed(0)} KB  peak RSS ${fmt(rss)} MB`,
  );
}

// ---------------------------------------------------------------------------------------------

if (!existsSync(marginaliaScript)) {
  console.log('dist/server.js missing: run `npm run build` first (npm run bench does).');
  process.exit(1);
}
const haveMs = existsSync(msScript);
console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores; wall-clock ms on a shared machine: ratios within this run count`);

const servers = haveMs ? [marginalia, microsoft] : [marginalia];
if (!haveMs) console.log('vscode-markdown-languageserver not installed: Marginalia only');

// The edition.
if (only !== 'library') {
  const dir = mkdtempSync(path.join(tmp, 'edition-'));
  for (const f of ['paper.md', 'references.bib']) writeFileSync(path.join(dir, f), readFileSync(path.join(root, 'document', f), 'utf8'));
  for (const make of servers) await session(make, 'edition', dir, ['paper.md'], 'paper.md');
}

const dr = path.join(sharedData, 'deep-review');
if (only === 'library') {
  // manuscripts skipped
} else if (existsSync(dr)) {
  const sections = readdirSync(dr).filter((f) => /^\d.*\.md$/.test(f)).sort();
  const dir = mkdtempSync(path.join(tmp, 'deep-review-'));
  for (const f of sections) writeFileSync(path.join(dir, f), readFileSync(path.join(dr, f), 'utf8'));
  const refs = path.join(dr, 'manual-references-2020-01-29.json');
  for (const make of servers) await session(make, 'deep-review (8 files)', dir, sections, '04.study.md', refs);
  const big = mkdtempSync(path.join(tmp, 'one-mb-'));
  const all = sections.map((f) => readFileSync(path.join(dr, f), 'utf8')).join('\n\n');
  writeFileSync(path.join(big, 'book.md'), [all, all, all, all].join('\n\n'));
  for (const make of servers) await session(make, 'deep-review x4 (1 file)', big, ['book.md'], 'book.md', refs);
  console.log('(deep-review: greenelab/deep-review, CC BY 4.0)');
} else console.log('deep-review: skipped, ../shared/data not available');

const wals = path.join(sharedData, 'bib/wals-sources.bib');
if (only === 'manuscripts') {
  // library skipped
} else if (existsSync(wals)) {
  const text = readFileSync(wals, 'utf8');
  await library('WALS (7,373 entries, 3 MB)', text);
  await library('WALS x4 (29,492 entries, 12 MB)', timesFour(text));
  console.log('(WALS sources: cldf-datasets/wals, CC BY 4.0)');
} else console.log('WALS: skipped, ../shared/data not available');

