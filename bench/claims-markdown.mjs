// The uncited-claim judgement measured as a user meets it: each labelled corpus manuscript's own Markdown
// file(s) with every citation removed, analysed by the host the CLI and the server use (remark's parse,
// our sentence splitter, sections from the headings, the bibliography the manuscript declares), the
// `uncited-claim` diagnostics read back and matched to the labelled sentences. Leave-one-repository-out,
// as `npm run bench:claims`: each manuscript is judged by the model trained without its repository.
// In the same run, the same folds through judgeParagraph on the rows' own text (bench/claims.mjs's path),
// so that the difference is what reading the Markdown costs or gains, not the model.
// Data: ../shared/data/corpus (licences per repository in its README). deep-review (the development
// set) is trained on but not scored here.
// Usage: node bench/claims-markdown.mjs [--misses N] [--fuzzy N] [--dump FILE] (print N labelled sentences
// the Markdown path lost, or matched only approximately; write every labelled sentence with ours as JSONL)
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { root } from './bundle.mjs';
import { containerOf, dataAvailable, dataDir, headingsOf, loadCode, manuscriptBibliography, memoisedCues, paragraphs } from '../scripts/claims/data.mjs';
import { averagePrecision, pct, prf } from '../scripts/claims/learn.mjs';
import { outOfFold, prepare, weightsObject } from '../scripts/claims/loro.mjs';

if (!dataAvailable()) {
  console.log('claims-markdown bench skipped: ../shared/data/corpus not found');
  process.exit(0);
}
const missesArg = process.argv.indexOf('--misses');
const showMisses = missesArg > 0 ? Number(process.argv[missesArg + 1] ?? 10) : 0;

const code = await loadCode(
  'server/src/workspace/host.ts',
  'server/src/files/node-file-system.ts',
  'server/src/analysis/diagnostics/index.ts',
  'server/src/analysis/config.ts',
  'server/src/syntax/cross-reference.ts',
);
const file = JSON.parse(readFileSync(path.join(root, 'server/src/model/claims/weights.json'), 'utf8'));
const corpusDir = path.join(dataDir, 'corpus');

/** Lower-case words and numbers only: the rows' text and ours differ in spacing and punctuation left by removed citations. */
const norm = (t) => t.replace(/\uFFFC/g, ' ').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const bigrams = (t) => {
  const w = t.split(' ');
  const out = new Map();
  for (let i = 0; i + 1 < w.length; i++) out.set(`${w[i]} ${w[i + 1]}`, (out.get(`${w[i]} ${w[i + 1]}`) ?? 0) + 1);
  if (w.length === 1) out.set(w[0], 1);
  return out;
};
const dice = (a, b) => {
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [k, v] of a) shared += Math.min(v, b.get(k) ?? 0);
  return na + nb ? (2 * shared) / (na + nb) : 0;
};

/**
 * The text with every citation group removed (a bracketed one with the spaces before it); line breaks
 * kept. Cross-references (`@fig-map`, `[@fig:map]`) stay: they are not citations, and Pandoc's labelled
 * text keeps them too ("fig. 2").
 */
function withoutCitations(text, citations, kinds) {
  const groups = new Map();
  for (const c of citations) if (!code.crossReferenceOf(c.item.key, kinds)) groups.set(`${c.groupRange.start}:${c.groupRange.end}`, c.groupRange);
  let out = '';
  let at = 0;
  for (const r of [...groups.values()].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue; // nested in one already removed
    let start = r.start;
    if (text[start] === '[') while (start > at && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    out += text.slice(at, start) + text.slice(start, r.end).replace(/[^\n]/g, '');
    at = r.end;
  }
  return out + text.slice(at);
}

/** One file of a held-out manuscript through the host with the fold's model: its sentences, flagged or not. */
async function markdownSentences(claimModel, abs) {
  const original = readFileSync(abs, 'utf8');
  // Where the citations are does not depend on the model: any host finds them.
  const finder = new code.Host(new code.NodeFileSystem());
  const first = await finder.analyse(abs);
  if (first?.kind !== 'analysed') return { sentences: [], failed: first?.finding?.message ?? 'unreadable' };
  const stripped = withoutCitations(original, first.snapshot.manuscript.citations, first.snapshot.manuscript.crossReferenceKinds);
  const host = new code.Host(new code.NodeFileSystem(), { claimModel });
  host.setOpen(abs, stripped);
  const a = await host.analyse(abs);
  if (a?.kind !== 'analysed') return { sentences: [], failed: a?.finding?.message ?? 'unreadable' };
  const s = a.snapshot;
  const flagged = new Set(
    code.diagnoseManuscript(s, code.defaultConfig)
      .filter((f) => f.code === 'uncited-claim' && f.file === s.path)
      .map((f) => `${f.range.start}:${f.range.end}`),
  );
  return {
    sentences: s.manuscript.sentences.map((x) => ({
      line: s.manuscript.lines.position(x.range.start).line + 1,
      norm: norm(x.text),
      text: x.text,
      score: x.override ? (x.override.kind === 'claim' ? 1 : 0) : x.judgement.score,
      flagged: flagged.has(`${x.range.start}:${x.range.end}`),
      cited: x.cited,
    })),
  };
}

/** Each row's best-matching sentence of ours near its line (exact words first, else word pairs' Dice >= 0.5). */
function align(rows, sentences) {
  let last = 1;
  return rows.map((r) => {
    const n = norm(r.text);
    // A few rows have no line (Pandoc lost it): the previous row's, with a wider window.
    const line = r.line ?? last;
    last = line;
    const near = sentences.filter((x) => x.line >= line - 5 && x.line <= line + (r.line ? 60 : 200));
    const exact = near.find((x) => x.norm === n);
    if (exact) return { row: r, match: exact, how: 'exact' };
    const b = bigrams(n);
    let best;
    let bestScore = 0.5;
    for (const x of near) {
      const d = dice(b, bigrams(x.norm));
      if (d >= bestScore) [best, bestScore] = [x, d];
    }
    return { row: r, match: best, how: best ? 'fuzzy' : 'lost' };
  });
}

const prepared = prepare(code);
const scored = new Set(prepared.manuscripts.filter((m) => m.name !== 'deep-review' && m.rows.every((r) => r.file)).map((m) => m.name));
const results = []; // { m, row, label, md: { score, flagged, how }, rows: { score, flagged } }
const failures = [];
const cueMemo = new Map();
const t0 = performance.now();
const pending = [];
outOfFold(prepared, file.trained.hyper, (fold, m, framing) => {
  if (framing !== 'removed' || !scored.has(m.name)) return [];
  const model = code.ClaimModel.load({ ...file, bias: fold.model.bias, weights: weightsObject(prepared, fold) });
  // The rows' path, as bench/claims.mjs judges them.
  const byRow = new Map();
  for (const p of paragraphs(m.rows)) {
    const js = code.judgeParagraph(model, p.map((r) => ({ text: r.text, cited: false })), headingsOf(p[0]), memoisedCues(code, m, cueMemo), m.authors, containerOf(p[0]), manuscriptBibliography(code, m));
    p.forEach((r, i) => byRow.set(r.id, { score: js[i].score, flagged: js[i].claimAt.precise && !js[i].coveredByPrevious }));
  }
  pending.push({ m, model, byRow });
  return [];
});
for (const { m, model, byRow } of pending) {
  for (const f of [...new Set(m.rows.map((r) => r.file))]) {
    const rows = m.rows.filter((r) => r.file === f);
    const { sentences, failed } = await markdownSentences(model, path.join(corpusDir, f));
    if (failed) failures.push(`${f}: ${failed}`);
    for (const { row, match, how } of align(rows, sentences))
      results.push({ m, row, label: row.cited ? 1 : 0, md: { score: match?.score ?? 0, flagged: !!match?.flagged, how, match }, rows: byRow.get(row.id) });
  }
}
console.log(`Leave-one-repository-out, ${scored.size} manuscripts scored, in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
for (const f of failures) console.log(`  not analysed: ${f}`);

const summary = (xs, pick) => {
  const { precision, recall, f1 } = prf(xs.map((x) => [pick(x).flagged ? 1 : 0, x.label]), 1);
  const ap = averagePrecision(xs.map((x) => [pick(x).score, x.label]));
  return `P ${pct(precision)} R ${pct(recall)} F1 ${pct(f1)} AP ${pct(ap)}`;
};
const how = (xs) => ['exact', 'fuzzy', 'lost'].map((h) => `${h} ${xs.filter((x) => x.md.how === h).length}`).join(', ');
console.log('\n| set | sentences | cited | matched in the Markdown (exact, fuzzy, lost) | rows\' text (judgeParagraph) | the Markdown, as `marginalia check` reads it |');
console.log('|---|---:|---:|---|---|---|');
const groups = [['pooled (corpus)', () => true], ['social sciences', (x) => x.m.group === 'social'], ['sciences', (x) => x.m.group === 'science']];
for (const [label, keep] of groups) {
  const xs = results.filter(keep);
  console.log(`| ${label} | ${xs.length} | ${xs.filter((x) => x.label).length} | ${how(xs)} | ${summary(xs, (x) => x.rows)} | ${summary(xs, (x) => x.md)} |`);
}
console.log('\nBy manuscript (F1 rows\' text -> Markdown; lost sentences):');
for (const name of scored) {
  const xs = results.filter((x) => x.m.name === name);
  const f1 = (pick) => / F1 ([\d.]+)/.exec(summary(xs, pick))[1];
  console.log(`  ${name}: ${f1((x) => x.rows)} -> ${f1((x) => x.md)}; lost ${xs.filter((x) => x.md.how === 'lost').length} of ${xs.length}`);
}
const dumpArg = process.argv.indexOf('--dump');
if (dumpArg > 0)
  writeFileSync(process.argv[dumpArg + 1], results.map((x) => JSON.stringify({ file: x.row.file, line: x.row.line, cited: x.label, how: x.md.how, theirs: x.row.text, ours: x.md.match?.text ?? null, md: x.md.flagged, rows: x.rows.flagged })).join('\n') + '\n');
if (process.argv.includes('--fuzzy')) {
  console.log('\nLabelled sentences matched only approximately (theirs / ours):');
  for (const x of results.filter((r) => r.md.how === 'fuzzy').slice(0, Number(process.argv[process.argv.indexOf('--fuzzy') + 1]) || 20))
    console.log(`  ${x.row.file}:${x.row.line}\n    ${x.row.text.slice(0, 160)}\n    ${x.md.match.text.slice(0, 160)}`);
}
if (showMisses) {
  console.log('\nLabelled sentences with no sentence of ours:');
  for (const x of results.filter((r) => r.md.how === 'lost').slice(0, showMisses)) console.log(`  ${x.row.file}:${x.row.line} ${x.row.cited ? '[cited] ' : ''}${x.row.text.slice(0, 140)}`);
}
