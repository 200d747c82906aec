// `node bench/claims-bibliography.mjs`: what the claims model's bibliography match costs a sentence
// (model/claims/bibliography-match.ts, an inverted index of each term's BM25 contributions), against a
// MiniSearch search of the suggestions' index (analysis/reference-index.ts), which scores the same: on every
// corpus sentence against its own manuscript's bibliography, and on the same sentences against a large
// bibliography (WALS, 3 MB), and the edition's sentences against its own. CPU time of this process; build times of both indexes.
// Data: ../shared/data/corpus (licences in its README), deep-review (CC BY 4.0), bib/wals-sources.bib (see data/README.md).
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importModules, median, root, sharedData } from './bundle.mjs';
import { dataAvailable, loadCode, loadManuscripts } from '../scripts/claims/data.mjs';

if (!dataAvailable()) {
  console.log('claims bibliography bench skipped: ../shared/data/corpus not found');
  process.exit(0);
}
const code = {
  ...(await loadCode()),
  ...(await importModules('server/src/analysis/reference-index.ts', 'server/src/model/claims/manuscript-scale.ts', 'server/src/model/sentences.ts', 'server/src/model/manuscript.ts')),
};
const manuscripts = loadManuscripts(code);

/** CPU ms of `fn` over `n` items, median of `reps` runs, per item. */
function perItem(fn, n, reps = 3) {
  const cpu = [];
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000 / n);
  }
  return median(cpu);
}
const cpuOnce = (fn) => {
  const c = process.cpuUsage();
  const v = fn();
  const d = process.cpuUsage(c);
  return { v, ms: (d.user + d.system) / 1000 };
};

console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
{
  const withBib = manuscripts.filter((m) => m.matcher);
  const sentences = withBib.reduce((k, m) => k + m.rows.length, 0);
  const entries = (m) => m.matcher.documents.length;
  const indexes = withBib.map((m) => ({ m, mini: code.buildReferenceIndex(m.entries) }));
  const first = cpuOnce(() => { for (const m of withBib) for (const r of m.rows) m.matcher.match(r.text); }).ms / sentences;
  const after = perItem(() => { for (const m of withBib) for (const r of m.rows) m.matcher.match(r.text); }, sentences);
  const before = perItem(() => { for (const { m, mini } of indexes) for (const r of m.rows) mini.search(r.text, 2); }, sentences);
  console.log(`Corpus, each sentence against its own bibliography (${withBib.length} manuscripts, ${sentences} sentences, ${Math.min(...withBib.map(entries))}–${Math.max(...withBib.map(entries))} entries): ` +
    `MiniSearch search ${before.toFixed(4)} ms CPU a sentence; inverted index ${first.toFixed(4)} ms first pass (stemming each new word), ${after.toFixed(4)} ms after`);
}

{
  // The edition (document/paper.md) against its own bibliography (41 works), its sentences as the host's scale reads them.
  const text = readFileSync(path.join(root, 'document/paper.md'), 'utf8');
  const parsed = code.parseManuscript(text);
  const sentences = parsed.tree.children
    .filter((b) => 'children' in b && b.type !== 'heading' && b.type !== 'table')
    .flatMap((b) => code.proseSentences(text.slice(b.position.start.offset, b.position.end.offset), code.splitSentences));
  const entries = code.parseBibliography(readFileSync(path.join(root, 'document/references.bib'), 'utf8'), 'bibtex').entries;
  const matcher = code.claimBibliographyMatcher(entries);
  const mini = code.buildReferenceIndex(entries);
  const reps = 200;
  const after = perItem(() => { for (let k = 0; k < reps; k++) for (const s of sentences) matcher.match(s); }, reps * sentences.length);
  const before = perItem(() => { for (let k = 0; k < reps; k++) for (const s of sentences) mini.search(s, 2); }, reps * sentences.length);
  console.log(`Edition (${sentences.length} sentences, ${entries.length} entries, ${reps} times over): MiniSearch search ${before.toFixed(4)} ms CPU a sentence; inverted index ${after.toFixed(4)} ms`);
}

const walsFile = path.join(sharedData, 'bib/wals-sources.bib');
if (existsSync(walsFile)) {
  const parsed = cpuOnce(() => code.parseBibliography(readFileSync(walsFile, 'utf8'), 'bibtex').entries);
  // More than MAX_ENTRIES is a whole library, for which the server builds no matcher: its first MAX_ENTRIES entries.
  const entries = parsed.v.slice(0, code.MAX_ENTRIES);
  const built = cpuOnce(() => code.claimBibliographyMatcher(entries));
  const mini = cpuOnce(() => code.buildReferenceIndex(entries));
  const rows = manuscripts.flatMap((m) => m.rows);
  const matcher = built.v;
  const first = cpuOnce(() => { for (const r of rows) matcher.match(r.text); }).ms / rows.length;
  const after = perItem(() => { for (const r of rows) matcher.match(r.text); }, rows.length);
  const before = perItem(() => { for (const r of rows) mini.v.search(r.text, 2); }, rows.length, 1);
  console.log(`WALS (${(readFileSync(walsFile).length / 1e6).toFixed(1)} MB, ${entries.length} of its ${parsed.v.length} entries, parsed in ${parsed.ms.toFixed(0)} ms): matcher built in ${built.ms.toFixed(0)} ms CPU, MiniSearch index in ${mini.ms.toFixed(0)} ms; ` +
    `${rows.length} corpus sentences: MiniSearch search ${before.toFixed(4)} ms CPU a sentence; inverted index ${first.toFixed(4)} ms first pass, ${after.toFixed(4)} ms after`);
} else console.log('WALS skipped: ../shared/data/bib/wals-sources.bib not found');

