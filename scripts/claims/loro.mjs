// Leave-one-repository-out over the labelled manuscripts: no repository's sentences are ever in the
// training fold that scores them. Shared by scripts/train-claims.mjs and bench/claims.mjs.
import { FeatureIndex, rawScore, train } from './learn.mjs';
import { loadManuscripts, manuscriptExamples } from './data.mjs';

export const FRAMINGS = ['removed', 'draft'];

/** Loads and featurises everything once: { manuscripts, index, byManuscript: name -> { removed, draft } }. */
export function prepare(code) {
  const manuscripts = loadManuscripts(code);
  const index = new FeatureIndex();
  const cueMemo = new Map();
  const byManuscript = new Map();
  for (const m of manuscripts) {
    const entry = {};
    for (const framing of FRAMINGS) {
      const examples = manuscriptExamples(code, m, framing, cueMemo);
      const ids = index.encode(examples, m.repo);
      entry[framing] = examples.map((e, i) => ({ ...e, ids: ids[i] }));
    }
    byManuscript.set(m.name, entry);
  }
  return { manuscripts, index, byManuscript };
}

/** Training examples of the given manuscripts: both framings, each sentence once per framing. */
export function trainingSet(prepared, names, balance = 0) {
  const out = [];
  const sizes = names.map((n) => prepared.byManuscript.get(n).removed.length);
  const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  names.forEach((name, k) => {
    // balance 0: every sentence weighs the same; 1: every manuscript does; in between, a compromise.
    const weight = (mean / sizes[k]) ** balance;
    for (const framing of FRAMINGS) for (const e of prepared.byManuscript.get(name)[framing]) out.push({ ids: e.ids, label: e.label, weight });
  });
  return out;
}

export function fit(prepared, names, hyper, heldOutRepo) {
  const allowed = prepared.index.allowed(hyper.minRepos, heldOutRepo, hyper.exclude ? new RegExp(hyper.exclude) : undefined);
  const model = train(trainingSet(prepared, names, hyper.balance ?? 0), prepared.index.keys.length, allowed, hyper);
  return { model, allowed };
}

/**
 * Out-of-fold raw scores: for each held-out repository, a model trained on all the others scores its
 * manuscripts. `score(fold, manuscript, framing)` may replace the fast path (the bench uses the
 * server's). Returns name -> { removed: [{ e, z }], draft: [...] }.
 */
export function outOfFold(prepared, hyper, score) {
  const repos = [...new Set(prepared.manuscripts.map((m) => m.repo))];
  const out = new Map();
  for (const repo of repos) {
    const trainNames = prepared.manuscripts.filter((m) => m.repo !== repo).map((m) => m.name);
    const fold = fit(prepared, trainNames, hyper, repo);
    for (const m of prepared.manuscripts.filter((x) => x.repo === repo)) {
      const entry = {};
      for (const framing of FRAMINGS) {
        entry[framing] = score
          ? score(fold, m, framing)
          : prepared.byManuscript.get(m.name)[framing].map((e) => ({ e, z: rawScore(fold.model, e.ids, fold.allowed) }));
      }
      out.set(m.name, entry);
    }
  }
  return out;
}

/** The weights of a fitted model as a model file's `weights` (allowed, non-negligible, rounded). */
export function weightsObject(prepared, fold, digits = 4) {
  const weights = {};
  const scale = 10 ** digits;
  fold.model.w.forEach((w, i) => {
    if (!fold.allowed[i]) return;
    const r = Math.round(w * scale) / scale;
    if (r !== 0) weights[prepared.index.keys[i]] = r;
  });
  return weights;
}
