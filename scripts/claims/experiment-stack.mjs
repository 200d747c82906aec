// Experiment (issue #14, nonlinear context): a second stage over the sparse model's out-of-fold scores,
// paragraph-local (what the server's per-paragraph judgement could use): the sentence's score, its
// neighbours', the paragraph's others' max and mean, position and section kind; a logistic regression
// and a small MLP (one hidden layer, tanh), each leave-one-repository-out over those scores. The first
// stage's scores of the training repositories come from models that saw the held-out one (1/36 of their
// data): stacking's usual approximation. Usage: node scripts/claims/experiment-stack.mjs ['{"hidden":[0,8],"rate":0.005}']
import { headingsOf, loadCode } from './data.mjs';
import { averagePrecision, bestF1, pct, precisionAtRecall, rng } from './learn.mjs';
import { FRAMINGS, outOfFold, prepare } from './loro.mjs';

const code = await loadCode();
const prepared = prepare(code);
const hyper = { l2: 64, minRepos: 4, balance: 0.5, epochs: 3, rate: 0.1, seed: 20261201 };
const oof = outOfFold(prepared, hyper);
const KINDS = ['background', 'method', 'results', 'discussion', 'conclusion', 'front', 'other'];

/** Dense second-stage features of one manuscript's examples in one framing. */
function stage2(name, framing) {
  const xs = oof.get(name)[framing];
  const out = [];
  let start = 0;
  while (start < xs.length) {
    // Examples of a paragraph are consecutive and share their `sentences` array.
    let end = start;
    while (end < xs.length && xs[end].e.sentences === xs[start].e.sentences) end++;
    const zs = xs.slice(start, end).map((x) => x.z);
    const kind = code.inheritedSectionKind(headingsOf(xs[start].e.row)).kind;
    for (let i = start; i < end; i++) {
      const k = i - start;
      const others = zs.filter((_, j) => j !== k);
      const f = [
        zs[k],
        k > 0 ? zs[k - 1] : 0, k > 0 ? 1 : 0,
        k < zs.length - 1 ? zs[k + 1] : 0, k < zs.length - 1 ? 1 : 0,
        others.length ? Math.max(...others) : 0, others.length ? others.reduce((a, b) => a + b, 0) / others.length : 0, others.length ? 1 : 0,
        xs[i].e.sentences[k - 1]?.cited ? 1 : 0, xs[i].e.sentences.some((s, j) => j !== k && s.cited) ? 1 : 0,
        k === 0 ? 1 : 0, k === zs.length - 1 ? 1 : 0,
        ...KINDS.flatMap((kd) => (kd === kind ? [1, zs[k]] : [0, 0])),
      ];
      out.push({ f, label: xs[i].e.label, scored: xs[i].e.scored });
    }
    start = end;
  }
  return out;
}
const data = new Map(prepared.manuscripts.map((m) => [m.name, Object.fromEntries(FRAMINGS.map((fr) => [fr, stage2(m.name, fr)]))]));
const F = data.values().next().value.removed[0].f.length;

/** hidden 0: logistic regression; else an MLP with that many tanh units. SGD, seeded, L2 `l2` per step. */
function train(examples, hidden, { epochs = 5, rate: rate0 = 0.02, l2 = 1e-4, seed = 20261201 } = {}) {
  const random = rng(seed);
  const H = Math.max(hidden, 1);
  const W = Float64Array.from({ length: H * F }, () => (hidden ? (random() - 0.5) * 0.2 : 0));
  const b = new Float64Array(H);
  const v = Float64Array.from({ length: H }, () => (hidden ? (random() - 0.5) * 0.2 : 1));
  let c = 0;
  const h = new Float64Array(H);
  const forward = (f) => {
    if (!hidden) { let z = c; for (let j = 0; j < F; j++) z += W[j] * f[j]; return z; }
    let z = c;
    for (let u = 0; u < H; u++) {
      let a = b[u];
      for (let j = 0; j < F; j++) a += W[u * F + j] * f[j];
      h[u] = Math.tanh(a);
      z += v[u] * h[u];
    }
    return z;
  };
  const order = examples.map((_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    const rate = rate0 / (1 + ep);
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    for (const k of order) {
      const { f, label } = examples[k];
      const g = 1 / (1 + Math.exp(-forward(f))) - label;
      c -= rate * g;
      if (!hidden) { for (let j = 0; j < F; j++) W[j] -= rate * (g * f[j] + l2 * W[j]); continue; }
      for (let u = 0; u < H; u++) {
        const gh = g * v[u] * (1 - h[u] * h[u]);
        v[u] -= rate * (g * h[u] + l2 * v[u]);
        b[u] -= rate * gh;
        for (let j = 0; j < F; j++) W[u * F + j] -= rate * (gh * f[j] + l2 * W[u * F + j]);
      }
    }
  }
  return forward;
}

const corpus = prepared.manuscripts.filter((m) => m.name !== 'deep-review');
const repos = [...new Set(prepared.manuscripts.map((m) => m.repo))];
const report = (label, scored) => {
  const all = corpus.flatMap((m) => scored.get(m.name).removed);
  const draft = corpus.flatMap((m) => scored.get(m.name).draft);
  const by = (g) => corpus.filter((m) => m.group === g).flatMap((m) => scored.get(m.name).removed);
  console.log(`${label}: AP ${pct(averagePrecision(all))} F1 ${pct(bestF1(all).f1)} P@R.75 ${pct(precisionAtRecall(all, 0.75).precision)} | draft AP ${pct(averagePrecision(draft))} F1 ${pct(bestF1(draft).f1)}` +
    ` | social AP ${pct(averagePrecision(by('social')))} F1 ${pct(bestF1(by('social')).f1)} | science AP ${pct(averagePrecision(by('science')))} F1 ${pct(bestF1(by('science')).f1)}`);
};
report('first stage (sparse LR)', new Map(prepared.manuscripts.map((m) => [m.name, Object.fromEntries(FRAMINGS.map((fr) => [fr, oof.get(m.name)[fr].filter((x) => x.e.scored).map((x) => [x.z, x.e.label])]))])));
const opts = JSON.parse(process.argv[2] ?? '{}');
for (const hidden of opts.hidden ?? [0, 8, 16]) {
  const scored = new Map();
  for (const repo of repos) {
    const examples = prepared.manuscripts.filter((m) => m.repo !== repo).flatMap((m) => FRAMINGS.flatMap((fr) => data.get(m.name)[fr]));
    const model = train(examples, hidden, opts);
    for (const m of prepared.manuscripts.filter((x) => x.repo === repo))
      scored.set(m.name, Object.fromEntries(FRAMINGS.map((fr) => [fr, data.get(m.name)[fr].filter((x) => x.scored).map((x) => [model(x.f), x.label])])));
  }
  report(hidden ? `second stage, MLP ${hidden} hidden` : 'second stage, logistic regression', scored);
}
