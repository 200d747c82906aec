// Experiment (issue #14): the server's bibliography features (model/claims/bibliography-features.ts, as
// train:claims featurises them), leave-one-repository-out with the committed hyper-parameters, each
// variant leaving out the feature keys its regular expression matches ("" keeps them all).
//   node scripts/claims/experiment-bib-server.mjs '["^bib", ""]'
import { loadCode } from './data.mjs';
import { averagePrecision, bestF1, pct, precisionAtRecall } from './learn.mjs';
import { outOfFold, prepare } from './loro.mjs';

const code = await loadCode();
const prepared = prepare(code);
const corpus = prepared.manuscripts.filter((m) => m.name !== 'deep-review');
const base = { l2: 64, minRepos: 4, balance: 0.5, epochs: 3, rate: 0.1, seed: 20261201 };
for (const exclude of JSON.parse(process.argv[2] ?? '["^bib", ""]')) {
  const oof = outOfFold(prepared, { ...base, ...(exclude ? { exclude } : {}) });
  const pairs = (ms, framing = 'removed') => ms.flatMap((m) => oof.get(m.name)[framing].filter((x) => x.e.scored).map((x) => [x.z, x.e.label]));
  const all = pairs(corpus);
  const draft = pairs(corpus, 'draft');
  console.log(`leave out ${JSON.stringify(exclude)}: AP ${pct(averagePrecision(all))} F1 ${pct(bestF1(all).f1)} P@R.75 ${pct(precisionAtRecall(all, 0.75).precision)} | draft AP ${pct(averagePrecision(draft))}` +
    ['social', 'science'].map((g) => { const p = pairs(corpus.filter((m) => m.group === g)); return ` | ${g} AP ${pct(averagePrecision(p))} F1 ${pct(bestF1(p).f1)}`; }).join(''));
}
