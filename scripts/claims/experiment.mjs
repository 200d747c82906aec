// Development aid: compares model variants by leave-one-repository-out on the corpus in one process
// (features computed once). Usage: node scripts/claims/experiment.mjs
import { loadCode } from './data.mjs';
import { averagePrecision, bestF1, pct, precisionAtRecall } from './learn.mjs';
import { outOfFold, prepare } from './loro.mjs';

const code = await loadCode();
const prepared = prepare(code);
const corpus = prepared.manuscripts.filter((m) => m.name !== 'deep-review').map((m) => m.name);
const base = { l2: 8, minRepos: 4, epochs: 3, rate: 0.1, seed: 1 };
const variants = JSON.parse(process.argv[2] ?? '[{}]');
for (const v of variants) {
  const hyper = { ...base, ...v };
  const t = Date.now();
  const oof = outOfFold(prepared, hyper);
  const pairs = corpus.flatMap((n) => oof.get(n).removed.map((x) => [x.z, x.e.label]));
  const draft = corpus.flatMap((n) => oof.get(n).draft.filter((x) => x.e.scored).map((x) => [x.z, x.e.label]));
  console.log(`${JSON.stringify(v)}: AP ${pct(averagePrecision(pairs))} F1 ${pct(bestF1(pairs).f1)} P@R.75 ${pct(precisionAtRecall(pairs, 0.75).precision)} | draft AP ${pct(averagePrecision(draft))} F1 ${pct(bestF1(draft).f1)} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
// Post-hoc: each manuscript's raw scores shifted to the pooled mean (does a document-level offset help?).
if (process.argv.includes('--shift')) {
  const hyper = { ...base, ...variants[0] };
  const oof = outOfFold(prepared, hyper);
  const all = corpus.flatMap((n) => oof.get(n).removed.map((x) => x.z));
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  for (const k of [0, 0.5, 1]) {
    const pairs = corpus.flatMap((n) => {
      const xs = oof.get(n).removed;
      const m = xs.reduce((a, x) => a + x.z, 0) / xs.length;
      return xs.map((x) => [x.z - k * (m - mean), x.e.label]);
    });
    console.log(`shift ${k}: AP ${pct(averagePrecision(pairs))} F1 ${pct(bestF1(pairs).f1)} P@R.75 ${pct(precisionAtRecall(pairs, 0.75).precision)}`);
  }
}
