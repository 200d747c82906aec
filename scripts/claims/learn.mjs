// L2-regularised logistic regression over sparse binary features, trained by Adagrad SGD in a seeded
// order (deterministic), and the metrics the training report and the bench print.

/** mulberry32: a small seeded PRNG, so that training is deterministic. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Maps feature keys to dense ids and remembers in how many repositories each key occurs. */
export class FeatureIndex {
  ids = new Map();
  keys = [];
  repos = [];
  id(key) {
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.ids.set(key, i);
      this.keys.push(key);
      this.repos.push(new Set());
    }
    return i;
  }
  encode(examples, repo) {
    return examples.map((e) => {
      const ids = Int32Array.from(new Set(e.keys.map((k) => this.id(k))));
      for (const i of ids) this.repos[i].add(repo);
      return ids;
    });
  }
  /** N-grams must occur in at least `minRepos` repositories other than `heldOut`; other kinds in one. */
  allowed(minRepos, heldOut, exclude) {
    const ok = new Uint8Array(this.keys.length);
    for (let i = 0; i < this.keys.length; i++) {
      if (exclude && exclude.test(this.keys[i])) continue;
      const n = this.repos[i].size - (heldOut !== undefined && this.repos[i].has(heldOut) ? 1 : 0);
      const ngram = /^(?:[pn]:)?[wb]:/.test(this.keys[i]);
      ok[i] = n >= (ngram ? minRepos : 1) ? 1 : 0;
    }
    return ok;
  }
}

/**
 * Trains on { ids: Int32Array, label, weight } examples; features with allowed[i] = 0 are ignored.
 * Returns { w: Float64Array, bias }.
 */
export function train(examples, size, allowed, { l2, epochs, rate, seed }) {
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let gBias = 1e-8;
  const order = examples.map((_, i) => i);
  const random = rng(seed);
  const n = examples.length;
  const count = new Float64Array(size);
  for (const e of examples) for (const f of e.ids) count[f] += e.weight ?? 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const e = examples[k];
      let z = bias;
      for (const f of e.ids) if (allowed[f]) z += w[f];
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - e.label) * (e.weight ?? 1);
      gBias += g * g;
      bias -= (rate / Math.sqrt(gBias)) * g;
      for (const f of e.ids) {
        if (!allowed[f]) continue;
        // The L2 penalty (l2/2 |w|^2 over the whole set) paid in shares at each visit of the feature.
        const gf = g + (l2 * w[f]) / count[f];
        g2[f] += gf * gf;
        w[f] -= (rate / Math.sqrt(g2[f])) * gf;
      }
    }
  }
  return { w, bias };
}

export function rawScore(model, ids, allowed) {
  let z = model.bias;
  for (const f of ids) if (allowed[f]) z += model.w[f];
  return z;
}

/** Platt scaling: a, b minimising log-loss of sigmoid(a z + b) on (z, label) pairs (Newton steps). */
export function fitPlatt(pairs) {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (const [z, y] of pairs) {
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const d = p - y;
      const h = p * (1 - p);
      ga += d * z;
      gb += d;
      haa += h * z * z;
      hab += h * z;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Precision, recall, F1 of `score >= threshold` over [score, label] pairs. */
export function prf(pairs, threshold) {
  let tp = 0, fp = 0, fn = 0;
  for (const [s, y] of pairs) {
    if (s >= threshold) y ? tp++ : fp++;
    else if (y) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp, fn };
}

/** Ranking curve: at each distinct score (descending), precision and recall. */
function curve(pairs) {
  const sorted = [...pairs].sort((x, y) => y[0] - x[0]);
  const positives = sorted.reduce((n, [, y]) => n + y, 0);
  const points = [];
  let tp = 0;
  for (let i = 0; i < sorted.length; i++) {
    tp += sorted[i][1];
    if (i + 1 < sorted.length && sorted[i + 1][0] === sorted[i][0]) continue;
    points.push({ threshold: sorted[i][0], precision: tp / (i + 1), recall: positives ? tp / positives : 0 });
  }
  return points;
}

export function averagePrecision(pairs) {
  let ap = 0;
  let prevRecall = 0;
  for (const p of curve(pairs)) {
    ap += (p.recall - prevRecall) * p.precision;
    prevRecall = p.recall;
  }
  return ap;
}

/** The best precision at a recall of at least r, and the threshold that gives it. */
export function precisionAtRecall(pairs, r) {
  let best = { precision: 0, threshold: 0 };
  for (const p of curve(pairs)) if (p.recall >= r && p.precision > best.precision) best = { precision: p.precision, threshold: p.threshold };
  return best;
}

/** The threshold with the highest recall whose precision is at least p (the highest score when none is). */
export function thresholdForPrecision(pairs, p) {
  let best;
  for (const point of curve(pairs)) if (point.precision >= p) best = point.threshold;
  return best ?? Math.max(...pairs.map(([s]) => s));
}

/** The highest threshold whose recall reaches r. */
export function thresholdForRecall(pairs, r) {
  for (const p of curve(pairs)) if (p.recall >= r) return p.threshold;
  return 0;
}

export function bestF1(pairs) {
  let best = { f1: 0, threshold: 0.5 };
  for (const p of curve(pairs)) {
    const f1 = p.precision + p.recall ? (2 * p.precision * p.recall) / (p.precision + p.recall) : 0;
    if (f1 > best.f1) best = { f1, threshold: p.threshold };
  }
  return best;
}

export const pct = (x) => (Number.isFinite(x) ? (100 * x).toFixed(1) : 'n/a');
