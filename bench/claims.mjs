// `npm run bench:claims`: the uncited-claim judgement measured leave-one-repository-out (LORO) over the
// labelled corpus, through the server's code path (features.ts -> model.ts -> judge.ts): for each
// repository, a model trained with the committed hyper-parameters on all the others scores its
// manuscripts. Two framings: every citation removed (CiteWorth's), and "as a draft looks" (a fixed half
// of the cited sentences keep their citations and are not scored). Sentences come from each row's `text`,
// which has narrative citations (`@key says`) removed too, not only bracketed ones.
// Also: today's rules (the first-match cascade of claims.ts), "all claims", model load and inference time.
// Data: ../shared/data/corpus (36 repositories, licences in its README) and
// ../shared/data/claims/deep-review.jsonl (greenelab/deep-review, Ching et al., CC BY 4.0).
// Usage: node bench/claims.mjs [--errors N] [--timing (load and inference time only, then stop)]
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root, median } from './bundle.mjs';
import { containerOf, dataAvailable, headingsOf, keepsCitation, loadCode, manuscriptBibliography, memoisedCues, paragraphs } from '../scripts/claims/data.mjs';
import { averagePrecision, pct, precisionAtRecall, prf } from '../scripts/claims/learn.mjs';
import { outOfFold, prepare, weightsObject } from '../scripts/claims/loro.mjs';

if (!dataAvailable()) {
  console.log('claims bench skipped: ../shared/data/corpus or ../shared/data/claims/deep-review.jsonl not found');
  process.exit(0);
}
const errorsArg = process.argv.indexOf('--errors');
const showErrors = errorsArg > 0 ? Number(process.argv[errorsArg + 1] ?? 10) : 0;

const code = await loadCode();
const modelPath = path.join(root, 'server/src/model/claims/weights.json');
const file = JSON.parse(readFileSync(modelPath, 'utf8'));
const SENS = ['precise', 'balanced', 'thorough'];

// ---- Load and inference time (the bundled model, the server's path).
{
  // Wall time and this process's CPU time: on a shared machine the first includes waiting for a core.
  const loads = [];
  const cpu = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    code.ClaimModel.load(JSON.parse(readFileSync(modelPath, 'utf8')));
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
    loads.push(performance.now() - t);
  }
  console.log(`Model: ${Object.keys(file.weights).length} weights, ${(readFileSync(modelPath).length / 1024).toFixed(0)} KiB; load (read + parse + index) median ${median(loads).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU, of 7 (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
}

const t0 = performance.now();
const prepared = prepare(code);
console.log(`Featurised ${prepared.manuscripts.length} manuscripts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

{
  const model = code.ClaimModel.load(file);
  const all = prepared.manuscripts.flatMap((m) => paragraphs(m.rows).map((p) => ({ m, p })));
  const n = all.reduce((k, x) => k + x.p.length, 0);
  const cueFns = new Map(prepared.manuscripts.map((m) => [m.name, code.cueFunction(m.authors)]));
  // The bibliography match unmemoised, as a sentence the host has not seen costs; the manuscript's scale as the host has it.
  const bibs = new Map(prepared.manuscripts.map((m) => {
    const b = manuscriptBibliography(code, m);
    return [m.name, b && { ...b, match: (text) => m.matcher.match(text) }];
  }));
  /** Wall and CPU milliseconds of `each(m, p)` over every paragraph, three times. */
  const timeRuns = (each) => {
    const wall = [];
    const cpu = [];
    for (let rep = 0; rep < 3; rep++) {
      const t = performance.now();
      const c = process.cpuUsage();
      for (const { m, p } of all) each(m, p);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
      wall.push(performance.now() - t);
    }
    return { wall, cpu };
  };
  const sentencesOf = (p) => p.map((r) => ({ text: r.text, cited: false }));
  const judging = (bibOf) => (m, p) => code.judgeParagraph(model, sentencesOf(p), headingsOf(p[0]), cueFns.get(m.name), m.authors, containerOf(p[0]), bibOf(m));
  // One untimed pass first, as a server that has judged a paragraph before: the first pass compiles the
  // code and the regular expressions, and was measured as part of the whole judgement alone.
  for (const { m, p } of all) judging((m) => bibs.get(m.name))(m, p);
  const { wall: times, cpu: cpus } = timeRuns(judging((m) => bibs.get(m.name)));
  // The same without the bibliography match (every manuscript 'bib:none'): what the match adds, same run.
  const { wall: ntimes, cpu: ncpus } = timeRuns(judging(() => undefined));
  // Judging without the explanation: rule cues, features and the score (what every sentence costs; the
  // words of the explanation are built only for sentences a diagnostic may quote).
  const { wall: ftimes, cpu: fcpus } = timeRuns((m, p) => {
    for (const f of code.paragraphFeatures(sentencesOf(p), headingsOf(p[0]), cueFns.get(m.name), m.authors, containerOf(p[0]), bibs.get(m.name))) model.scoreSentence(f);
  });
  // The model's sum alone, as the server adds it (scoreSentence: from the tokens and the other keys).
  const feats = all.flatMap(({ m, p }) => code.paragraphFeatures(p.map((r) => ({ text: r.text, cited: false })), headingsOf(p[0]), cueFns.get(m.name), m.authors, containerOf(p[0]), bibs.get(m.name)));
  const st = performance.now();
  const sc = process.cpuUsage();
  for (let rep = 0; rep < 5; rep++) for (const f of feats) model.scoreSentence(f);
  const sd = process.cpuUsage(sc);
  const scoreMs = (performance.now() - st) / (5 * feats.length);
  const scoreCpu = (sd.user + sd.system) / 1000 / (5 * feats.length);
  console.log(`Inference, a sentence: ${(median(times) / n).toFixed(4)} ms wall / ${(median(cpus) / n).toFixed(4)} ms CPU with features, rule cues and explanation (no memo); ` +
    `${(median(ftimes) / n).toFixed(4)} ms wall / ${(median(fcpus) / n).toFixed(4)} ms CPU with features and rule cues, without the explanation; ` +
    `${scoreMs.toFixed(4)} ms wall / ${scoreCpu.toFixed(4)} ms CPU the model's sum alone (${n} sentences); ` +
    `${(median(ntimes) / n).toFixed(4)} ms wall / ${(median(ncpus) / n).toFixed(4)} ms CPU the whole judgement without the bibliography match (bib:none)`);
}
if (process.argv.includes('--timing')) process.exit(0);

// ---- Out-of-fold judgements through judgeParagraph.
const cueMemo = new Map();
const t1 = performance.now();
const oof = outOfFold(prepared, file.trained.hyper, (fold, m, framing) => {
  const model = code.ClaimModel.load({ ...file, bias: fold.model.bias, weights: weightsObject(prepared, fold) });
  const out = [];
  for (const p of paragraphs(m.rows)) {
    const sentences = p.map((r) => ({ text: r.text, cited: framing === 'draft' && keepsCitation(r) }));
    // The paragraph's container too, as the server passes it (list items, quotes, notes).
    const js = code.judgeParagraph(model, sentences, headingsOf(p[0]), memoisedCues(code, m, cueMemo), m.authors, containerOf(p[0]), manuscriptBibliography(code, m));
    p.forEach((r, i) => {
      if (sentences[i].cited) return; // kept citations are not scored
      out.push({ row: r, label: r.cited ? 1 : 0, score: js[i].score, claimAt: js[i].claimAt, covered: js[i].coveredByPrevious, evidence: js[i].evidence });
    });
  }
  return out;
});
console.log(`Leave-one-repository-out (${new Set(prepared.manuscripts.map((m) => m.repo)).size} folds) in ${((performance.now() - t1) / 1000).toFixed(0)} s\n`);

// ---- Today's rules: the cascade, the nearest heading as section title, as the server did.
function rulesVerdicts(m, framing) {
  const out = [];
  for (const p of paragraphs(m.rows)) {
    let named = [];
    for (const r of p) {
      const v = code.classifyClaim({ text: r.text, sectionTitle: headingsOf(r).at(-1) ?? '', previousNamed: named, knownAuthors: m.authors });
      named = v.named ?? [];
      if (framing === 'draft' && keepsCitation(r)) continue;
      out.push({ label: r.cited ? 1 : 0, claim: v.claim });
    }
  }
  return out;
}

const groups = [
  ['pooled (corpus)', (m) => m.name !== 'deep-review'],
  ['social sciences', (m) => m.group === 'social'],
  ['sciences', (m) => m.group === 'science' && m.name !== 'deep-review'],
  ['deep-review (development)', (m) => m.name === 'deep-review'],
];

for (const framing of ['removed', 'draft']) {
  console.log(framing === 'removed'
    ? '== Every citation removed (CiteWorth framing)'
    : '== As a draft looks: a fixed half of cited sentences keep their citations and are not scored');
  console.log('| set | sentences | cited | sensitivity | precision | recall | F1 | AP | P@R.5 | P@R.75 | P@R.9 | rules P/R/F1 | all claims F1 |');
  console.log('|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const [name, pick] of groups) {
    const ms = prepared.manuscripts.filter(pick);
    const rows = ms.flatMap((m) => oof.get(m.name)[framing]);
    const pairs = rows.map((x) => [x.score, x.label]);
    const cited = rows.reduce((k, x) => k + x.label, 0);
    const ap = averagePrecision(pairs);
    const par = [0.5, 0.75, 0.9].map((r) => pct(precisionAtRecall(pairs, r).precision));
    const rules = ms.flatMap((m) => rulesVerdicts(m, framing));
    const rr = prf(rules.map((x) => [x.claim ? 1 : 0, x.label]), 1);
    const allF1 = (2 * cited) / (rows.length + cited);
    SENS.forEach((s, i) => {
      // What the diagnostic does: a claim at this sensitivity, unless a cited previous sentence covers it.
      const r = prf(rows.map((x) => [x.claimAt[s] && !x.covered ? 1 : 0, x.label]), 1);
      const first = i === 0;
      console.log(
        `| ${first ? name : ''} | ${first ? rows.length : ''} | ${first ? cited : ''} | ${s} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.f1)} | ` +
          (first ? `${pct(ap)} | ${par.join(' | ')} | ${pct(rr.precision)}/${pct(rr.recall)}/${pct(rr.f1)} | ${pct(allF1)} |` : '| | | | | |'),
      );
    });
  }
  // By field (manifest.tsv), default sensitivity.
  const fields = [...new Set(prepared.manuscripts.filter((m) => m.name !== 'deep-review').map((m) => m.field))];
  const lines = fields.map((f) => {
    const rows = prepared.manuscripts.filter((m) => m.field === f).flatMap((m) => oof.get(m.name)[framing]);
    const cited = rows.reduce((k, x) => k + x.label, 0);
    const r = prf(rows.map((x) => [x.claimAt.precise && !x.covered ? 1 : 0, x.label]), 1);
    const allF1 = (2 * cited) / (rows.length + cited);
    return `${f}: F1 ${pct(r.f1)} vs all-claims ${pct(allF1)}${r.f1 > allF1 ? '' : ' (BELOW)'}`;
  });
  console.log('\nBy field (precise): ' + lines.join('; ') + '\n');
}

if (showErrors) {
  const rows = prepared.manuscripts.filter((m) => m.name !== 'deep-review').flatMap((m) => oof.get(m.name).removed);
  const fp = rows.filter((x) => x.claimAt.precise && !x.label).sort((a, b) => b.score - a.score);
  const fn = rows.filter((x) => !x.claimAt.precise && x.label).sort((a, b) => a.score - b.score);
  console.log('FALSE ALARMS (highest scores):');
  for (const x of fp.slice(0, showErrors)) console.log(`  ${x.score.toFixed(2)} [${x.evidence.join('; ')}] ${x.row.text.slice(0, 180)}`);
  console.log('MISSES (lowest scores):');
  for (const x of fn.slice(0, showErrors)) console.log(`  ${x.score.toFixed(2)} [${x.evidence.join('; ')}] ${x.row.text.slice(0, 180)}`);
}
console.log('Data: ../shared/data/corpus (36 repositories, see its README) and greenelab/deep-review (Ching et al.), CC BY 4.0.');
