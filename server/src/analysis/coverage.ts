/**
 * Citation coverage: how many of the manuscript's claims are supported by a citation, overall, per
 * section (nested: a section counts its subsections' claims), per annotated consequence and per
 * category. A claim is supported as `uncited-claim` decides (diagnostics/uncited-claim.ts), so the
 * figures always agree with the diagnostics; a supported claim is cited by the authors, or only
 * editorially when every citation it carries is inside a `{.editorial}` span.
 */
import { type ConsequenceMention, type Section, type Sentence } from '../model/manuscript.js';
import type { BlockResult } from '../model/block-results.js';
import type { OffsetRange } from '../text/range.js';
import { claimProblem } from './diagnostics/uncited-claim.js';
import { consequencesByCategory } from './outline.js';
import type { Snapshot } from './snapshot.js';

export interface Coverage {
  readonly claims: number;
  readonly cited: number;
  /** Claims whose only support is an editorial citation (added by the edition, not the authors). */
  readonly editoriallyCited: number;
  readonly uncited: readonly Sentence[];
}

export function coverage(s: Snapshot): Coverage {
  const claims = claimCoverage(s);
  const f = figuresOf(claims);
  return {
    claims: f.claims,
    cited: f.cited,
    editoriallyCited: f.editorial,
    uncited: claims.filter((c) => c.support === 'uncited').map((c) => c.sentence),
  };
}

export function formatCoverage(c: Coverage): string {
  // Rounded down like every other figure (percent()), so the line never disagrees with the report or the gate.
  const pct = c.claims ? Math.floor((100 * c.cited) / c.claims + 1e-9) : 100;
  const editorial = c.editoriallyCited ? ` (${c.editoriallyCited} only by editorial citations)` : '';
  return `Claims cited: ${c.cited}/${c.claims} (${pct}%)${editorial}`;
}

export type ClaimSupport = 'authors' | 'editorial' | 'uncited';

export interface ClaimCoverage {
  readonly sentence: Sentence;
  readonly support: ClaimSupport;
  /** Why an uncited claim is unsupported (the `uncited-claim` message). */
  readonly problem?: string;
}

/** The counts every row of a coverage table shows. `cited` = `byAuthors` + `editorial`. */
export interface CoverageFigures {
  readonly claims: number;
  readonly cited: number;
  readonly byAuthors: number;
  readonly editorial: number;
  readonly uncited: number;
  /** cited / claims; 1 when there are no claims (nothing is missing). */
  readonly share: number;
}

export interface SectionCoverage {
  readonly title: string;
  readonly depth: number;
  readonly headingRange: OffsetRange;
  /** Claims of the section and of its subsections. */
  readonly figures: CoverageFigures;
  readonly children: readonly SectionCoverage[];
}

export interface ConsequenceCoverage {
  readonly key: string;
  readonly category: string;
  readonly domain?: string;
  /** The first mention's text. */
  readonly text: string;
  readonly mentions: readonly ConsequenceMention[];
  /** Sentences that mention it, claims or not (a consequence stated as the authors' finding is no claim). */
  readonly sentences: number;
  /** Claims in the sentences that mention the consequence. */
  readonly figures: CoverageFigures;
}

export interface CategoryCoverage {
  readonly id: string;
  readonly label: string;
  /** Claims in the sentences that mention any of the category's consequences (each counted once). */
  readonly figures: CoverageFigures;
  readonly consequences: readonly ConsequenceCoverage[];
}

export interface CoverageBreakdown {
  readonly figures: CoverageFigures;
  /** Every claim in document order, with its support. */
  readonly claims: readonly ClaimCoverage[];
  /** Claims before the first heading (a title block, an abstract without heading); absent when none. */
  readonly beforeFirstHeading?: CoverageFigures;
  readonly sections: readonly SectionCoverage[];
  readonly categories: readonly CategoryCoverage[];
}

/** Every claim of the manuscript with its support, in document order. */
export function claimCoverage(s: Snapshot): ClaimCoverage[] {
  return claimsOf(s, s.manuscript.sentences);
}

/** Where the figures of a manuscript's blocks are kept: by the block's model result (see `coverageFigures`). */
export interface BlockFigureStore {
  get(result: BlockResult): CoverageFigures | undefined;
  set(result: BlockResult, figures: CoverageFigures): void;
}

/**
 * `figuresOf(claimCoverage(s))`, summed from each top-level block's figures, kept in `store` by the
 * block's model result: a block's claims and their support read only its sentences and the
 * bibliography's authors, so the caller keeps them while `s.entries` is the same. An edit then binds and
 * counts only the blocks it changed, where `claimCoverage` binds every sentence of the manuscript.
 */
export function coverageFigures(s: Snapshot, store: BlockFigureStore): CoverageFigures {
  const m = s.manuscript;
  const parts: CoverageFigures[] = [];
  m.blocks.forEach((b, i) => {
    let f = store.get(b.result);
    if (!f) store.set(b.result, (f = figuresOf(claimsOf(s, m.partsOf(i).sentences))));
    parts.push(f);
  });
  return sumFigures(parts);
}

function claimsOf(s: Snapshot, sentences: readonly Sentence[]): ClaimCoverage[] {
  const out: ClaimCoverage[] = [];
  for (const sentence of sentences) {
    if (!sentence.isClaim) continue;
    const problem = claimProblem(s, sentence);
    if (problem !== undefined) out.push({ sentence, support: 'uncited', problem });
    else {
      const editorialOnly = sentence.citations.length > 0 && sentence.citations.every((c) => c.editorial);
      out.push({ sentence, support: editorialOnly ? 'editorial' : 'authors' });
    }
  }
  return out;
}

export function figuresOf(claims: readonly ClaimCoverage[]): CoverageFigures {
  let byAuthors = 0;
  let editorial = 0;
  for (const c of claims) {
    if (c.support === 'authors') byAuthors++;
    else if (c.support === 'editorial') editorial++;
  }
  return withShare(claims.length, byAuthors, editorial);
}

/** The figures of several parts together (the files of a multi-file manuscript). */
export function sumFigures(parts: readonly CoverageFigures[]): CoverageFigures {
  const sum = (k: 'claims' | 'byAuthors' | 'editorial') => parts.reduce((n, p) => n + p[k], 0);
  return withShare(sum('claims'), sum('byAuthors'), sum('editorial'));
}

function withShare(claims: number, byAuthors: number, editorial: number): CoverageFigures {
  const cited = byAuthors + editorial;
  return { claims, cited, byAuthors, editorial, uncited: claims - cited, share: claims ? cited / claims : 1 };
}

/** The share as a whole percentage, rounded down so that a gate never passes on rounding. */
export function percent(f: CoverageFigures): number {
  return Math.floor(100 * f.share + 1e-9);
}

export function coverageBreakdown(s: Snapshot): CoverageBreakdown {
  const claims = claimCoverage(s);
  // Each section's figures are its own claims' and its subsections' (filtering every claim for every
  // section was quadratic: 30,000 headings took 14 s).
  const own = new Map<Section, ClaimCoverage[]>();
  for (const c of claims) {
    const section = c.sentence.section;
    if (!section) continue;
    let list = own.get(section);
    if (!list) own.set(section, (list = []));
    list.push(c);
  }
  const sectionCoverage = (section: Section): SectionCoverage => {
    const children = section.children.map(sectionCoverage);
    return {
      title: section.title,
      depth: section.depth,
      headingRange: section.headingRange,
      figures: sumFigures([figuresOf(own.get(section) ?? []), ...children.map((c) => c.figures)]),
      children,
    };
  };
  const unsectioned = claims.filter((c) => !c.sentence.section);

  const mentioning = (mentions: readonly ConsequenceMention[]): ClaimCoverage[] =>
    claims.filter((c) => mentions.some((m) => overlaps(c.sentence.range, m.annotation.range)));
  const categories = consequencesByCategory(s).map((cat): CategoryCoverage => {
    const consequences = cat.groups.map((g): ConsequenceCoverage => {
      const first = g.mentions[0]!;
      return {
        key: g.key,
        category: g.category,
        ...(first.domain ? { domain: first.domain } : {}),
        text: first.text,
        mentions: g.mentions,
        sentences: s.manuscript.sentences.filter((x) => g.mentions.some((m) => overlaps(x.range, m.annotation.range))).length,
        figures: figuresOf(mentioning(g.mentions)),
      };
    });
    return { id: cat.id, label: cat.label, figures: figuresOf(mentioning(cat.groups.flatMap((g) => g.mentions))), consequences };
  });

  return {
    figures: figuresOf(claims),
    claims,
    ...(unsectioned.length ? { beforeFirstHeading: figuresOf(unsectioned) } : {}),
    sections: s.manuscript.sections.map(sectionCoverage),
    categories,
  };
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}
