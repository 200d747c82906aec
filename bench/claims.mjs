// Measures sentence splitting and claim classification against the labelled deep-review sentences.
// Data: ../shared/data/claims/deep-review.jsonl, derived from greenelab/deep-review
// ("Opportunities and obstacles for deep learning in biology and medicine", Ching et al.), CC BY 4.0.
// Usage: node bench/claims.mjs [--errors N]   (prints up to N misclassified sentences per kind)
import { existsSync, readFileSync } from 'node:fs';
import { importModules, root } from './bundle.mjs';
import { resolve } from 'node:path';

const dataPath = resolve(root, '../shared/data/claims/deep-review.jsonl');
const path = existsSync(dataPath) ? dataPath : null;
if (!path) {
  console.log('claims bench skipped: ../shared/data/claims/deep-review.jsonl not found');
  process.exit(0);
}
const errorsArg = process.argv.indexOf('--errors');
const showErrors = errorsArg > 0 ? Number(process.argv[errorsArg + 1] ?? 10) : 0;

const { classifyClaim, splitSentences } = await importModules('server/src/model/claims.ts', 'server/src/model/sentences.ts');

const rows = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
const OBJ = '\uFFFC';
/** Pandoc citations `[@a; @b]` become the placeholder, as the caller's projection does. */
const project = (s) => s.replace(/\[[^\][]*@[^\][]*\]/g, OBJ);
const pct = (x) => (Number.isFinite(x) ? (100 * x).toFixed(1) + '%' : 'n/a');

// ---- 1. Sentence splitting: rebuild each paragraph and check it splits back into its sentences.
{
  const paras = new Map();
  for (const r of rows) {
    const key = `${r.file}#${r.paragraph}`;
    if (!paras.has(key)) paras.set(key, []);
    paras.get(key).push(r);
  }
  let exact = 0;
  let goldB = 0;
  let predB = 0;
  let hitB = 0;
  let sentencesOk = 0;
  let sentences = 0;
  const misses = [];
  const t0 = performance.now();
  for (const group of paras.values()) {
    group.sort((a, b) => a.sentence - b.sentence);
    const parts = group.map((r) => project(r.text_original).trim());
    const text = parts.join(' ');
    const gold = [];
    let at = 0;
    for (const p of parts) {
      gold.push([at, at + p.length]);
      at += p.length + 1;
    }
    const pred = splitSentences(text).map((r) => [r.start, r.end]);
    const goldEnds = new Set(gold.slice(0, -1).map((g) => g[1]));
    const predEnds = new Set(pred.slice(0, -1).map((p) => p[1]));
    goldB += goldEnds.size;
    predB += predEnds.size;
    for (const e of predEnds) if (goldEnds.has(e)) hitB++;
    const predSet = new Set(pred.map((p) => p.join(':')));
    for (const g of gold) {
      sentences++;
      if (predSet.has(g.join(':'))) sentencesOk++;
    }
    const same = pred.length === gold.length && pred.every((p, k) => p[0] === gold[k][0] && p[1] === gold[k][1]);
    if (same) exact++;
    else misses.push({ text, pred: pred.map(([s, e]) => text.slice(s, e)) });
  }
  const ms = performance.now() - t0;
  console.log(`Sentence splitting (${rows.length} sentences in ${paras.size} paragraphs, rebuilt by joining with a space)`);
  console.log(`  sentences recovered exactly: ${sentencesOk}/${sentences} = ${pct(sentencesOk / sentences)}`);
  console.log(`  paragraphs split exactly:    ${exact}/${paras.size} = ${pct(exact / paras.size)}`);
  console.log(`  boundaries: precision ${pct(hitB / predB)}, recall ${pct(hitB / goldB)} (${hitB} of ${goldB} gold, ${predB} predicted)`);
  console.log(`  time: ${ms.toFixed(1)} ms`);
  for (const m of misses.slice(0, showErrors)) {
    console.log('  MISSPLIT:');
    for (const s of m.pred) console.log('    | ' + s.slice(0, 160));
  }
  console.log();
}

// ---- 2. Claim classification against `cited`.
{
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const perRule = new Map();
  const fps = [];
  const fns = [];
  const t0 = performance.now();
  let previous = null;
  for (const r of rows) {
    const section = r.section.split(' > ').pop();
    // As the caller does: names from the previous sentence of the same paragraph.
    const samePara = previous && previous.row.file === r.file && previous.row.paragraph === r.paragraph;
    const previousNamed = samePara ? (previous.verdict.named ?? []) : [];
    const v = classifyClaim({ text: project(r.text_original), sectionTitle: section, previousNamed });
    previous = { row: r, verdict: v };
    const gold = r.cited;
    const key = v.claim ? (gold ? 'tp' : 'fp') : gold ? 'fn' : 'tn';
    counts[key]++;
    const s = perRule.get(v.rule) ?? { fired: 0, claim: v.claim, cited: 0 };
    s.fired++;
    if (gold) s.cited++;
    perRule.set(v.rule, s);
    if (key === 'fp') fps.push(`[${v.rule}: ${v.reason}] ${r.text}`);
    if (key === 'fn') fns.push(`[${v.rule}: ${v.reason}] ${r.text}`);
  }
  const ms = performance.now() - t0;
  const { tp, fp, fn, tn } = counts;
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  const cited = tp + fn;
  console.log(`Claim classification vs. "cited" (${rows.length} sentences, ${cited} cited; citations as U+FFFC, which the classifier ignores)`);
  console.log(`  precision ${pct(precision)}  recall ${pct(recall)}  F1 ${pct(f1)}  accuracy ${pct((tp + tn) / rows.length)}`);
  console.log(`  baseline "every sentence is a claim": precision ${pct(cited / rows.length)}, recall 100.0%, F1 ${pct((2 * cited) / (rows.length + cited))}`);
  console.log(`  time: ${ms.toFixed(1)} ms`);
  console.log('  confusion:            cited   uncited');
  console.log(`    predicted claim     ${String(tp).padStart(5)}   ${String(fp).padStart(7)}`);
  console.log(`    predicted no claim  ${String(fn).padStart(5)}   ${String(tn).padStart(7)}`);
  console.log('  per rule (verdict, fired, share of those sentences that are cited = precision for claim rules):');
  const ordered = [...perRule.entries()].sort((a, b) => b[1].fired - a[1].fired);
  for (const [rule, s] of ordered) {
    console.log(`    ${rule.padEnd(20)} ${s.claim ? 'claim   ' : 'no-claim'} ${String(s.fired).padStart(5)}   cited ${pct(s.cited / s.fired).padStart(6)}`);
  }
  if (showErrors) {
    console.log('  FALSE POSITIVES:');
    for (const l of fps.slice(0, showErrors)) console.log('    ' + l.slice(0, 220));
    console.log('  FALSE NEGATIVES:');
    for (const l of fns.slice(0, showErrors)) console.log('    ' + l.slice(0, 220));
  }
  console.log('\nData: greenelab/deep-review (Ching et al.), CC BY 4.0.');
}
