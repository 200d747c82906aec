// The labelled manuscripts for the claims model, as the model sees them: paragraphs of sentences with
// their heading path, in two framings, and the bibliography's first authors.
// Data: ../shared/data/corpus (37 manuscripts from 36 repositories, licences in corpus/README.md) and
// ../shared/data/claims/deep-review.jsonl (greenelab/deep-review, Ching et al., CC BY 4.0).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { importModules, root } from '../../bench/bundle.mjs';

export const dataDir = path.resolve(root, '../shared/data');
const corpusDir = path.join(dataDir, 'corpus');

export function dataAvailable() {
  return existsSync(path.join(corpusDir, 'manifest.tsv')) && existsSync(path.join(dataDir, 'claims/deep-review.jsonl'));
}

/** The project's TypeScript the model code path needs. */
export const CLAIM_MODULES = [
  'server/src/model/claims/features.ts',
  'server/src/model/claims/model.ts',
  'server/src/model/claims/judge.ts',
  'server/src/model/claims.ts',
  'server/src/bibliography/load.ts',
  'server/src/bibliography/summary.ts',
  'server/src/model/claims/bibliography-match.ts',
  'server/src/model/claims/bibliography-features.ts',
  'server/src/analysis/claim-bibliography.ts',
];

/** The model code path's modules, and `more`, bundled once. */
export async function loadCode(...more) {
  return importModules(...CLAIM_MODULES, ...more);
}

const readJsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

/**
 * Every manuscript: { name, repo, group ('social' | 'science'), field, rows, authors (Set) }.
 * deep-review is its own repository in the sciences, kept apart in reports as the development set.
 */
export function loadManuscripts(code) {
  const lines = readFileSync(path.join(corpusDir, 'manifest.tsv'), 'utf8').trim().split('\n');
  const header = lines[0].split('\t');
  const out = [];
  for (const line of lines.slice(1)) {
    const cols = Object.fromEntries(line.split('\t').map((v, i) => [header[i], v]));
    const rows = readJsonl(path.join(corpusDir, 'claims', `${cols.name}.jsonl`));
    const dir = path.join(corpusDir, cols.repo.replace('/', '__'));
    const bibs = cols.paths.split(/[;\s]+/).filter((p) => /\.(bib|json)$/.test(p) && !/citation-tags/.test(p));
    out.push({ name: cols.name, repo: cols.repo, group: cols.group, field: cols.field, rows, ...bibliographyOf(code, bibs.map((b) => path.join(dir, b))) });
  }
  const dr = readJsonl(path.join(dataDir, 'claims/deep-review.jsonl'));
  const drBib = path.join(dataDir, 'deep-review/manual-references-2020-01-29.json');
  out.push({ name: 'deep-review', repo: 'greenelab/deep-review', group: 'science', field: 'deep-review (development)', rows: dr, ...bibliographyOf(code, [drBib]) });
  return out;
}

/**
 * What the host reads from a manuscript's bibliography files: the lower-case family names of first
 * authors (`authors`) and the claims model's bibliography matcher (`matcher`, undefined without titles).
 */
function bibliographyOf(code, files) {
  const names = new Set();
  const entries = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    const parsed = code.parseBibliography(readFileSync(f, 'utf8'), code.formatForPath(f));
    entries.push(...parsed.entries);
    for (const e of parsed.entries) {
      const first = code.summarise(e).authors[0]?.toLowerCase();
      if (first && first.length > 2 && !/\s/.test(first)) names.add(first);
    }
  }
  return { authors: names, entries, matcher: code.claimBibliographyMatcher(entries) };
}

/**
 * The manuscript's bibliography as its judgements read it (bibliography-features.ts), undefined without
 * one: the matcher, memoised by sentence, and the median best match over every sentence of the manuscript,
 * as the host computes it over the document's sentences.
 */
export function manuscriptBibliography(code, m) {
  if (!m.matcher) return undefined;
  if (m.bibliography) return m.bibliography;
  const memo = new Map();
  const match = (text) => {
    let v = memo.get(text);
    if (!v) memo.set(text, (v = m.matcher.match(text)));
    return v;
  };
  const median = code.medianScore(m.rows.map((r) => match(r.text.replace(/\uFFFC/g, ' ').replace(/\s+/g, ' ').trim()).best));
  return (m.bibliography = code.claimBibliography(m.matcher, median, match));
}

/** FNV-1a: a fixed, platform-independent hash for the draft framing's choice of kept citations. */
export function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** In the draft framing, this cited sentence keeps its citation (and is not scored). */
export const keepsCitation = (row) => row.cited && hash(row.id) % 2 === 0;

/** Paragraphs of a manuscript: arrays of rows in sentence order. */
export function paragraphs(rows) {
  const byKey = new Map();
  for (const r of rows) {
    const key = `${r.file}#${r.paragraph}#${r.in_note ? 'n' : ''}`;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(r);
  }
  return [...byKey.values()].map((p) => p.sort((a, b) => a.sentence - b.sentence));
}

export const headingsOf = (row) => (row.section ? row.section.split(' > ') : []);

/**
 * The container of a row's paragraph as the server sees it (features.ts ParagraphContainer), from
 * Pandoc's path of blocks ('BulletList>OrderedList', 'BlockQuote', 'Div.callout-note', 'Note'): the
 * innermost one.
 */
export function containerOf(row) {
  if (row.in_note) return 'note';
  const inner = (row.container ?? '').split('>').at(-1) ?? '';
  if (/List$/.test(inner)) return 'list';
  if (inner === 'BlockQuote') return 'quote';
  if (inner === 'Note') return 'note';
  if (inner.startsWith('Div')) return 'div';
  return undefined;
}

/**
 * Feature keys of every sentence of a manuscript in one framing:
 * 'removed' (every citation removed) or 'draft' (a fixed half of cited sentences keep theirs).
 * Returns [{ row, keys, label, scored, features }].
 */
export function manuscriptExamples(code, m, framing, cueMemo) {
  const cues = memoisedCues(code, m, cueMemo);
  const out = [];
  for (const para of paragraphs(m.rows)) {
    const sentences = para.map((r) => ({ text: r.text, cited: framing === 'draft' && keepsCitation(r) }));
    const feats = code.paragraphFeatures(sentences, headingsOf(para[0]), cues, m.authors, containerOf(para[0]), manuscriptBibliography(code, m));
    para.forEach((r, i) => out.push({ row: r, keys: feats[i].keys, label: r.cited ? 1 : 0, scored: !sentences[i].cited, sentences, index: i }));
  }
  return out;
}

/** The rule cues of a manuscript's sentences, memoised in `memo` (shared across folds). */
export function memoisedCues(code, m, memo) {
  const base = code.cueFunction(m.authors);
  return (text, previousNamed) => {
    const key = `${m.name}\u0001${text}\u0001${previousNamed.join('\u0000')}`;
    let v = memo.get(key);
    if (!v) memo.set(key, (v = base(text, previousNamed)));
    return v;
  };
}
