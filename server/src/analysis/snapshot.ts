/**
 * An immutable view of one manuscript and the bibliographies it names, as analyses need it.
 * Built by the host (workspace/host.ts); analyses are pure functions of (snapshot, config).
 */
import type { BibEntry, BibError, BibFormat } from '../bibliography/types.js';
import type { Located } from '../model/front-matter.js';
import type { Manuscript } from '../model/manuscript.js';
import type { LineIndex } from '../text/line-index.js';

export interface BibliographyFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly format: BibFormat;
  readonly entries: readonly BibEntry[];
  readonly errors: readonly BibError[];
}

export interface DeclaredBibliography {
  /** The value as written in front matter, with its range in the manuscript. */
  readonly declared: Located<string>;
  readonly path: string;
  /** Undefined when the file does not exist or cannot be read. */
  readonly file?: BibliographyFile;
}

/** One entry and where it is defined. */
export interface ResolvedEntry {
  readonly entry: BibEntry;
  /** The bibliography file, or the manuscript itself for inline `references:`. */
  readonly file: string;
}

export interface Snapshot {
  readonly path: string;
  readonly manuscript: Manuscript;
  readonly bibliographies: readonly DeclaredBibliography[];
  /** Inline `references:` from front matter (ranges in the manuscript). */
  readonly inline: { readonly entries: readonly BibEntry[]; readonly errors: readonly BibError[] };
  /** Every key, with all the entries that define it (more than one is a duplicate). */
  readonly entries: ReadonlyMap<string, readonly ResolvedEntry[]>;
}

export function lookup(snapshot: Snapshot, key: string): ResolvedEntry | undefined {
  return snapshot.entries.get(key)?.[0];
}

/** The line index of any file a finding can be in. */
export function linesOf(snapshot: Snapshot, file: string): LineIndex | undefined {
  if (file === snapshot.path) return snapshot.manuscript.lines;
  return snapshot.bibliographies.find((b) => b.file?.path === file)?.file?.lines;
}
