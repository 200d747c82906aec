// Experiment (issue #14): does the manuscript's own bibliography help the claims model
// leave-one-repository-out? Adds candidate bibliography features to every sentence (both framings),
// then compares variants, each a regular expression of feature keys to leave out ("" keeps them all).
//   default: BM25 over the entries' titles, abstracts, keywords and containers (analysis/reference-index.ts,
//     what suggested references rank with); the best match relative to the manuscript's median sentence,
//     or absolute (bibraw), or relative to the bibliography's own median title match (bibn), its margin over the second, title words shared, a reference's year, title
//     words rare in the manuscript, the share of words found in titles. Needs the whole manuscript.
//   --local: what the server could afford per sentence, paragraph-local (title-match.mjs).
// Hyper-parameters are the committed model's (fixed before looking). Usage:
//   node scripts/claims/experiment-bib.mjs '["^bib", "^bib(raw|per)", ""]' [--local]
import { importModules } from '../../bench/bundle.mjs';
import { loadCode } from './data.mjs';
import { addBibliographyFeatures } from './bibliography-features.mjs';
import { averagePrecision, bestF1, pct, precisionAtRecall } from './learn.mjs';
import { outOfFold, prepare } from './loro.mjs';

const local = process.argv.includes('--local');
const code = { ...(await loadCode()), ...(await importModules('server/src/analysis/reference-index.ts')) };
const prepared = prepare(code);

const withBib = addBibliographyFeatures(code, prepared, local);
console.log(`${local ? 'paragraph-local title match' : 'BM25'}: ${withBib} of ${prepared.manuscripts.length} manuscripts have a bibliography with titles`);
const corpus = prepared.manuscripts.filter((m) => m.name !== 'deep-review');
const hasBib = (m) => !prepared.byManuscript.get(m.name).removed[0].ids.includes(prepared.index.ids.get('bib:none'));
const base = { l2: 64, minRepos: 4, balance: 0.5, epochs: 3, rate: 0.1, seed: 20261201 };
for (const exclude of JSON.parse(process.argv[2] ?? '["^bib", ""]')) {
  const oof = outOfFold(prepared, { ...base, ...(exclude ? { exclude } : {}) });
  const pairs = (ms) => ms.flatMap((m) => oof.get(m.name).removed.map((x) => [x.z, x.e.label]));
  const all = pairs(corpus);
  const withB = pairs(corpus.filter(hasBib));
  const draft = corpus.flatMap((m) => oof.get(m.name).draft.filter((x) => x.e.scored).map((x) => [x.z, x.e.label]));
  console.log(`leave out ${JSON.stringify(exclude)}: AP ${pct(averagePrecision(all))} F1 ${pct(bestF1(all).f1)} P@R.75 ${pct(precisionAtRecall(all, 0.75).precision)}` +
    ` | manuscripts with a bibliography: AP ${pct(averagePrecision(withB))} F1 ${pct(bestF1(withB).f1)} | draft AP ${pct(averagePrecision(draft))} F1 ${pct(bestF1(draft).f1)}` +
    ['social', 'science'].map((g) => { const p = pairs(corpus.filter((m) => m.group === g)); return ` | ${g} AP ${pct(averagePrecision(p))} F1 ${pct(bestF1(p).f1)}`; }).join(''));
}
