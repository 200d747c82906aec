// Suggested references (issue #14 item 5): for every cited sentence of the corpus, its citations removed,
// how often one of the keys its authors cited is among the top 5 suggestions from the manuscript's own
// bibliography. Leave-one-out by construction: the sentence's own citations are never evidence.
// Two framings: "draft" (the other sentences keep their citations, as in a manuscript being written)
// and "text only" (every citation removed: only the words and the authors' names rank).
// Scored only where a cited key is in the manuscript's bibliography (Manubot manuscripts resolve most
// DOI keys at build time, so their bibliography files hold few); the coverage line says how many.
// Manubot's own bibliography files name items by a short hash of the citation key (`@doi:10.1/x` is
// item `3qm8sXnB`): keys are matched through that hash, as Manubot does when it builds the manuscript.
// Data: ../shared/data/corpus (37 manuscripts, one public repository each, licences in its README.md)
// and ../shared/data/deep-review (greenelab/deep-review, CC BY 4.0).
// Usage: node bench/suggestions.mjs [--misses N]
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { blake2b } from 'blakejs';
import { importModules, median, sharedData } from './bundle.mjs';

const corpus = path.join(sharedData, 'corpus');
if (!existsSync(path.join(corpus, 'manifest.tsv'))) {
  console.log('suggestions bench skipped: ../shared/data/corpus not found');
  process.exit(0);
}
const missesArg = process.argv.indexOf('--misses');
const showMisses = missesArg > 0 ? Number(process.argv[missesArg + 1] ?? 10) : 0;
const weightsArg = process.argv.indexOf('--weights');
// For tuning: `--weights '{"paragraph":0.5}'` overrides the defaults in suggest-references.ts.
const weights = weightsArg > 0 ? JSON.parse(process.argv[weightsArg + 1]) : undefined;

const { buildReferenceIndex, rankReferences, documentContext, parseBibliography, formatForPath } = await importModules(
  'server/src/analysis/reference-index.ts',
  'server/src/analysis/suggest-references.ts',
  'server/src/bibliography/load.ts',
);

const readRows = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** Manuscripts: name, field group, bibliography files, labelled sentences. */
const manuscripts = [];
const [, ...lines] = readFileSync(path.join(corpus, 'manifest.tsv'), 'utf8').trim().split('\n');
for (const line of lines) {
  const [name, group, , , , paths] = line.split('\t');
  const rows = readRows(path.join(corpus, 'claims', `${name}.jsonl`));
  const dir = rows[0]?.file.split('/')[0] ?? name;
  const bibs = paths
    .split(/[;\s]+/)
    .filter((p) => /\.(bib|json|ya?ml)$/i.test(p))
    .map((p) => path.join(corpus, dir, p));
  manuscripts.push({ name, group, bibs, rows });
}
const deepReview = path.join(sharedData, 'claims/deep-review.jsonl');
if (existsSync(deepReview))
  manuscripts.push({
    name: 'deep-review',
    group: 'science',
    bibs: [path.join(sharedData, 'deep-review/manual-references-2020-01-29.json')],
    rows: readRows(deepReview),
  });

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Manubot's `shorten_citekey`: base62 of a 6-byte BLAKE2b digest of the standard citation key. */
function manubotId(key) {
  let n = 0n;
  for (const b of blake2b(key, undefined, 6)) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out || '0';
}

/** A cited key as the bibliography names it: itself, or its Manubot short id (DOIs are lower-cased first). */
function resolver(index) {
  return (key) => {
    if (index.entry(key)) return key;
    for (const k of [key, key.replace(/^doi:(.*)$/i, (_, d) => `doi:${d.toLowerCase()}`)]) {
      const id = manubotId(k);
      if (index.entry(id)) return id;
    }
    return key;
  };
}

/** The sentences in document order, as the ranking sees its context (same ids as the server's paragraphs). */
function contextOf(rows, withCitations, resolve) {
  const ordered = [...rows].sort((a, b) => a.file.localeCompare(b.file) || a.paragraph - b.paragraph || a.sentence - b.sentence);
  const paragraphs = new Map();
  const sections = new Map();
  const id = (map, k) => (map.has(k) ? map.get(k) : (map.set(k, map.size), map.size - 1));
  return ordered.map((r) => ({
    row: r,
    keys: withCitations ? r.citation_ids.map(resolve) : [],
    paragraph: id(paragraphs, `${r.file}#${r.paragraph}`),
    section: r.section == null ? undefined : id(sections, `${r.file}#${JSON.stringify(r.section)}`),
    text: r.text,
  }));
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
const framings = [
  ['draft (neighbours keep their citations)', true],
  ['text only (every citation removed)', false],
];
const totals = new Map();
const perManuscript = [];
const buildTimes = [];
const queryTimes = [];
const misses = [];

for (const m of manuscripts) {
  const entries = [];
  for (const file of m.bibs) {
    if (!existsSync(file)) continue;
    entries.push(...parseBibliography(readFileSync(file, 'utf8'), formatForPath(file)).entries);
  }
  const t0 = performance.now();
  const index = buildReferenceIndex(entries);
  buildTimes.push({ n: index.size, ms: performance.now() - t0 });
  const titled = [...new Set(entries.map((e) => e.key))].filter((k) => index.entry(k)?.title).length;
  // "A bibliography with titles": the target applies where most entries have one.
  if (!index.size || titled < index.size / 2) {
    perManuscript.push({ name: m.name, group: m.group, skipped: index.size ? 'entries without titles' : 'no bibliography' });
    continue;
  }
  const row = { name: m.name, group: m.group, entries: index.size };
  for (const [label, withCitations] of framings) {
    const resolve = resolver(index);
    const sentences = contextOf(m.rows, withCitations, resolve);
    const prepared = documentContext(sentences);
    let cited = 0;
    let eligible = 0;
    let hits = 0;
    let first = 0;
    sentences.forEach((s, i) => {
      const r = s.row;
      if (!r.cited || !r.citation_ids?.length) return;
      cited++;
      const known = r.citation_ids.map(resolve).filter((k) => index.entry(k));
      if (!known.length) return;
      eligible++;
      // The sentence's own citations are what is asked for: they never count as its context.
      const context = { ...prepared, sentences: sentences.map((c, j) => (j === i ? { ...c, keys: [] } : c)) };
      const q0 = performance.now();
      const top = rankReferences(index, context, i, { limit: 5, ...(weights ? { weights } : {}) });
      queryTimes.push(performance.now() - q0);
      const hit = top.some((t) => known.includes(t.key));
      if (hit) hits++;
      if (top[0] && known.includes(top[0].key)) first++;
      if (!hit && withCitations && misses.length < showMisses * 4) misses.push({ m: m.name, text: r.text, want: known, got: top.map((t) => t.key) });
    });
    row[label] = { cited, eligible, hits, first };
    for (const g of [m.group, 'all']) {
      const t = totals.get(`${label}|${g}`) ?? { cited: 0, eligible: 0, hits: 0, first: 0, manuscripts: 0 };
      t.cited += cited;
      t.eligible += eligible;
      t.hits += hits;
      t.first += first;
      t.manuscripts++;
      totals.set(`${label}|${g}`, t);
    }
  }
  perManuscript.push(row);
}

console.log('Suggested references: top-5 hit rate on cited sentences with their citations removed');
console.log('(scored: sentences citing at least one key of the manuscript\'s own bibliography)\n');
for (const [label] of framings) {
  console.log(label);
  for (const g of ['social', 'science', 'all']) {
    const t = totals.get(`${label}|${g}`);
    if (!t) continue;
    console.log(
      `  ${g.padEnd(8)} ${String(t.manuscripts).padStart(2)} manuscripts  top-5 ${pct(t.hits, t.eligible).padStart(6)}  top-1 ${pct(t.first, t.eligible).padStart(6)}  ` +
        `(${t.hits}/${t.eligible} scored; ${t.eligible}/${t.cited} cited sentences have a key in the bibliography)`,
    );
  }
}
console.log('\nBy manuscript (draft framing):');
for (const r of perManuscript) {
  if (r.skipped) {
    console.log(`  ${r.name.padEnd(52)} ${r.group.padEnd(8)} skipped: ${r.skipped}`);
    continue;
  }
  const d = r[framings[0][0]];
  const t = r[framings[1][0]];
  console.log(
    `  ${r.name.padEnd(52)} ${r.group.padEnd(8)} ${String(r.entries).padStart(5)} entries  top-5 ${pct(d.hits, d.eligible).padStart(6)} (text only ${pct(t.hits, t.eligible).padStart(6)})  ${d.eligible}/${d.cited} scored`,
  );
}
const big = buildTimes.reduce((a, b) => (b.n > a.n ? b : a), { n: 0, ms: 0 });
console.log(
  `\nIndex build: largest bibliography ${big.n} entries in ${big.ms.toFixed(1)} ms; ranking a sentence: median ${median(queryTimes).toFixed(2)} ms, ` +
    `p95 ${[...queryTimes].sort((a, b) => a - b)[Math.floor(queryTimes.length * 0.95)].toFixed(2)} ms (${queryTimes.length} rankings)`,
);
const wals = path.join(sharedData, 'bib/wals-sources.bib');
if (existsSync(wals)) {
  const entries = parseBibliography(readFileSync(wals, 'utf8'), 'bibtex').entries;
  const t0 = performance.now();
  const index = buildReferenceIndex(entries);
  const built = performance.now() - t0;
  const q0 = performance.now();
  const n = 200;
  const one = documentContext([{ keys: [], paragraph: 0, section: undefined, text: 'Word order in the languages of Africa and the typology of case marking' }]);
  for (let i = 0; i < n; i++) rankReferences(index, one, 0);
  console.log(`WALS (${index.size} entries): index built in ${built.toFixed(0)} ms (first use only, once per bibliography); a ranking ${((performance.now() - q0) / n).toFixed(2)} ms`);
}
for (const x of misses.slice(0, showMisses)) console.log(`\nMISS ${x.m}: ${x.text}\n  wanted ${x.want.join(', ')}\n  got    ${x.got.join(', ')}`);
