// Bibliography features for the claims experiments (experiment-bib.mjs, experiment-encoder.mjs --bib):
// candidate evidence from each manuscript's own bibliography, added to the prepared examples' ids.
// Data: ../shared/data/corpus (licences in its README) and greenelab/deep-review (CC BY 4.0).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { dataDir } from './data.mjs';
import { matchTitles, titleIndex } from './title-match.mjs';

// Bibliography files per manuscript, as data.mjs finds them.
const bibFiles = new Map([['deep-review', [path.join(dataDir, 'deep-review/manual-references-2020-01-29.json')]]]);
{
  const lines = readFileSync(path.join(dataDir, 'corpus/manifest.tsv'), 'utf8').trim().split('\n');
  const header = lines[0].split('\t');
  for (const line of lines.slice(1)) {
    const c = Object.fromEntries(line.split('\t').map((v, i) => [header[i], v]));
    const dir = path.join(dataDir, 'corpus', c.repo.replace('/', '__'));
    bibFiles.set(c.name, c.paths.split(/[;\s]+/).filter((p) => /\.(bib|json)$/.test(p) && !/citation-tags/.test(p)).map((b) => path.join(dir, b)));
  }
}
const bin = (x, edges, name) => {
  let k = 0;
  while (k < edges.length && x >= edges[k]) k++;
  return `${name}:${k}`;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};
const yearsIn = (text, years) => (text.match(/\b(1[5-9]\d\d|20\d\d)\b/g) ?? []).some((y) => years.has(y));

/** Feature keys by row id for one manuscript. */
function bibliographyKeys(code, m, local) {
  const entries = [];
  for (const f of bibFiles.get(m.name) ?? []) if (existsSync(f)) entries.push(...code.parseBibliography(readFileSync(f, 'utf8'), code.formatForPath(f)).entries);
  const index = code.buildReferenceIndex(entries);
  const indexed = entries.map((e) => index.entry(e.key) ?? {});
  const years = new Set(indexed.map((e) => e.year).filter(Boolean));
  const byId = new Map();
  if (local) {
    const titles = titleIndex(indexed, code.tokenize);
    for (const r of m.rows) {
      if (!titles) { byId.set(r.id, ['bib:none']); continue; }
      const t = matchTitles(code.tokenize(r.text), titles);
      const keys = [bin(t.best, [0.01, 3, 6, 10, 15], 'bib:best'), bin(t.shared, [1, 2, 3, 4], 'bibt:title'), bin(t.cover, [0.01, 0.2, 0.4, 0.6], 'bibc:cover')];
      if (yearsIn(r.text, titles.years)) keys.push('biby:year');
      byId.set(r.id, keys);
    }
    return byId;
  }
  if (index.size < 5 || indexed.filter((e) => e.title).length < 5) {
    for (const r of m.rows) byId.set(r.id, ['bib:none']);
    return byId;
  }
  // Title terms, and in how many of the manuscript's sentences each occurs (a title word rare in the manuscript).
  const titleTerms = new Set(indexed.flatMap((e) => code.words(e.title ?? '').map(code.indexTerm)).filter((t) => t && !/^\d/.test(t)));
  const df = new Map();
  const terms = m.rows.map((r) => new Set(code.words(r.text).map(code.indexTerm).filter(Boolean)));
  for (const ts of terms) for (const t of ts) df.set(t, (df.get(t) ?? 0) + 1);
  const matches = m.rows.map((r) => index.search(r.text, 2));
  const med = median(matches.map((ms) => ms[0]?.score ?? 0));
  // A normaliser from the bibliography alone (what a host could compute once per bibliography): the
  // median best match of each entry's title among the other entries.
  const selfMed = median(indexed.filter((e) => e.title).map((e) => index.search(e.title, 2).find((x) => x.key !== e.key)?.score ?? 0));
  m.rows.forEach((r, i) => {
    const [first, second] = matches[i];
    const s = first?.score ?? 0;
    let rare = 0;
    let inTitles = 0;
    for (const t of terms[i]) if (titleTerms.has(t)) (inTitles++, (df.get(t) ?? 0) <= 3 && rare++);
    const keys = [
      bin(med ? s / med : 0, [0.01, 0.5, 1, 1.5, 2.5, 4], 'bib:bm'),
      bin(s, [0.01, 2, 5, 10, 20, 40], 'bibraw:bm'),
      bin(selfMed ? s / selfMed : 0, [0.01, 0.25, 0.5, 0.75, 1, 1.5, 2.5], 'bibn:bm'),
      bin(second?.score ? s / second.score : s ? 9 : 0, [1.2, 1.6, 2.5], 'bibx:margin'),
      bin(first?.matched.filter((w) => w.fields.includes('title')).length ?? 0, [1, 2, 3, 4], 'bibt:title'),
      bin(rare, [1, 2], 'bibr:rare'),
      bin(terms[i].size ? inTitles / terms[i].size : 0, [0.01, 0.2, 0.4, 0.6], 'bibc:cover'),
    ];
    if (yearsIn(r.text, years)) keys.push('biby:year');
    byId.set(r.id, keys);
  });
  return byId;
}

/**
 * Adds the features to every example of `prepared` (both framings); `code` must include
 * analysis/reference-index.ts. Returns how many manuscripts have a bibliography with titles.
 */
export function addBibliographyFeatures(code, prepared, local = false) {
  let withBib = 0;
  for (const m of prepared.manuscripts) {
    const byId = bibliographyKeys(code, m, local);
    if (!byId.get(m.rows[0].id).includes('bib:none')) withBib++;
    for (const framing of ['removed', 'draft'])
      for (const e of prepared.byManuscript.get(m.name)[framing]) {
        const extra = byId.get(e.row.id).map((k) => prepared.index.id(k));
        for (const f of extra) prepared.index.repos[f].add(m.repo);
        e.ids = Int32Array.from(new Set([...e.ids, ...extra]));
      }
  }
  return withBib;
}
