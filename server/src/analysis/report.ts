/**
 * The coverage report for an editor: plain, JSON-ready data built from one or more manuscripts (a
 * multi-file manuscript is several). `marginalia coverage --format json` prints it, the HTML report
 * (report-html.ts) and the VS Code webview render it. Positions are 0-based lines and UTF-16
 * characters, as everywhere in the core; renderers show lines 1-based.
 */
import { summarise, summaryLine } from '../bibliography/summary.js';
import type { Section } from '../model/manuscript.js';
import { reviewMarks } from '../model/review.js';
import type { OffsetRange } from '../text/range.js';
import {
  coverageBreakdown,
  sumFigures,
  type ClaimSupport,
  type CoverageFigures,
  type SectionCoverage,
} from './coverage.js';
import type { Snapshot } from './snapshot.js';

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A range in a file (an absolute path; the CLI shows it relative to the working folder). */
export interface Place {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

/**
 * A reviewer's comment or change, for the report's "Review comments" section. Supplied by the caller
 * (the review-marks model, when there is one); `line` is 1-based.
 */
export interface ReviewItem {
  readonly reviewer: string;
  readonly kind: string;
  readonly text: string;
  readonly line: number;
}

export interface SectionRow {
  readonly title: string;
  readonly depth: number;
  readonly place: Place;
  readonly figures: CoverageFigures;
  readonly children: readonly SectionRow[];
}

export interface ClaimRow {
  /** The sentence as written, whitespace collapsed. */
  readonly text: string;
  readonly support: ClaimSupport;
  /** Why an uncited claim is unsupported. */
  readonly problem?: string;
  readonly section?: string;
  readonly place: Place;
}

export interface MentionRow {
  readonly text: string;
  readonly section?: string;
  readonly place: Place;
}

export interface ConsequenceRow {
  readonly key: string;
  readonly domain?: string;
  readonly text: string;
  readonly sentences: number;
  readonly figures: CoverageFigures;
  readonly mentions: readonly MentionRow[];
}

export interface CategoryRow {
  readonly id: string;
  readonly label: string;
  readonly figures: CoverageFigures;
  readonly consequences: readonly ConsequenceRow[];
}

export interface FileReport {
  readonly file: string;
  readonly title?: string;
  readonly figures: CoverageFigures;
  readonly beforeFirstHeading?: CoverageFigures;
  readonly sections: readonly SectionRow[];
  readonly categories: readonly CategoryRow[];
  /** Uncited claims in document order. */
  readonly uncited: readonly ClaimRow[];
  readonly reviews: readonly ReviewItem[];
}

export interface UnusedEntry {
  readonly key: string;
  /** "Katz 2012 · Russia and Iran". */
  readonly summary: string;
  /** Listed through `nocite`: in the reference list, but no sentence rests on it. */
  readonly nocite: boolean;
  readonly place: Place;
}

export interface CoverageReport {
  /** The first manuscript's front-matter title, or its file name. */
  readonly title: string;
  /** All files together. */
  readonly figures: CoverageFigures;
  readonly files: readonly FileReport[];
  readonly unused: readonly UnusedEntry[];
}

export interface ReportOptions {
  /** The review comments and changes of a manuscript; by default its CriticMarkup marks (`reviewItems`). */
  readonly reviews?: (s: Snapshot) => readonly ReviewItem[];
}

export function coverageReport(snapshots: readonly Snapshot[], options: ReportOptions = {}): CoverageReport {
  const files = snapshots.map((s) => fileReport(s, options));
  const first = snapshots[0];
  return {
    title: first?.manuscript.frontMatter.title ?? (first ? baseName(first.path) : 'Coverage'),
    figures: sumFigures(files.map((f) => f.figures)),
    files,
    unused: unusedEntries(snapshots),
  };
}

function fileReport(s: Snapshot, options: ReportOptions): FileReport {
  const b = coverageBreakdown(s);
  const lines = s.manuscript.lines;
  const place = (r: OffsetRange): Place => ({ file: s.path, start: lines.position(r.start), end: lines.position(r.end) });
  const sectionRow = (x: SectionCoverage): SectionRow => ({
    title: x.title || '(untitled)',
    depth: x.depth,
    place: place(x.headingRange),
    figures: x.figures,
    children: x.children.map(sectionRow),
  });
  const sectionTitle = (x: Section | undefined) => (x ? { section: x.title } : {});
  return {
    file: s.path,
    ...(s.manuscript.frontMatter.title ? { title: s.manuscript.frontMatter.title } : {}),
    figures: b.figures,
    ...(b.beforeFirstHeading ? { beforeFirstHeading: b.beforeFirstHeading } : {}),
    sections: b.sections.map(sectionRow),
    categories: b.categories.map((c) => ({
      id: c.id,
      label: c.label,
      figures: c.figures,
      consequences: c.consequences.map((k) => ({
        key: k.key,
        ...(k.domain ? { domain: k.domain } : {}),
        text: k.text,
        sentences: k.sentences,
        figures: k.figures,
        mentions: k.mentions.map((m) => ({ text: m.text, ...sectionTitle(m.annotation.section), place: place(m.annotation.range) })),
      })),
    })),
    uncited: b.claims
      .filter((c) => c.support === 'uncited')
      .map((c) => ({
        text: collapse(s.manuscript.text.slice(c.sentence.range.start, c.sentence.range.end)),
        support: c.support,
        ...(c.problem ? { problem: c.problem } : {}),
        ...sectionTitle(c.sentence.section),
        place: place(c.sentence.range),
      })),
    reviews: (options.reviews ?? reviewItems)(s),
  };
}

/**
 * The bibliography entries no sentence of the manuscripts using their file cites: the `unused-reference`
 * hints plus the entries listed only through `nocite` (not hinted, since the author chose to list them,
 * but an editor checking what the claims rest on wants to see them), flagged as such.
 */
function unusedEntries(snapshots: readonly Snapshot[]): UnusedEntry[] {
  const users = new Map<string, { file: NonNullable<Snapshot['bibliographies'][number]['file']>; snapshots: Snapshot[] }>();
  for (const s of snapshots)
    for (const b of s.bibliographies) {
      if (!b.file) continue;
      const u = users.get(b.file.path) ?? { file: b.file, snapshots: [] };
      u.snapshots.push(s);
      users.set(b.file.path, u);
    }
  const out: UnusedEntry[] = [];
  for (const { file, snapshots: using } of users.values()) {
    const cited = new Set(using.flatMap((s) => s.manuscript.citations.map((c) => c.item.key)));
    const listed = new Set(using.flatMap((s) => s.manuscript.frontMatter.nocite));
    for (const entry of file.entries) {
      if (cited.has(entry.key)) continue;
      out.push({
        key: entry.key,
        summary: summaryLine(summarise(entry)),
        nocite: listed.has(entry.key) || listed.has('*'),
        place: { file: file.path, start: file.lines.position(entry.keyRange.start), end: file.lines.position(entry.keyRange.end) },
      });
    }
  }
  return out;
}

/** The manuscript's review marks (CriticMarkup), in document order: what a reviewer proposed or asked. */
export function reviewItems(s: Snapshot): ReviewItem[] {
  return reviewMarks(s.manuscript).map((m) => ({
    reviewer: m.reviewer ?? '(no reviewer)',
    kind: m.kind,
    text: m.kind === 'substitution' ? `${m.old ?? ''} → ${m.text}` : m.text,
    line: s.manuscript.lines.position(m.range.start).line + 1,
  }));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
