// Experiment (issue #14, a diagnostic, not a feature the server could have): how much would knowing each
// manuscript's true citation rate (5 bins) help the sparse model leave-one-repository-out?
// Usage: node scripts/claims/experiment-oracle.mjs
import { loadCode } from './data.mjs';
import { averagePrecision, bestF1, pct, precisionAtRecall } from './learn.mjs';
import { outOfFold, prepare } from './loro.mjs';
const code = await loadCode();
const prepared = prepare(code);
for (const m of prepared.manuscripts) {
  const rate = m.rows.filter((r) => r.cited).length / m.rows.length;
  const b = rate < 0.08 ? 0 : rate < 0.14 ? 1 : rate < 0.2 ? 2 : rate < 0.28 ? 3 : 4;
  const id = prepared.index.id('doc:rate' + b);
  prepared.index.repos[id].add(m.repo);
  for (const f of ['removed', 'draft']) for (const e of prepared.byManuscript.get(m.name)[f]) e.ids = Int32Array.from([...e.ids, id]);
}
const corpus = prepared.manuscripts.filter((m) => m.name !== 'deep-review');
for (const exclude of ['^doc:', '']) {
  const oof = outOfFold(prepared, { l2: 64, minRepos: 4, balance: 0.5, epochs: 3, rate: 0.1, seed: 20261201, ...(exclude ? { exclude } : {}) });
  const pairs = corpus.flatMap((m) => oof.get(m.name).removed.map((x) => [x.z, x.e.label]));
  console.log(`exclude ${exclude}: AP ${pct(averagePrecision(pairs))} F1 ${pct(bestF1(pairs).f1)} P@R.75 ${pct(precisionAtRecall(pairs, 0.75).precision)}`);
}
