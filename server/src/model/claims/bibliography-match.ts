/**
 * How well a sentence matches the manuscript's own bibliography, for the citation-worthiness model: a
 * sentence that reads like one of the works it lists is likely one its authors cite (docs/claims.md).
 *
 * BM25 over each entry's title, abstract, keywords and container, scored as the suggestions' index
 * (analysis/reference-index.ts, MiniSearch) scores them: BM25+ (k 1.2, b 0.7, d 0.5), the same field
 * boosts, the sum times the number of the sentence's terms an entry matched. Unlike a search library, the
 * index stores each term's contribution to each entry's score once, so a sentence costs the postings of its
 * own terms: a few additions a term, no per-entry loop and no result objects. Built once per
 * bibliography by the host (workspace/), never per sentence.
 */
import { indexTerm, indexWords, words } from '../../text/index-terms.js';
import { describeMatch } from './bibliography-description.js';

/** An entry's text as indexed, with what an explanation names (analysis/claim-bibliography.ts builds them). */
export interface BibliographyDocument {
  readonly key: string;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: string;
  readonly container: string;
  /** Family names as written, first author first. */
  readonly authors: readonly string[];
  readonly year?: string;
  /** The title as a reader sees it (the indexed `title` may repeat a short title); `title` when absent. */
  readonly displayTitle?: string;
}

/** A sentence's best match in the bibliography. */
export interface SentenceMatch {
  /** The best entry's BM25 score (0: no entry shares a term with the sentence). */
  readonly best: number;
  /** The second best entry's score. */
  readonly second: number;
  /** The best entry (an index into the documents), -1 when none matched. */
  readonly entry: number;
  /** The sentence's terms found in the best entry's title. */
  readonly titleShared: number;
  /** The sentence's terms that occur in the titles of at most RARE_IN_TITLES entries (a specific title word). */
  readonly rareTitleTerms: number;
  /** Share of the sentence's terms found in some title (0..1). */
  readonly cover: number;
  /** A year the sentence names that is some entry's year. */
  readonly year?: string;
}

const FIELDS = ['title', 'abstract', 'keywords', 'container'] as const;
/** As analysis/reference-index.ts: a title says what a work is about more densely than its abstract. */
const BOOST: Readonly<Record<(typeof FIELDS)[number], number>> = { title: 5, keywords: 2, abstract: 1, container: 0.2 };
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** A title term shared by this few entries points at a work, not at the field. */
const RARE_IN_TITLES = 2;
/** Fewer entries with titles than this, and the bibliography says nothing of the manuscript's topics. */
export const MIN_TITLED_ENTRIES = 5;
/**
 * More entries than this, and the bibliography is a whole library (a Zotero export of 30,000 entries),
 * not the works a manuscript draws on: the model learnt the match on manuscripts' own bibliographies
 * (the corpus's largest has 1,433 entries), and building it for a library would hold up the first
 * diagnostics by seconds. Such a bibliography says nothing (`bib:none`).
 */
export const MAX_ENTRIES = 3000;
/** Words whose terms are remembered (a bibliography's and its manuscripts' vocabulary; a bound, not a cache of inputs). */
const TERM_MEMO = 65536;

/** A word of the memo with no term (a stop word, a number, a single letter). */
const NO_TERM = -1;

const YEARISH = /\d{4}/;
const YEAR = /^(?:1[5-9]|20)\d\d$/;

const NO_MATCH: SentenceMatch = { best: 0, second: 0, entry: -1, titleShared: 0, rareTitleTerms: 0, cover: 0 };

export class BibliographyMatcher {
  /**
   * Terms by id: those of the bibliography first (ids below `indexed`, the only ones with postings and
   * titles), then a sentence's terms no entry has, numbered as they come so that a sentence counts each
   * of its terms once (`seen`) without a set of strings.
   */
  private readonly termIds = new Map<string, number>();
  private readonly indexed: number;
  /** By term id below `indexed`: the entries that have the term, and its BM25 contribution to each (fields summed, boosts applied). */
  private readonly postingDocs: Int32Array[] = [];
  private readonly postingWeights: Float64Array[] = [];
  /** By term id below `indexed`: the entries whose title has it, in order (their count: in how many titles it occurs). */
  private readonly inTitles: Int32Array[] = [];
  /** What an explanation names of each entry (the indexed text is not kept: at 7,373 entries it is megabytes). */
  readonly documents: readonly BibliographyDocument[];
  private readonly years: ReadonlySet<string>;
  /** Per-sentence scratch, reset after each match: scores and matched-term counts by entry, the entries touched. */
  private readonly scores: Float64Array;
  private readonly matched: Int32Array;
  private readonly touched: Int32Array;
  /** Per-sentence scratch: the sentence's distinct term ids in order, and the match that last saw each id. */
  private sentenceTerms = new Int32Array(64);
  private seen = new Int32Array(0);
  private matches = 0;
  /**
   * Word -> its term id (NO_TERM for none), or for a hyphenated compound -(k + 2) for `compounds[k]`, its
   * whole's and parts' ids: stemming is most of a match's cost, and words repeat.
   */
  private readonly words = new Map<string, number>();
  private compounds: Int32Array[] = [];
  /** The entries' descriptions (describeMatch), by entry: [by its other fields, by its title]; built when first asked for. */
  private readonly descriptions: ([string | undefined, string | undefined] | undefined)[];

  private constructor(documents: readonly BibliographyDocument[]) {
    this.documents = documents.map((d) => ({
      key: d.key,
      title: '',
      abstract: '',
      keywords: '',
      container: '',
      authors: d.authors,
      ...(d.year ? { year: d.year } : {}),
      displayTitle: d.displayTitle ?? d.title,
    }));
    const n = documents.length;
    this.scores = new Float64Array(n);
    this.matched = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.descriptions = new Array(n);
    this.years = new Set(documents.flatMap((d) => (d.year ? [d.year] : [])));
    // Term frequencies by field and entry, then BM25 with each field's average length over all entries.
    const byTerm = new Map<string, Map<number, number>>();
    const fieldTerms = FIELDS.map(() => [] as Map<string, number>[]);
    const lengths = FIELDS.map(() => new Float64Array(n));
    // Each distinct word stemmed once (stemming is most of the cost); remembered below for the sentences.
    const stems = new Map<string, string | undefined>();
    const stem = (w: string): string | undefined => {
      if (stems.has(w)) return stems.get(w);
      const t = indexTerm(w);
      stems.set(w, t);
      return t;
    };
    documents.forEach((d, i) => {
      FIELDS.forEach((field, f) => {
        const raw = indexWords(d[field]);
        lengths[f]![i] = new Set(raw).size;
        const tf = new Map<string, number>();
        for (const w of raw) {
          const t = stem(w);
          if (t) tf.set(t, (tf.get(t) ?? 0) + 1);
        }
        fieldTerms[f]!.push(tf);
      });
    });
    const titled = new Map<string, number[]>();
    fieldTerms[0]!.forEach((tf, i) => {
      for (const t of tf.keys()) (titled.get(t) ?? titled.set(t, []).get(t)!).push(i);
    });
    FIELDS.forEach((field, f) => {
      const average = lengths[f]!.reduce((s, x) => s + x, 0) / Math.max(1, n);
      const df = new Map<string, number>();
      for (const tf of fieldTerms[f]!) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
      fieldTerms[f]!.forEach((tf, i) => {
        for (const [t, freq] of tf) {
          const idf = Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
          const norm = average > 0 ? lengths[f]![i]! / average : 1;
          const score = BOOST[field] * idf * (D + (freq * (K + 1)) / (freq + K * (1 - B + B * norm)));
          const entries = byTerm.get(t) ?? byTerm.set(t, new Map()).get(t)!;
          entries.set(i, (entries.get(i) ?? 0) + score);
        }
      });
    });
    for (const [t, entries] of byTerm) {
      const docs = Int32Array.from(entries.keys());
      this.termIds.set(t, this.postingDocs.length);
      this.postingDocs.push(docs);
      this.postingWeights.push(Float64Array.from(docs, (i) => entries.get(i)!));
      this.inTitles.push(Int32Array.from(titled.get(t) ?? []));
    }
    this.indexed = this.postingDocs.length;
    // The bibliography's own words are those a sentence that reads like it meets first: filed as stemmed.
    const idOf = (t: string | undefined) => this.idOfTerm(t);
    for (const [w, t] of stems) {
      if (this.words.size >= TERM_MEMO) break;
      if (!w.includes('-')) this.words.set(w, idOf(t));
      else {
        this.compounds.push(Int32Array.from([idOf(t), ...w.split('-').map((part) => idOf(stem(part)))]));
        this.words.set(w, -(this.compounds.length + 1));
      }
    }
  }

  /** The matcher of a bibliography; undefined when fewer than MIN_TITLED_ENTRIES entries have a title, or more than MAX_ENTRIES entries are given. */
  static build(documents: readonly BibliographyDocument[]): BibliographyMatcher | undefined {
    if (documents.length > MAX_ENTRIES || documents.filter((d) => d.title.trim()).length < MIN_TITLED_ENTRIES) return undefined;
    return new BibliographyMatcher(documents);
  }

  /** The id of a word's term, NO_TERM for none. */
  private termId(word: string): number {
    return this.idOfTerm(indexTerm(word));
  }

  private idOfTerm(t: string | undefined): number {
    if (!t) return NO_TERM;
    let id = this.termIds.get(t);
    if (id === undefined) this.termIds.set(t, (id = this.termIds.size));
    return id;
  }

  /** A word as the memo files it (see `words`). */
  private wordEntry(word: string): number {
    let hit = this.words.get(word);
    if (hit !== undefined) return hit;
    if (this.words.size >= TERM_MEMO) this.forgetWords();
    const whole = this.termId(word);
    // Hyphenated compounds are indexed whole and by their parts (text/index-terms.ts indexWords).
    if (word.includes('-')) {
      const ids = [whole];
      for (const part of word.split('-')) ids.push(this.termId(part));
      this.compounds.push(Int32Array.from(ids));
      hit = -(this.compounds.length + 1);
    } else hit = whole;
    this.words.set(word, hit);
    return hit;
  }

  /** Forgets the words and the terms no entry has (a bound on the memo, not a change of any result). */
  private forgetWords(): void {
    this.words.clear();
    this.compounds = [];
    for (const [t, id] of this.termIds) if (id >= this.indexed) this.termIds.delete(t);
  }

  /** Adds a term to the sentence's distinct terms, once. */
  private addTerm(id: number, count: number): number {
    if (id < 0) return count;
    if (id >= this.seen.length) {
      const grown = new Int32Array(Math.max(id + 1, this.seen.length * 2, 1024));
      grown.set(this.seen);
      this.seen = grown;
    }
    if (this.seen[id] === this.matches) return count;
    this.seen[id] = this.matches;
    if (count === this.sentenceTerms.length) {
      const grown = new Int32Array(count * 2);
      grown.set(this.sentenceTerms);
      this.sentenceTerms = grown;
    }
    this.sentenceTerms[count] = id;
    return count + 1;
  }

  /** The sentence's best match; the entries' scores as analysis/reference-index.ts ranks them. */
  match(text: string): SentenceMatch {
    // A new mark for `seen` (at 2^31 matches the marks start again, clearing what they marked).
    if (++this.matches === 0x7fffffff) (this.seen.fill(0), (this.matches = 1));
    const yearish = YEARISH.test(text);
    let year: string | undefined;
    let count = 0;
    for (const w of words(text)) {
      const e = this.wordEntry(w);
      if (e >= NO_TERM) count = this.addTerm(e, count);
      else for (const id of this.compounds[-e - 2]!) count = this.addTerm(id, count);
      if (yearish && year === undefined && YEAR.test(w) && this.years.has(w)) year = w;
    }
    if (!count) return year ? { ...NO_MATCH, year } : NO_MATCH;
    const { scores, matched, touched, sentenceTerms, indexed } = this;
    let touchedCount = 0;
    let inTitles = 0;
    let rare = 0;
    for (let j = 0; j < count; j++) {
      const t = sentenceTerms[j]!;
      if (t >= indexed) continue;
      const f = this.inTitles[t]!.length;
      if (f) (inTitles++, f <= RARE_IN_TITLES && rare++);
      const docs = this.postingDocs[t]!;
      const weights = this.postingWeights[t]!;
      for (let k = 0; k < docs.length; k++) {
        const i = docs[k]!;
        if (matched[i] === 0) touched[touchedCount++] = i;
        matched[i]!++;
        scores[i]! += weights[k]!;
      }
    }
    let entry = -1;
    let best = 0;
    let second = 0;
    for (let k = 0; k < touchedCount; k++) {
      const i = touched[k]!;
      const s = scores[i]! * matched[i]!;
      // Ties go to the entry listed first, whatever order the postings came in.
      if (s > best || (s === best && i < entry)) (second = best), (best = s), (entry = i);
      else if (s > second) second = s;
      scores[i] = 0;
      matched[i] = 0;
    }
    let titleShared = 0;
    if (entry >= 0) for (let j = 0; j < count; j++) if (sentenceTerms[j]! < indexed && this.inTitles[sentenceTerms[j]!]!.includes(entry)) titleShared++;
    return { best, second, entry, titleShared, rareTitleTerms: rare, cover: inTitles / count, ...(year ? { year } : {}) };
  }

  /** describeMatch of an entry, built once per entry and kind (most sentences read like some entry; few are explained). */
  describe(entry: number, byTitle: boolean): string {
    const d = (this.descriptions[entry] ??= [undefined, undefined]);
    const k = byTitle ? 1 : 0;
    return (d[k] ??= describeMatch(this.documents[entry]!, byTitle));
  }
}

/** The middle value of the sentences' best scores (the upper middle of an even count), 0 for none. */
export function medianScore(bests: readonly number[]): number {
  if (!bests.length) return 0;
  const sorted = Float64Array.from(bests).sort();
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Steps of the manuscript's scale per doubling: a keystroke that moves the median a little keeps its step. */
const STEPS_PER_OCTAVE = 2;

/**
 * The manuscript's typical match, quantised on a log scale (half-octave steps): a document-level input of
 * every sentence's judgement that one edit almost never changes, so that the host can keep it in the
 * judgements' memo key and still re-judge only the paragraph an edit touched.
 */
export function quantiseScale(median: number): number {
  if (!(median > 0)) return 0;
  return 2 ** (Math.round(Math.log2(median) * STEPS_PER_OCTAVE) / STEPS_PER_OCTAVE);
}
