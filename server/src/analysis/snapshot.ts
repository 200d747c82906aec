/**
 * An immutable view of one manuscript and the bibliographies it names, as analyses need it.
 * Built by the host (workspace/host.ts); analyses are pure functions of (snapshot, config).
 */
import type { CustomCrossReferenceKinds } from '../syntax/cross-reference.js';
import type { ReferenceFormatter } from '../bibliography/format.js';
import type { BibEntry, BibError, BibFormat } from '../bibliography/types.js';
import type { Located } from '../model/front-matter.js';
import type { Manuscript } from '../model/manuscript.js';
import type { LineIndex } from '../text/line-index.js';
import type { ReferenceIndex } from './reference-index.js';
import type { DocumentContext } from './suggest-references.js';

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
  /** Why there is no file although the path exists ("is a directory", "is 200 MB, over the limit..."). */
  readonly problem?: string;
}

/**
 * A bibliography file beside a manuscript that declares none: not read for keys (Pandoc would not read
 * it either), but named by unknown-key when it defines the key (workspace/nearby-bibliography.ts).
 */
export interface NearbyBibliography {
  /** The file's name, as the front matter would declare it. */
  readonly name: string;
  readonly path: string;
  /** The keys it defines (the same set while the file is unchanged). */
  readonly keys: ReadonlySet<string>;
}

/** A bibliography listed again (the same file after resolving the path): loaded once, reported here. */
export interface RepeatedBibliography {
  readonly declared: Located<string>;
  readonly path: string;
  readonly first: Located<string>;
}

/**
 * The citation style for formatting: a style name the formatter knows (`apa`), or a `.csl` file named
 * by the front matter's `csl:` (relative to the manuscript) or by the setting. `text` is undefined when
 * the file cannot be read; `problem` says why the file cannot be used, if it exists. Formatting then
 * falls back to APA.
 */
export type CitationStyle =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string; readonly text?: string; readonly problem?: string; readonly declared?: Located<string> };

/** One entry and where it is defined. */
export interface ResolvedEntry {
  readonly entry: BibEntry;
  /** The bibliography file, or the manuscript itself for inline `references:`. */
  readonly file: string;
}

/**
 * The book a chapter belongs to (a Quarto or bookdown project, workspace/project.ts): its chapters share
 * the bibliography and style the project file declares, unless the chapter's front matter names its own.
 */
export interface ManuscriptProject {
  readonly kind: 'quarto' | 'bookdown' | 'manubot';
  /** The project file (`_quarto.yml`, `_bookdown.yml`); for Manubot, its `metadata.yaml` or content folder. */
  readonly config: string;
  readonly root: string;
  /** Chapter files in reading order, absolute; empty when the project lists none. */
  readonly chapters: readonly string[];
  /** Absolute paths. */
  readonly bibliography: readonly string[];
  readonly csl?: string;
  /** Quarto's custom cross-reference kinds declared for the whole project (`crossref: custom:`). */
  readonly crossReferenceKinds?: CustomCrossReferenceKinds;
  /** Why the project file could not be read, when it could not. */
  readonly problem?: string;
  /**
   * Manubot's citation aliases (`[@alias]: doi:…` lines) in the other chapters as saved on disk, alias to
   * target; the open chapter's own come from its text.
   */
  readonly aliases?: ReadonlyMap<string, string>;
}

export interface Snapshot {
  readonly path: string;
  /** The book this manuscript is a chapter of, if any. */
  readonly project?: ManuscriptProject;
  readonly manuscript: Manuscript;
  readonly bibliographies: readonly DeclaredBibliography[];
  /** The manuscript file's bytes were not all valid in its encoding (first bad character). */
  readonly decodeProblem?: { readonly offset: number; readonly message: string };
  /** Listings of a file already listed (dropped from `bibliographies`). */
  readonly repeatedBibliographies?: readonly RepeatedBibliography[];
  /** Bibliography files beside a manuscript that declares none (see NearbyBibliography). */
  readonly nearby?: readonly NearbyBibliography[];
  /** Inline `references:` from front matter (ranges in the manuscript). */
  readonly inline: { readonly entries: readonly BibEntry[]; readonly errors: readonly BibError[] };
  readonly style: CitationStyle;
  /** Every key, with all the entries that define it (more than one is a duplicate). */
  readonly entries: ReadonlyMap<string, readonly ResolvedEntry[]>;
  /** The full-text index of `entries` for suggested references, built on first use, once per bibliography. */
  readonly referenceIndex?: () => ReferenceIndex;
  /** The manuscript's sentences prepared for suggestions, built on first use, once per manuscript version. */
  readonly suggestionContext?: () => DocumentContext;
  /** The host's formatter (it keeps what it formatted, keyed by item, style and locale). */
  readonly formatter: ReferenceFormatter;
  /** The existing keys closest to an unknown one; the host remembers them per key index. */
  readonly closestKeys: (key: string) => string[];
}

/** Formatting options for the snapshot's style. */
export function styleOptions(s: Snapshot, locale: string): { style?: string; cslText?: string; locale: string } {
  if (s.style.kind === 'name') return { style: s.style.name, locale };
  return s.style.text && !s.style.problem ? { cslText: s.style.text, locale } : { locale };
}

export function lookup(snapshot: Snapshot, key: string): ResolvedEntry | undefined {
  return snapshot.entries.get(key)?.[0];
}

/** The line index of any file a finding can be in. */
export function linesOf(snapshot: Snapshot, file: string): LineIndex | undefined {
  if (file === snapshot.path) return snapshot.manuscript.lines;
  return snapshot.bibliographies.find((b) => b.file?.path === file)?.file?.lines;
}
