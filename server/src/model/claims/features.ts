/**
 * Features of a sentence for the citation-worthiness model, with the evidence each one stands for.
 *
 * A feature is a string key with value 1. Kinds (the prefix before ':'):
 *   w: word, b: word pair (^ marks the sentence start), cue: a claim rule that fired (claims.ts),
 *   sec: section kind with headings inherited from parents, pos: position in the paragraph,
 *   prev:/next: the neighbouring sentences' cues and whether they are cited, num: a number and its kind,
 *   rv: a reporting verb, author: a name matching the bibliography's first authors, len: length,
 *   cont: the sentence continues the previous one ("They trained it…"), in: the paragraph's container
 *   (a list item, a quote, a note), sec:KIND&cue:no-claim: no claim cue fired in that kind of section,
 *   bib…: the match with the manuscript's own bibliography (bibliography-features.ts; `bib:none` without one).
 * Words and word pairs are handed to the model as the sentence's tokens (their keys built only when asked
 * for): building and hashing a key string per word was most of a sentence's time (docs/claims.md, Timing).
 * Evidence is kept only for features a reader can be told about (cues, numbers, names, sections).
 * Pure: the same paragraph, headings and authors give the same features.
 */
import { CLAIM_RULES, claimCues, sectionKind, type ClaimCue, type SectionKind } from '../claims.js';
import { trimEndOf, withoutPossessive } from '../../text/trim.js';
import { addBibliographyFeatures, type ClaimBibliography } from './bibliography-features.js';

/** One sentence of a paragraph as the model sees it. */
export interface ParagraphSentence {
  /** Plain text; citations as U+FFFC (ignored: a sentence reads the same cited or not). */
  readonly text: string;
  /** Whether the sentence carries a citation (used only as context for its neighbours). */
  readonly cited: boolean;
}

export interface SentenceFeatures {
  /** Every feature key in order: words and word pairs (from `tokens`), then `others`. Built on first use. */
  readonly keys: readonly string[];
  /** The sentence's words (tokenize): the model reads its word and word-pair features from them, no keys built. */
  readonly tokens: readonly string[];
  /** The feature keys after the words and word pairs, in order (a key may repeat: each occurrence counts). */
  readonly others: readonly string[];
  /** Words a reader understands, for the features that have them (e.g. 'cue:statistic' -> "states a number ('40%')"). */
  readonly evidence: ReadonlyMap<string, string>;
  readonly cues: readonly ClaimCue[];
  /** Persons or bodies the sentence attributes a view to. */
  readonly named: readonly string[];
  /** Starts like a continuation of the previous sentence ("They", "The authors", "This model"). */
  readonly continuation: boolean;
}

/** The block a paragraph sits in: list items and quotes are cited far less than body prose. */
export type ParagraphContainer = 'list' | 'quote' | 'note' | 'div';

/** Computes the rule cues of one sentence; the host may pass a memoised version. */
export type CueFunction = (text: string, previousNamed: readonly string[]) => ClaimCue[];

export function cueFunction(knownAuthors: ReadonlySet<string> | undefined): CueFunction {
  return knownAuthors
    ? (text, previousNamed) => claimCues({ text, sectionTitle: '', knownAuthors, previousNamed })
    : (text, previousNamed) => claimCues({ text, sectionTitle: '', previousNamed });
}

/**
 * The section kind of a heading path (outermost first): the innermost heading that says what it is,
 * so "Introduction > The constrained structure of food webs" is background.
 */
export function inheritedSectionKind(headings: readonly string[]): { kind: SectionKind; title: string } {
  for (let i = headings.length - 1; i >= 0; i--) {
    const title = headings[i]!;
    const kind = sectionKind(title);
    if (kind !== 'other') return { kind, title: cleanTitle(title) };
  }
  return { kind: 'other', title: cleanTitle(headings.at(-1) ?? '') };
}

function cleanTitle(title: string): string {
  return title.replace(/^[\s\d.\-–—)]+/, '').trim() || title;
}

const OBJ = /\uFFFC/g;
const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’-]*|\d+(?:[.,]\d+)*/gu;
const YEAR = /^(?:1[5-9]\d\d|20\d\d)$/;
const CONTINUATION =
  /^(?:(?:however|moreover|additionally|furthermore|also|similarly|in addition|in (?:this|that|their|the same) (?:work|study|paper|model|analysis|review)),?\s+)?(?:they|their|them|these (?:authors|researchers|studies|models|methods|results|findings)|the (?:authors|researchers|model|network|method|approach|study|tool|system|algorithm|framework|analysis|dataset|data set)|this (?:study|work|model|method|approach|paper|analysis|tool|system|algorithm|framework|dataset|data set|group|team)|it|he|she|his|her)\b/i;
const SELF = /\b(?:we|our|us)\b/i;
const REPORTING =
  /\b(?:argue[sd]?|contend(?:s|ed)?|claim(?:s|ed)?|assert(?:s|ed)?|posit(?:s|ed)?|suggest(?:s|ed)?|note[sd]?|observe[sd]?|report(?:s|ed)?|found|finds|show(?:s|ed|n)?|demonstrate[sd]?|propose[sd]?|describe[sd]?|introduce[sd]?|develop(?:s|ed)?|conclude[sd]?|emphasi[sz]e[sd]?|highlight(?:s|ed)?|estimate[sd]?|identif(?:y|ies|ied))\b/i;
const NUMBER_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|decades?|centuries)\b/i;
const PERCENT = /(?<![\d.,])\d[\d.,]*\s?(?:%|percent\b|per cent\b)/i;
const MATH = /\$[^$]+\$/;
const DIGITS = /\d[\d,.]*/g;
const CAPITALISED = /(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}'’-]+/gu;
const CAPITALISED_AFTER_SPACE = /(?<=\s)\p{Lu}[\p{Ll}\p{M}]+/gu;

// Keys made of a cue id or a section kind, built once: a key built afresh for each sentence is a new
// string that the model's weight lookup must hash again. An id outside these tables gets its keys built.
const SECTION_KINDS: readonly SectionKind[] = ['background', 'method', 'results', 'discussion', 'conclusion', 'front', 'other'];
const sectionKeysOf = (kind: SectionKind) => ({ sec: 'sec:' + kind, top: 'top:' + kind, noClaim: `sec:${kind}&cue:no-claim` });
const SECTION_KEYS = new Map(SECTION_KINDS.map((k) => [k, sectionKeysOf(k)]));
const sectionKeys = (kind: SectionKind) => SECTION_KEYS.get(kind) ?? sectionKeysOf(kind);
const cueKeysOf = (id: string) => ({
  cue: 'cue:' + id,
  prev: 'prev:cue:' + id,
  next: 'next:cue:' + id,
  bySection: new Map(SECTION_KINDS.map((k) => [k, `sec:${k}&cue:${id}`])),
});
const CUE_KEYS = new Map(CLAIM_RULES.map(({ id }) => [id, cueKeysOf(id)]));
const cueKeys = (id: string) => CUE_KEYS.get(id) ?? cueKeysOf(id);
const cueInSection = (id: string, kind: SectionKind) => cueKeys(id).bySection.get(kind) ?? `sec:${kind}&cue:${id}`;
const CAPS_KEYS = ['caps:0', 'caps:1', 'caps:2', 'caps:3+'] as const;
const CONTAINER_KEYS: Readonly<Record<ParagraphContainer, string>> = { list: 'in:list', quote: 'in:quote', note: 'in:note', div: 'in:div' };

/** Features of every sentence of one paragraph, each read with its neighbours. */
export function paragraphFeatures(
  sentences: readonly ParagraphSentence[],
  headings: readonly string[],
  cues: CueFunction,
  knownAuthors?: ReadonlySet<string>,
  container?: ParagraphContainer,
  bibliography?: ClaimBibliography,
): SentenceFeatures[] {
  const section = inheritedSectionKind(headings);
  const topKind = headings.length ? sectionKind(headings[0]!) : 'other';
  const sectionKey = sectionKeys(section.kind);
  const topKey = sectionKeys(topKind).top;
  const sectionWhy = sectionEvidence(section.kind, section.title);
  const plain = sentences.map((s) => plainText(s.text));
  const allCues: ClaimCue[][] = [];
  let previousNamed: readonly string[] = [];
  for (const text of plain) {
    const found = cues(text, previousNamed);
    allCues.push(found);
    previousNamed = found.find((c) => c.named?.length)?.named ?? [];
  }
  return plain.map((text, i) => {
    const others: string[] = [];
    const evidence = new Map<string, string>();
    const add = (key: string, why?: string) => {
      others.push(key);
      if (why !== undefined && !evidence.has(key)) evidence.set(key, why);
    };

    // Words and word pairs: kept as tokens (their keys, 'w:' and 'b:', are built only when asked for).
    const tokens = tokenize(text);

    // Shape: names, acronyms, examples, parentheses.
    add(CAPS_KEYS[capitalisedWords(text.slice(1))]!);
    // An acronym has two capitals in a row: the cheaper test rules most sentences out.
    if (/\p{Lu}\p{Lu}/u.test(text) && /(?<![\p{L}])\p{Lu}{2,}[\p{L}\d-]*/u.test(text)) add('shape:acronym');
    if (/\(/.test(text)) add('shape:paren');
    if (/\b(?:e\.g\.|i\.e\.|such as|for example|for instance|including)\b/i.test(text)) add('shape:example');

    // Rule cues, as evidence.
    const own = allCues[i]!;
    for (const c of own) add(cueKeys(c.id).cue, c.reason);
    if (own.length === 0) add('cue:none');
    if (!own.some((c) => c.claim)) add(sectionKey.noClaim);
    for (const c of own) add(cueInSection(c.id, section.kind), c.reason);

    // Section, inherited from parents; the top-level section too.
    add(sectionKey.sec, sectionWhy);
    add(topKey);
    if (headings.length === 0) add('sec:none');
    if (container) add(CONTAINER_KEYS[container] ?? 'in:' + container);

    // Position in the paragraph.
    const n = sentences.length;
    add(n === 1 ? 'pos:only' : i === 0 ? 'pos:first' : i === n - 1 ? 'pos:last' : 'pos:middle');
    add(n === 1 ? 'plen:1' : n <= 3 ? 'plen:2-3' : n <= 6 ? 'plen:4-6' : 'plen:7+');
    const words = tokens.length;
    add(words < 8 ? 'len:<8' : words < 15 ? 'len:8-14' : words < 25 ? 'len:15-24' : words < 40 ? 'len:25-39' : 'len:40+');

    // Neighbours: their cues and whether they cite. (Their words did not help leave-one-repository-out.)
    const before = i > 0 ? sentences[i - 1] : undefined;
    const after = i < n - 1 ? sentences[i + 1] : undefined;
    if (before) {
      if (before.cited) add('prev:cited', 'follows a sentence that cites a source');
      for (const c of allCues[i - 1]!) if (c.claim) add(cueKeys(c.id).prev);
    } else add('prev:none');
    if (after) {
      if (after.cited) add('next:cited', 'is followed by a sentence that cites a source');
      for (const c of allCues[i + 1]!) if (c.claim) add(cueKeys(c.id).next);
    } else add('next:none');
    // Elsewhere in the paragraph: a paragraph that cites is about others' work.
    if (sentences.some((s, k) => s.cited && k !== i && k !== i - 1 && k !== i + 1)) add('para:cited', 'is in a paragraph that cites sources');

    // Numbers and their kind.
    const math = text.includes('$') && MATH.test(text);
    const numbers = math ? text.replace(MATH, ' ') : text;
    DIGITS.lastIndex = 0;
    for (let m = DIGITS.exec(numbers); m; m = DIGITS.exec(numbers)) {
      const digits = m[0].replace(/[.,]$/, '');
      if (YEAR.test(digits)) add('num:year', `names a year: '${digits}'`);
      else if (/^\d{1,3}(?:,\d{3})+$|^\d{4,}$/.test(digits)) add('num:large', `states a number: '${digits}'`);
      else if (/\./.test(digits)) add('num:decimal');
      else add('num:int');
    }
    const pct = /\d/.test(numbers) ? PERCENT.exec(numbers) : null;
    if (pct) add('num:percent', `states a percentage: '${pct[0].trim()}'`);
    if (math) add('num:math');
    const nw = NUMBER_WORDS.exec(text);
    if (nw) add('num:word', `states a number: '${phraseAround(text, nw.index, nw[0].length)}'`);

    // Reporting verbs and names.
    const rv = REPORTING.exec(text);
    const self = SELF.test(text);
    if (rv) add(self ? 'rv:self' : 'rv:other', `uses a reporting verb ('${rv[0]}')`);
    // The cue that named someone says it best; the same words make the two count as one piece of evidence.
    const naming = own.find((c) => c.named?.length);
    const named = naming?.named ?? [];
    if (naming) add('named', naming.reason);
    if (knownAuthors?.size) {
      const author = knownAuthorIn(text, knownAuthors);
      if (author) add('author:known', `names ${author}, an author in the bibliography`);
    }
    if (/\bet al\b/i.test(text)) add('etal', 'cites work by name ("et al.")');
    addBibliographyFeatures(text, bibliography, add);
    if (self) add('self');

    // A sentence continuing a cited one about the same work.
    const continuation = i > 0 && CONTINUATION.test(text) && !self;
    if (continuation) {
      add('cont:start');
      if (before?.cited) add('cont:cited', 'continues the previous, cited sentence');
    }

    return new Features(tokens, others, evidence, own, named, continuation);
  });
}

class Features implements SentenceFeatures {
  private built: string[] | undefined;
  constructor(
    readonly tokens: readonly string[],
    readonly others: readonly string[],
    readonly evidence: ReadonlyMap<string, string>,
    readonly cues: readonly ClaimCue[],
    readonly named: readonly string[],
    readonly continuation: boolean,
  ) {}

  get keys(): readonly string[] {
    return (this.built ??= [...wordingKeys(this.tokens), ...this.others]);
  }
}

/** The word ('w:') and word-pair ('b:', '^' the sentence start) keys of a sentence's tokens, each once, in order. */
export function wordingKeys(tokens: readonly string[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  let prev = '^';
  for (const t of tokens) {
    const w = 'w:' + t;
    const b = 'b:' + prev + '_' + t;
    if (!seen.has(w)) (seen.add(w), keys.push(w));
    if (!seen.has(b)) (seen.add(b), keys.push(b));
    prev = t;
  }
  return keys;
}

function sectionEvidence(kind: SectionKind, title: string): string | undefined {
  const where = title ? ` in '${title}'` : '';
  switch (kind) {
    case 'background':
      return `reads as background${where}`;
    case 'method':
      return `describes methods${where}`;
    case 'results':
      return `reports results${where}`;
    case 'discussion':
      return `reads as discussion${where}`;
    case 'conclusion':
      return `reads as a conclusion${where}`;
    default:
      return undefined;
  }
}

/** Lower-case words; numbers by kind, so that "1998" and "2004" are the same feature. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let t = m[0].toLowerCase();
    if (t.endsWith("'s") || t.endsWith('’s')) t = t.slice(0, -2);
    const last = t.charCodeAt(t.length - 1);
    if (last === 0x27 || last === 0x2019 || last === 0x2d) t = trimEndOf(t, "'’-");
    const first = t.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) out.push(YEAR.test(t) ? '<year>' : '<num>');
    else if (t) out.push(t);
  }
  return out;
}

/** Citations out, white space collapsed; each replacement only where it changes something. */
function plainText(text: string): string {
  const t = text.includes('\uFFFC') ? text.replace(OBJ, ' ') : text;
  return (/[^\S ]|  /.test(t) ? t.replace(/\s+/g, ' ') : t).trim();
}

/** Capitalised words after a space, counted up to 3 (the 'caps:' feature's last bucket is "3 or more"). */
function capitalisedWords(text: string): number {
  CAPITALISED_AFTER_SPACE.lastIndex = 0;
  let n = 0;
  while (n < 3 && CAPITALISED_AFTER_SPACE.exec(text)) n++;
  return n;
}

function phraseAround(text: string, at: number, length: number): string {
  const start = text.lastIndexOf(' ', Math.max(0, at - 2));
  const endSpace = text.indexOf(' ', at + length + 1);
  return text.slice(start < 0 ? 0 : start + 1, endSpace < 0 ? text.length : endSpace).replace(/[.,;:]$/, '');
}

function knownAuthorIn(text: string, authors: ReadonlySet<string>): string | undefined {
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(text); m; m = CAPITALISED.exec(text)) {
    const w = withoutPossessive(m[0]);
    if (authors.has(w.toLowerCase())) return w;
  }
  return undefined;
}
