/**
 * Suggested references for an uncited claim: the entries of the manuscript's own bibliography most
 * likely to support the sentence, ranked from
 * - the words the sentence shares with each entry's title, abstract, keywords and container (BM25);
 * - names in the sentence that are an entry's author ("as Waltz argued");
 * - what other sentences cite: the same paragraph first, then the same section (authors cite a work
 *   again next to where they cited it before), and sentences that say similar things (TF-IDF cosine
 *   over the manuscript's sentences: authors describe a work in the same words each time they cite it).
 * The sentence's own citations are never suggested. Offered as quick fixes and in the hover.
 */
import type { Manuscript, Sentence } from '../model/manuscript.js';
import type { OffsetRange } from '../text/range.js';
import { buildReferenceIndex, indexTerm, words, type ReferenceIndex } from './reference-index.js';
import type { Snapshot } from './snapshot.js';

/** A sentence as the ranking sees its surroundings: what it cites and where it stands. */
export interface ContextSentence {
  readonly keys: readonly string[];
  /** Equal values: the same paragraph. */
  readonly paragraph: number;
  /** Equal values: the same section (undefined: before the first heading). */
  readonly section: string | number | undefined;
  /** Plain text, citations left out. */
  readonly text: string;
}

/** The manuscript's sentences, with a TF-IDF vector each (unit length), prepared once per request. */
export interface DocumentContext {
  readonly sentences: readonly ContextSentence[];
  readonly vectors: readonly ReadonlyMap<string, number>[];
}

export function documentContext(sentences: readonly ContextSentence[]): DocumentContext {
  const counts = sentences.map((s) => {
    const tf = new Map<string, number>();
    for (const w of words(s.text)) {
      const t = indexTerm(w);
      if (t) tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sentences.length;
  const vectors = counts.map((tf) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of tf) {
      const x = (1 + Math.log(c)) * Math.log(1 + n / df.get(t)!);
      v.set(t, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, x] of v) v.set(t, x / norm);
    return v;
  });
  return { sentences, vectors };
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  if (a.size > b.size) [a, b] = [b, a];
  let dot = 0;
  for (const [t, x] of a) dot += x * (b.get(t) ?? 0);
  return dot;
}

export interface Suggestion {
  readonly key: string;
  readonly score: number;
  /** "Author (Year), Title" or what of it the entry has. */
  readonly label: string;
  /** Why it ranks: "title shares 'sanctions', 'trade'; cited in this paragraph". */
  readonly why: string;
}

export interface Weights {
  /** Per citation of the entry in the same paragraph, divided by the distance in sentences. */
  readonly paragraph: number;
  /** Per citation elsewhere in the same section (at most `sectionCap` counted). */
  readonly section: number;
  readonly sectionCap: number;
  /** A name in the sentence is one of the entry's authors. */
  readonly author: number;
  /** Times the cosine similarity, for each of the `similarCount` most similar cited sentences' keys. */
  readonly similar: number;
  readonly similarCount: number;
}

export interface RankOptions {
  readonly limit?: number;
  /** For tuning (bench/suggestions.mjs --weights); the defaults otherwise. */
  readonly weights?: Partial<Weights>;
}

/**
 * Weights of the evidence, in units of the best text match (whose score is 1), tuned on the corpus
 * with bench/suggestions.mjs.
 */
export const WEIGHTS: Weights = {
  paragraph: 0.25,
  section: 0.05,
  sectionCap: 4,
  author: 0.5,
  similar: 1,
  similarCount: 5,
};

const TEXT_CANDIDATES = 50;

/** Ranks the index's entries for sentence `i` of the context. */
export function rankReferences(index: ReferenceIndex, context: DocumentContext, i: number, options: RankOptions = {}): Suggestion[] {
  const w = { ...WEIGHTS, ...options.weights };
  const { sentences, vectors } = context;
  const text = sentences[i]?.text ?? '';
  const own = new Set(sentences[i]?.keys ?? []);
  const scores = new Map<string, { score: number; why: string[] }>();
  const add = (key: string, score: number, why: string) => {
    if (own.has(key) || !index.entry(key)) return;
    const s = scores.get(key);
    if (s) {
      s.score += score;
      if (!s.why.includes(why)) s.why.push(why);
    } else scores.set(key, { score, why: [why] });
  };

  const matches = index.search(text, TEXT_CANDIDATES);
  // BM25 scores depend on the query's length and the library: the best match sets the unit.
  const best = matches[0]?.score ?? 1;
  for (const m of matches) {
    const shared = m.matched.slice(0, 4).map((w) => `'${w.word}'`).join(', ');
    const where = m.matched.some((w) => w.fields.includes('title')) ? 'title' : m.matched[0]?.fields[0] ?? 'entry';
    add(m.key, m.score / best, `${where} shares ${shared}`);
  }

  for (const { name, keys } of index.authorsIn(text)) for (const key of keys) add(key, w.author, `by ${name}`);

  const here = sentences[i];
  if (here) {
    const sectionCounts = new Map<string, number>();
    sentences.forEach((other, j) => {
      if (j === i || !other.keys.length) return;
      if (other.paragraph === here.paragraph) {
        for (const key of other.keys) add(key, w.paragraph / Math.abs(j - i), 'cited in this paragraph');
      } else if (other.section === here.section) {
        for (const key of other.keys) sectionCounts.set(key, (sectionCounts.get(key) ?? 0) + 1);
      }
    });
    for (const [key, n] of sectionCounts) add(key, w.section * Math.min(n, w.sectionCap), 'cited in this section');
    const query = vectors[i];
    if (query?.size) {
      const similar = sentences
        .map((other, j) => ({ j, sim: j === i || !other.keys.length ? 0 : cosine(query, vectors[j]!) }))
        .filter((x) => x.sim > 0)
        .sort((a, b) => b.sim - a.sim)
        .slice(0, w.similarCount);
      for (const { j, sim } of similar) for (const key of sentences[j]!.keys) add(key, w.similar * sim, 'cited by a similar sentence');
    }
  }

  return [...scores]
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .slice(0, options.limit ?? 5)
    .map(([key, s]) => ({ key, score: s.score, label: label(index, key), why: s.why.join('; ') }));
}

/** "Waltz (1979), Theory of International Politics". */
function label(index: ReferenceIndex, key: string): string {
  const e = index.entry(key);
  if (!e) return key;
  const who = e.authors.length > 2 ? `${e.authors[0]} et al.` : e.authors.join(' & ');
  const head = [who, e.year ? `(${e.year})` : ''].filter(Boolean).join(' ');
  const title = e.title && e.title.length > 80 ? `${e.title.slice(0, 79)}…` : e.title;
  return [head, title].filter(Boolean).join(', ') || key;
}

/** A snapshot's sentence context: the host's (once per manuscript version), or a fresh one. */
export function contextOf(s: Snapshot): DocumentContext {
  return s.suggestionContext?.() ?? manuscriptContext(s.manuscript);
}

/** The manuscript's sentences as the ranking sees them: a new paragraph after a blank line or a heading. */
export function manuscriptContext(manuscript: Manuscript): DocumentContext {
  const text = manuscript.text;
  let paragraph = 0;
  let previousEnd = -1;
  return documentContext(manuscript.sentences.map((sentence) => {
    if (previousEnd >= 0 && /\n[ \t>]*\n|^[ \t]*#|\n[ \t]*#/.test(text.slice(previousEnd, sentence.range.start))) paragraph++;
    previousEnd = sentence.range.end;
    return {
      keys: sentence.citations.map((c) => c.item.key),
      paragraph,
      section: sentence.section?.headingRange.start,
      text: sentence.text,
    };
  }));
}

/** The index of a snapshot's bibliography: the host's (built once per bibliography), or a fresh one. */
export function referenceIndexOf(s: Snapshot): ReferenceIndex {
  return s.referenceIndex?.() ?? buildReferenceIndex([...s.entries.values()].map((d) => d[0]!.entry));
}

/** Suggestions for one sentence of the snapshot's manuscript. */
export function suggestReferences(s: Snapshot, sentence: Sentence, options: RankOptions = {}): Suggestion[] {
  if (!s.entries.size) return [];
  return suggestionsIn(s, referenceIndexOf(s), contextOf(s), sentence, options);
}

/** The same, with the index and context prepared once for several sentences. */
export function suggestionsIn(s: Snapshot, index: ReferenceIndex, context: DocumentContext, sentence: Sentence, options: RankOptions = {}): Suggestion[] {
  const i = s.manuscript.sentences.indexOf(sentence);
  if (i < 0 || !index.size) return [];
  return rankReferences(index, context, i, options);
}

export interface Insertion {
  readonly range: OffsetRange;
  readonly newText: string;
}

const FINAL = /[.!?…]/;
const CLOSERS = /["'”’»)\]]/;

/**
 * The edit that cites `key` in a sentence: `[@key]` before its final punctuation; after a closing
 * quote the period moves behind the citation (`“…peace” [@key].`, as author-date styles want); inside
 * a closing bracket that holds the punctuation (`(… elsewhere [@key].)`); into the sentence's last
 * bracketed citation when it ends the sentence (`[@a; @key].`); at the end when there is no punctuation.
 */
export function citationInsertion(text: string, sentence: { readonly range: OffsetRange; readonly citations?: Sentence['citations'] }, key: string): Insertion {
  const { start } = sentence.range;
  let end = sentence.range.end;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  let closers = end;
  while (closers > start && CLOSERS.test(text[closers - 1]!)) closers--;
  let punct = closers;
  while (punct > start && FINAL.test(text[punct - 1]!)) punct--;
  const cite = `[@${key}]`;

  // A bracketed citation right before the final punctuation takes the key: `[@a].` -> `[@a; @key].`
  const last = sentence.citations?.filter((c) => c.group.bracketed).at(-1);
  if (last && punct < closers && trimEnd(text, punct) === last.groupRange.end && closers === end)
    return at(last.groupRange.end - 1, `; @${key}`);

  if (punct === closers) {
    // No final punctuation (a heading-like line, a sentence cut by markup): cite at the end.
    return at(end, ` ${cite}`);
  }
  if (closers === end) return at(trimEnd(text, punct), spaced(text, punct, cite));
  const trailing = text.slice(closers, end);
  if (/^[\])]/.test(trailing)) {
    // The brackets close around the punctuation: cite inside them.
    return at(trimEnd(text, punct), spaced(text, punct, cite));
  }
  const marks = text.slice(punct, closers);
  if (marks === '.') {
    // `“…peace.”` -> `“…peace” [@key].`
    return { range: { start: punct, end }, newText: `${trailing} ${cite}.` };
  }
  // `?` or `!` belongs to the quotation: the citation follows it.
  return at(end, ` ${cite}`);
}

function at(offset: number, newText: string): Insertion {
  return { range: { start: offset, end: offset }, newText };
}

/** The offset after the last non-space character before `offset`. */
function trimEnd(text: string, offset: number): number {
  while (offset > 0 && /[ \t]/.test(text[offset - 1]!)) offset--;
  return offset;
}

function spaced(text: string, punct: number, cite: string): string {
  const before = text[trimEnd(text, punct) - 1];
  return before === undefined || /\s/.test(before) ? cite : ` ${cite}`;
}
