// `npm run train:claims`: trains the citation-worthiness model (server/src/model/claims/weights.json)
// and writes its training report beside it (training-report.md).
//   1. featurises every labelled manuscript (../shared/data/corpus, deep-review) in both framings;
//   2. chooses hyper-parameters by leave-one-repository-out average precision on the corpus
//      (all citations removed), deep-review being trained on but not scored;
//   3. fits Platt calibration and the three sensitivity thresholds on the out-of-fold scores
//      (precise: the best F1; balanced: recall 0.75; thorough: recall 0.9);
//   4. trains the final model on every manuscript.
// Deterministic: a fixed seed orders the examples. Run it with `nice`: minutes on 2 cores.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { root } from '../bench/bundle.mjs';
import { dataAvailable, loadCode } from './claims/data.mjs';
import { averagePrecision, bestF1, fitPlatt, pct, precisionAtRecall, prf, thresholdForPrecision, thresholdForRecall } from './claims/learn.mjs';
import { fit, outOfFold, prepare, weightsObject } from './claims/loro.mjs';

const SEED = 20261201;
const BALANCED_RECALL = 0.75;
const THOROUGH_RECALL = 0.9;
const quick = process.argv.includes('--quick');
if (!dataAvailable()) {
  console.error('train:claims needs ../shared/data/corpus and ../shared/data/claims/deep-review.jsonl');
  process.exit(1);
}
const outDir = path.join(root, 'server/src/model/claims');
const t0 = Date.now();
const code = await loadCode();
const prepared = prepare(code);
const corpus = prepared.manuscripts.filter((m) => m.name !== 'deep-review');
console.log(`featurised ${prepared.manuscripts.length} manuscripts, ${prepared.index.keys.length} distinct features, ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const pooled = (oof, names, framing, transform = (z) => z) =>
  names.flatMap((n) => oof.get(n)[framing].filter((x) => x.e.scored).map((x) => [transform(x.z), x.e.label]));

// ---- 2. hyper-parameters by leave-one-repository-out
const grid = [];
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1].split(',').map(Number) : fallback;
};
for (const l2 of arg('--l2', quick ? [64] : [32, 64, 128]))
  for (const minRepos of arg('--min-repos', [4]))
    for (const balance of arg('--balance', quick ? [0] : [0, 0.5]))
      for (const epochs of arg('--epochs', [3])) grid.push({ l2, minRepos, balance, epochs, rate: 0.1, seed: SEED });
const results = [];
for (const hyper of grid) {
  const t = Date.now();
  const oof = outOfFold(prepared, hyper);
  const pairs = pooled(oof, corpus.map((m) => m.name), 'removed');
  const ap = averagePrecision(pairs);
  const f1 = bestF1(pairs).f1;
  results.push({ hyper, ap, f1, oof });
  console.log(`l2 ${hyper.l2} minRepos ${hyper.minRepos} balance ${hyper.balance} epochs ${hyper.epochs}: LORO AP ${pct(ap)}  best F1 ${pct(f1)}  (${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
results.sort((a, b) => b.ap - a.ap);
const best = results[0];

// ---- 3. calibration and thresholds on out-of-fold scores (corpus and deep-review, all citations removed)
const names = prepared.manuscripts.map((m) => m.name);
const calibration = fitPlatt(pooled(best.oof, names, 'removed'));
const sigmoid = (z) => 1 / (1 + Math.exp(-(calibration.a * z + calibration.b)));
const calibrated = pooled(best.oof, corpus.map((m) => m.name), 'removed', sigmoid);
const round = (x) => Math.round(x * 1e4) / 1e4;
// precise: the best F1; balanced: recall 0.75; thorough: recall 0.9 (a reviewer's pass).
const precise = round(bestF1(calibrated).threshold);
const balanced = round(Math.min(precise, thresholdForRecall(calibrated, BALANCED_RECALL)));
const thorough = round(Math.min(balanced, thresholdForRecall(calibrated, THOROUGH_RECALL)));
const thresholds = { precise, balanced, thorough };

// ---- 4. the final model on everything
const final = fit(prepared, names, best.hyper);
const weights = weightsObject(prepared, final);
const file = {
  format: 'marginalia-claims/1',
  bias: round(final.model.bias),
  calibration: { a: round(calibration.a), b: round(calibration.b) },
  thresholds,
  trained: {
    hyper: best.hyper,
    manuscripts: prepared.manuscripts.length,
    sentences: prepared.manuscripts.reduce((n, m) => n + m.rows.length, 0),
    features: Object.keys(weights).length,
  },
  weights,
};
if (process.argv.includes('--dry')) process.exit(0);
writeFileSync(path.join(outDir, 'weights.json'), JSON.stringify(file) + '\n');

// ---- report
const lines = [];
const say = (s = '') => lines.push(s);
say('# Claims model: training report');
say();
say('Written by `npm run train:claims` (scripts/train-claims.mjs); do not edit by hand. Figures are');
say('leave-one-repository-out (LORO) over the corpus, every citation removed, before the final fit on all.');
say();
say(`- data: ${file.trained.manuscripts} manuscripts (${corpus.length} corpus + deep-review), ${file.trained.sentences} sentences, both framings`);
say(`- model: logistic regression, ${file.trained.features} non-zero weights; seed ${SEED}`);
say(`- chosen: l2 ${best.hyper.l2}, word features in >= ${best.hyper.minRepos} other repositories, manuscript balance ${best.hyper.balance}, ${best.hyper.epochs} epochs`);
say(`- calibration (Platt, out-of-fold): a ${file.calibration.a}, b ${file.calibration.b}`);
say(`- thresholds: precise ${precise} (best LORO F1), balanced ${balanced} (LORO recall ${BALANCED_RECALL}), thorough ${thorough} (LORO recall ${THOROUGH_RECALL})`);
say();
say('| l2 | min repos | manuscript balance | epochs | LORO AP | best F1 |');
say('|---:|---:|---:|---:|---:|---:|');
for (const r of [...results].sort((a, b) => a.hyper.l2 - b.hyper.l2 || a.hyper.balance - b.hyper.balance))
  say(`| ${r.hyper.l2} | ${r.hyper.minRepos} | ${r.hyper.balance} | ${r.hyper.epochs} | ${pct(r.ap)}% | ${pct(r.f1)}% |`);
say();
say('| sensitivity | threshold | precision | recall | F1 |');
say('|---|---:|---:|---:|---:|');
for (const [s, t] of Object.entries(thresholds)) {
  const r = prf(calibrated, t);
  say(`| ${s} | ${t} | ${pct(r.precision)}% | ${pct(r.recall)}% | ${pct(r.f1)}% |`);
}
say();
say(`Average precision ${pct(averagePrecision(calibrated))}%; precision at recall 0.5 / 0.75 / 0.9: ` +
  [0.5, 0.75, 0.9].map((r) => pct(precisionAtRecall(calibrated, r).precision) + '%').join(' / '));
{
  // The operating point a precision-first default would use, for whoever weighs the trade-off.
  const t = thresholdForPrecision(calibrated, 0.5);
  const r = prf(calibrated, t);
  say(`A warning right half the time (precision 0.5) needs threshold ${round(t)}: recall ${pct(r.recall)}%, F1 ${pct(r.f1)}%.`);
}
say();
say('Thresholds are chosen on the same out-of-fold scores they are reported on (one number each);');
say('`npm run bench:claims` gives the full figures by field and framing.');
say();
const top = Object.entries(weights).sort((a, b) => b[1] - a[1]);
say('Strongest evidence for a claim: ' + top.slice(0, 25).map(([k, w]) => `\`${k}\` ${w}`).join(', '));
say();
say('Strongest evidence against: ' + top.slice(-25).reverse().map(([k, w]) => `\`${k}\` ${w}`).join(', '));
say();
say('Data: ../shared/data/corpus (36 repositories, licences in its README) and greenelab/deep-review (CC BY 4.0).');
writeFileSync(path.join(outDir, 'training-report.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
console.log(`\ntrained in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
