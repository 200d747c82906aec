/**
 * The manuscript's own bibliography as the claims model reads it, kept in the host: one matcher per
 * bibliography version (the parsed entry lists it was built from), each sentence's match memoised by
 * its text, and the manuscript's scale (the median best match of its sentences, quantised) from each
 * block's matches, kept per document from its last version by the block's id or text (block-memo.ts: each
 * version keeps only the blocks it has). An edit re-matches only the blocks it touched, and the
 * quantised scale almost never moves, so the judgements' memo (claim-cues.ts), keyed by the scale too,
 * keeps every paragraph the edit did not touch. The scale is a function of the text alone: an
 * incremental and a full analysis compute the same one.
 */
import { createHash } from 'node:crypto';
import type { BibEntry } from '../bibliography/types.js';
import { bibliographyDocuments } from '../analysis/claim-bibliography.js';
import { BibliographyMatcher, MAX_ENTRIES, medianScore, type SentenceMatch } from '../model/claims/bibliography-match.js';
import { claimBibliography, type ClaimBibliography } from '../model/claims/bibliography-features.js';
import { proseSentences } from '../model/claims/manuscript-scale.js';
import type { ParsedText } from '../model/manuscript.js';
import { memoise } from '../model/memo.js';
import { BlockMemo } from './block-memo.js';

/** A manuscript's bibliography for its judgements, named by its inputs (bibliography version and scale). */
export interface IdentifiedClaimBibliography extends ClaimBibliography {
  readonly id: string;
}

/** Bibliographies in use at a time are few. */
const MATCHERS = 4;
const SENTENCES_PER_MATCHER = 32768;

interface PerBibliography {
  readonly lists: readonly (readonly BibEntry[])[];
  readonly id: string;
  /** Undefined when too few entries have titles: the features say `bib:none`. */
  readonly matcher: BibliographyMatcher | undefined;
  readonly match: (text: string) => SentenceMatch;
}

export class ClaimBibliographyCache {
  private byLists: PerBibliography[] = [];
  /** Each document's blocks' best matches from its last version, under the bibliography's id (block-memo.ts). */
  private readonly blocks = new BlockMemo<readonly number[]>();

  constructor(private readonly split: (text: string) => readonly { start: number; end: number }[]) {}

  /**
   * The bibliography of a manuscript whose entries come from `lists` (inline references, then each
   * file's), with the manuscript's scale; undefined when it has too few titled entries.
   */
  forManuscript(file: string, parsed: ParsedText, lists: readonly (readonly BibEntry[])[]): IdentifiedClaimBibliography | undefined {
    const per = this.entry(lists);
    if (!per.matcher) return undefined;
    const blocks = this.blocks.begin(file, parsed, per.id);
    const bests: number[] = [];
    const children = parsed.tree.children;
    for (let i = 0; i < children.length; i++) {
      const block = children[i]!;
      const start = block.position?.start.offset;
      const end = block.position?.end.offset;
      if (!('children' in block) || block.type === 'heading' || block.type === 'table' || start === undefined || end === undefined) continue;
      let found = blocks.get(i);
      if (!found) blocks.set(i, (found = proseSentences(parsed.text.slice(start, end), this.split).map((s) => per.match(s).best)));
      for (const b of found) bests.push(b);
    }
    const bibliography = claimBibliography(per.matcher, medianScore(bests), per.match);
    return { ...bibliography, id: `${per.id}@${bibliography.scale}` };
  }

  /** Forgets a document's blocks (the host forgets what it derived from a document's text). */
  forget(file: string): void {
    this.blocks.forget(file);
  }

  private entry(lists: readonly (readonly BibEntry[])[]): PerBibliography {
    const same = (c: PerBibliography) => c.lists.length === lists.length && c.lists.every((l, i) => l === lists[i]);
    let hit = this.byLists.find(same);
    if (!hit) {
      // A library too large to be the manuscript's own (MAX_ENTRIES) is not read at all.
      const entries = lists.reduce((n, l) => n + l.length, 0);
      const documents = entries > MAX_ENTRIES ? [] : bibliographyDocuments(lists.flat());
      const matcher = BibliographyMatcher.build(documents);
      const match = matcher ? memoise((text: string) => matcher.match(text), SENTENCES_PER_MATCHER) : () => NO_MATCH;
      // Named by content, every field the match reads: a bibliography reread or edited elsewhere keeps every memoised judgement.
      const id = matcher ? createHash('sha1').update(JSON.stringify(documents)).digest('hex').slice(0, 16) : 'none';
      hit = { lists, id, matcher, match };
    }
    // Most recently used first.
    this.byLists = [hit, ...this.byLists.filter((c) => c !== hit)].slice(0, MATCHERS);
    return hit;
  }
}

const NO_MATCH: SentenceMatch = { best: 0, second: 0, entry: -1, titleShared: 0, rareTitleTerms: 0, cover: 0 };
