// Experiment (issue #14, upper bound): leave-one-repository-out logistic regression on Universal Sentence
// Encoder embeddings (scripts/claims/encode.mjs writes them), alone and together with the sparse features.
// Says whether the gap to the targets is the model's (a semantic encoder would close it) or the data's.
// Usage: node scripts/claims/experiment-encoder.mjs [vectors.f32] ['[{"sparse":true,"dense":1,"exclude":"^bibraw"}]'] [--context] [--bib]
import { readFileSync } from 'node:fs';
import { importModules } from '../../bench/bundle.mjs';
import { addBibliographyFeatures } from './bibliography-features.mjs';
import { loadCode, loadManuscripts, paragraphs } from './data.mjs';
import { averagePrecision, bestF1, pct, precisionAtRecall, rng } from './learn.mjs';
import { prepare, FRAMINGS } from './loro.mjs';

const E = 512;
const context = process.argv.includes('--context');
// With --context: the sentence's vector and the mean of its paragraph neighbours' (CiteWorth's context).
const D = context ? 2 * E : E;
const code = { ...(await loadCode()), ...(await importModules('server/src/analysis/reference-index.ts')) };
const raw = readFileSync(process.argv[2] ?? '/tmp/claims-use.f32');
const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const offset = new Map();
let k = 0;
const neighbours = new Map();
for (const m of loadManuscripts(code)) {
  for (const r of m.rows) offset.set(r.id, (k++) * E);
  for (const p of paragraphs(m.rows)) p.forEach((r, i) => neighbours.set(r.id, [p[i - 1]?.id, p[i + 1]?.id].filter(Boolean)));
}
if (k * E !== all.length) throw new Error(`vectors for ${all.length / E} sentences, ${k} expected`);
const prepared = prepare(code);
// With --bib: the bibliography features of experiment-bib.mjs too (a variant's `exclude` drops some).
if (process.argv.includes('--bib')) addBibliographyFeatures(code, prepared);
const own = (id) => all.subarray(offset.get(id), offset.get(id) + E);
const vectors = new Map();
const vec = (e) => {
  let v = vectors.get(e.row.id);
  if (v) return v;
  if (!context) v = own(e.row.id);
  else {
    v = new Float32Array(D);
    v.set(own(e.row.id));
    const ns = neighbours.get(e.row.id);
    for (const id of ns) { const u = own(id); for (let d = 0; d < E; d++) v[E + d] += u[d] / ns.length; }
  }
  vectors.set(e.row.id, v);
  return v;
};
/** Adagrad logistic regression on sparse ids (allowed) and a dense vector; L2 on both. */
function train(examples, size, allowed, { sparse, dense, l2 = 64, epochs = 3, rate = 0.1, seed = 20261201 }) {
  const w = new Float64Array(size), g2 = new Float64Array(size).fill(1e-8);
  const u = new Float64Array(D), h2 = new Float64Array(D).fill(1e-8);
  let bias = 0, gb = 1e-8;
  const count = new Float64Array(size);
  for (const e of examples) for (const f of e.ids) count[f] += e.weight;
  const n = examples.length;
  const order = examples.map((_, i) => i);
  const random = rng(seed);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    for (const idx of order) {
      const e = examples[idx];
      let z = bias;
      if (sparse) for (const f of e.ids) if (allowed[f]) z += w[f];
      if (dense) for (let d = 0; d < D; d++) z += u[d] * e.v[d];
      const g = (1 / (1 + Math.exp(-z)) - e.label) * e.weight;
      gb += g * g; bias -= (rate / Math.sqrt(gb)) * g;
      if (sparse) for (const f of e.ids) {
        if (!allowed[f]) continue;
        const gf = g + (l2 * w[f]) / count[f];
        g2[f] += gf * gf; w[f] -= (rate / Math.sqrt(g2[f])) * gf;
      }
      if (dense) for (let d = 0; d < D; d++) {
        const gd = g * e.v[d] + (dense * u[d]) / n;
        h2[d] += gd * gd; u[d] -= (rate / Math.sqrt(h2[d])) * gd;
      }
    }
  }
  return (e) => {
    let z = bias;
    if (sparse) for (const f of e.ids) if (allowed[f]) z += w[f];
    if (dense) for (let d = 0; d < D; d++) z += u[d] * e.v[d];
    return z;
  };
}

const corpus = prepared.manuscripts.filter((m) => m.name !== 'deep-review');
const repos = [...new Set(prepared.manuscripts.map((m) => m.repo))];
const variants = JSON.parse(process.argv[3] ?? '[{"sparse":true,"dense":0},{"sparse":false,"dense":1},{"sparse":true,"dense":1}]');
for (const v of variants) {
  const t = Date.now();
  const scored = new Map();
  for (const repo of repos) {
    const trainMs = prepared.manuscripts.filter((m) => m.repo !== repo);
    const sizes = trainMs.map((m) => prepared.byManuscript.get(m.name).removed.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    const examples = trainMs.flatMap((m, i) => FRAMINGS.flatMap((f) => prepared.byManuscript.get(m.name)[f].map((e) => ({ ids: e.ids, label: e.label, weight: (mean / sizes[i]) ** 0.5, v: vec(e) }))));
    const allowed = prepared.index.allowed(4, repo, v.exclude ? new RegExp(v.exclude) : undefined);
    const score = train(examples, prepared.index.keys.length, allowed, v);
    for (const m of prepared.manuscripts.filter((x) => x.repo === repo))
      scored.set(m.name, prepared.byManuscript.get(m.name).removed.map((e) => [score({ ids: e.ids, v: vec(e) }), e.label]));
  }
  const pairs = corpus.flatMap((m) => scored.get(m.name));
  const by = (g) => corpus.filter((m) => m.group === g).flatMap((m) => scored.get(m.name));
  console.log(`${JSON.stringify(v)}: AP ${pct(averagePrecision(pairs))} F1 ${pct(bestF1(pairs).f1)} P@R.75 ${pct(precisionAtRecall(pairs, 0.75).precision)} | social AP ${pct(averagePrecision(by('social')))} F1 ${pct(bestF1(by('social')).f1)} | sciences AP ${pct(averagePrecision(by('science')))} F1 ${pct(bestF1(by('science')).f1)} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
