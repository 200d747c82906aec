/**
 * The host owns the documents (open buffers or files on disk) and their bibliographies and hands out
 * immutable snapshots. A manuscript is rebuilt only when its text changes; a bibliography is reparsed
 * only when its file's stamp changes (the loader's cache).
 */
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { BibliographyLoader } from '../bibliography/load.js';
import { parseYamlReferences } from '../bibliography/yaml-references.js';
import type { BibEntry, BibError } from '../bibliography/types.js';
import { defaultLimits, type Limits } from '../analysis/config.js';
import { styleOptions, type CitationStyle, type DeclaredBibliography, type ResolvedEntry, type Snapshot } from '../analysis/snapshot.js';
import { ReferenceFormatter } from '../bibliography/format.js';
import type { Located } from '../model/front-matter.js';
import { buildManuscript, parseManuscript, reparseManuscript, type Manuscript, type ParsedText } from '../model/manuscript.js';
import { firstAuthors } from '../bibliography/first-authors.js';
import { ClaimCueCache } from './claim-cues.js';
import { ClaimBibliographyCache } from './claim-bibliography.js';
import { BlockResultCache } from './block-results.js';
import { BlockFindingCache } from './block-findings.js';
import { BlockCoverageCache } from './block-coverage.js';
import { bundledClaimModel } from '../model/claims/bundled.js';
import type { ClaimModel } from '../model/claims/model.js';
import { LineIndex } from '../text/line-index.js';
import { textOf, type FileSystem } from '../files/file-system.js';
import { RecentStamps } from '../files/recent-stamps.js';
import type { DecodeProblem } from '../files/decode.js';
import { dedupeBibliographies } from './bibliography-list.js';
import { readStyle } from './style-file.js';
import { isManubotChapter, manubotProject } from './manubot.js';
import { projectFileCandidates, readProject, type Project } from './project.js';
import { KeySearch } from '../analysis/key-search.js';
import { UnusedReferenceMemo } from '../analysis/diagnostics/unused-reference.js';
import { SettleWatch } from './settle.js';
import type { Finding } from '../analysis/diagnostic.js';
import { analysisFailed } from '../analysis/diagnostics/analysis-failed.js';
import { manuscriptTooLarge } from '../analysis/diagnostics/manuscript-too-large.js';
import { closestKeysOf } from '../analysis/diagnostics/unknown-key.js';
import type { OutlineModel } from '../analysis/outline.js';
import { memoise } from '../model/memo.js';
import { splitSentences } from '../model/sentences.js';
import { buildReferenceIndex, type ReferenceIndex } from '../analysis/reference-index.js';
import { manuscriptContext, type DocumentContext } from '../analysis/suggest-references.js';
import { nearbyBibliographies, type NearbyCaches } from './nearby-bibliography.js';
import { isKnitrInline } from '../model/knitr-inline.js';
import type { CustomCrossReferenceKinds } from '../syntax/cross-reference.js';

export interface HostOptions {
  /** Bibliographies used when a manuscript declares none (CLI `--bibliography`, a setting). */
  readonly defaultBibliography?: readonly string[];
  /** Where paths of documents that are not files (untitled buffers) are resolved from. */
  readonly root?: string;
  /** The citation style setting: a style name, or a path to a `.csl` file (absolute, or relative to the manuscript). */
  readonly citationStyle?: string;
  /** Size limits (defaults: `defaultLimits`). */
  readonly limits?: Partial<Limits>;
  /**
   * Fault injection for the robustness tests of the fence (MARGINALIA_FAIL_ON in the adapters): a
   * manuscript whose text contains this string throws while it is built, as a real bug would.
   */
  readonly failOn?: string;
  /**
   * The citation-worthiness model (default: the bundled one). For evaluation only: bench/claims-markdown.mjs
   * analyses each held-out manuscript with the model trained without its repository. Set once, at the
   * host's creation: the per-block results are not keyed by it.
   */
  readonly claimModel?: ClaimModel;
}

/** What the host tells its adapter while it works (the adapter's own concerns, like its memory). */
export interface HostHooks {
  /**
   * A large text was parsed whole (an open, an edit no slice could take), before its model is built:
   * the language server collects the parse's garbage there (lsp/collector.ts).
   */
  readonly afterWholeParse?: () => void;
}

/** Texts at least this long report their whole parses (`HostHooks.afterWholeParse`). */
const LARGE_PARSE_CHARS = 256 * 1024;

/** What analysing one document gave: its snapshot, or the one finding that says why there is none. */
export type Analysis =
  | { readonly kind: 'analysed'; readonly snapshot: Snapshot }
  | {
      readonly kind: 'not-analysed';
      readonly path: string;
      readonly lines: LineIndex;
      readonly finding: Finding;
      /** What was thrown, for the log (absent when a limit was the reason). */
      readonly error?: unknown;
    };

export class Host {
  private readonly open = new Map<string, string>();
  private readonly parsed = new Map<string, ParsedText>();
  private readonly built = new Map<
    string,
    {
      parsed: ParsedText;
      authors: KnownAuthors;
      lists: readonly (readonly BibEntry[])[];
      /** The project's custom cross-reference kinds (the same map while its file is unchanged). */
      kinds: CustomCrossReferenceKinds | undefined;
      judge: string;
      manuscript: Manuscript;
    }
  >();
  private readonly loader: BibliographyLoader;
  private readonly settle: SettleWatch;
  private readonly claimCues = new ClaimCueCache();
  /** Each document's per-block model results, so that an edit analyses only the blocks it changed. */
  readonly blockResults = new BlockResultCache();
  /** Each document's findings kept per block, so that an edit checks only the blocks it changed. */
  readonly blockFindings = new BlockFindingCache();
  /** Each document's coverage figures kept per block, so that an edit counts only the blocks it changed. */
  readonly blockCoverage = new BlockCoverageCache();
  /** Formatted references and the CSL engines of user styles, for every snapshot of this host. */
  readonly formatter = new ReferenceFormatter();
  /** Sentence splitting is a pure function of a paragraph's plain text: unchanged paragraphs hit the memo. */
  private readonly splitSentences = memoise(splitSentences, 4096);
  /** The bibliography's match for the claims model, per bibliography version; the manuscript's scale per block. */
  private readonly claimBibliographies = new ClaimBibliographyCache(this.splitSentences);
  /** Closest keys to unknown ones, per key index (so, per unchanged library). */
  private readonly closestKeys = new WeakMap<ReadonlyMap<string, readonly ResolvedEntry[]>, (key: string) => string[]>();
  /** Bibliography files beside manuscripts that declare none: their keys, and each folder's candidates. */
  private readonly nearby: NearbyCaches = { keySets: new WeakMap(), candidates: new Map(), answers: new Map() };
  /** First authors of a key index, once per index (the index lives as long as its files). */
  private readonly authorsByIndex = new WeakMap<ReadonlyMap<string, readonly ResolvedEntry[]>, KnownAuthors>();

  /** The file system, its stamps and listings answered from memory for `stampWindowMs` (files/recent-stamps.ts). */
  private readonly fs: RecentStamps;

  /**
   * `stampWindowMs`: how long a file's stamp or a folder's listing is trusted before it is checked again
   * in the background (0, the CLI's: asked of the disk every time). A server that hears of file changes
   * passes them to `filesChanged`.
   */
  constructor(
    files: FileSystem,
    private options: HostOptions = {},
    stampWindowMs = 0,
    private readonly hooks: HostHooks = {},
  ) {
    this.fs = new RecentStamps(files, stampWindowMs);
    // The settle checks look for a change no one reported: they must ask the disk.
    this.settle = new SettleWatch(files);
    this.loader = new BibliographyLoader(this.fs, (file, stamp) => this.settle.watch(file, stamp));
  }

  /**
   * Called when a file read earlier changed without a notification: a bibliography or style caught
   * mid-write, or a stamp or listing found changed by a background check. Snapshots taken now see it.
   */
  onSettledChange(listener: (path: string) => void): void {
    this.settle.onChange((file) => {
      this.fs.forget(file);
      listener(file);
    });
    this.fs.onChange(listener);
  }

  /** Files changed on disk (the editor or a watcher said so): these, or when not known which, any. */
  filesChanged(files?: readonly string[]): void {
    if (!files) this.fs.forget();
    else for (const file of files) this.fs.forget(file);
  }

  configure(options: HostOptions): void {
    this.options = options;
  }

  /** An editor buffer: its text wins over the file on disk. */
  setOpen(file: string, text: string): void {
    this.open.set(file, text);
  }

  close(file: string): void {
    this.open.delete(file);
    this.forget(file);
  }

  /**
   * A path from front matter or settings, relative to the manuscript's folder; for a document that is
   * not a file yet (an untitled buffer), relative to the workspace root, if there is one.
   */
  private resolve(file: string, value: string): string {
    const expanded = expandHome(value);
    if (path.isAbsolute(expanded)) return path.normalize(expanded);
    const base = path.isAbsolute(file) ? path.dirname(file) : this.options.root;
    return base ? path.resolve(base, expanded) : expanded;
  }

  openFiles(): string[] {
    return [...this.open.keys()];
  }

  /** Decoding problems of manuscripts read from disk (an editor buffer has none). */
  private readonly decodeProblems = new Map<string, DecodeProblem>();

  async text(file: string): Promise<string | undefined> {
    const open = this.open.get(file);
    if (open !== undefined) {
      this.decodeProblems.delete(file);
      return open;
    }
    const read = await this.fs.read(file);
    if (read.kind === 'text' && read.problem) this.decodeProblems.set(file, read.problem);
    else this.decodeProblems.delete(file);
    return textOf(read);
  }

  /** How manuscripts were parsed: only the blocks an edit touched, or whole (for tests and benches). */
  readonly parses = { incremental: 0, full: 0 };

  /** The text-only stage, once per text; after an edit, from the previous version's tree (syntax/incremental.ts). */
  private parse(file: string, text: string): ParsedText {
    const cached = this.parsed.get(file);
    if (cached && cached.text === text) return cached;
    const next = cached ? reparseManuscript(cached, text) : { parsed: parseManuscript(text), incremental: false };
    this.parses[next.incremental ? 'incremental' : 'full']++;
    this.parsed.set(file, next.parsed);
    if (!next.incremental && text.length >= LARGE_PARSE_CHARS) this.hooks.afterWholeParse?.();
    return next.parsed;
  }

  /** The manuscript, once per (text, set of known authors, bibliography version and scale). */
  private manuscript(
    file: string,
    parsed: ParsedText,
    authors: KnownAuthors,
    lists: readonly (readonly BibEntry[])[],
    kinds: CustomCrossReferenceKinds | undefined,
  ): Manuscript {
    const cached = this.built.get(file);
    if (cached && cached.parsed === parsed && cached.kinds === kinds && cached.authors.id === authors.id && sameLists(cached.lists, lists)) return cached.manuscript;
    if (this.options.failOn && parsed.text.includes(this.options.failOn)) throw new RangeError('Maximum call stack size exceeded (injected fault)');
    const bibliography = this.claimBibliographies.forManuscript(file, parsed, lists);
    const judge = bibliography ? `${authors.id}\u0000${bibliography.id}` : authors.id;
    // A bibliography reread with the same authors and matches (or still too few titles) changes no judgement.
    if (cached && cached.parsed === parsed && cached.kinds === kinds && cached.judge === judge) {
      this.built.set(file, { ...cached, authors, lists });
      return cached.manuscript;
    }
    const claimModel = this.options.claimModel ?? bundledClaimModel();
    const judgeClaims = this.claimCues.judge(authors.id, authors.names, claimModel, bibliography);
    const blockResults = this.blockResults.forDocument(file, judge);
    const manuscript = buildManuscript(parsed, {
      knownAuthors: authors.names,
      claimModel,
      judgeClaims,
      splitSentences: this.splitSentences,
      blockResults,
      ...(kinds ? { crossReferenceKinds: kinds } : {}),
    });
    this.built.set(file, { parsed, authors, lists, kinds, judge, manuscript });
    return manuscript;
  }

  /**
   * A document's analysis, fenced: over the size limit it is not analysed, and a throw while analysing
   * it becomes a finding on it, so one bad document never stops the others. Undefined when unreadable.
   */
  async analyse(file: string): Promise<Analysis | undefined> {
    const text = await this.text(file);
    if (text === undefined) return undefined;
    const limit = this.manuscriptLimit();
    const bytes = this.mayExceed(text, limit) ? Buffer.byteLength(text, 'utf8') : 0;
    if (bytes > limit)
      return { kind: 'not-analysed', path: file, lines: this.linesFor(file, text), finding: manuscriptTooLarge(file, text, bytes, limit) };
    try {
      const snapshot = await this.snapshotOf(file, text);
      return { kind: 'analysed', snapshot };
    } catch (error) {
      this.forget(file);
      return { kind: 'not-analysed', path: file, lines: this.linesFor(file, text), finding: analysisFailed(file, text, error), error };
    }
  }

  /**
   * The manuscript model of a document's current text for what does not read the bibliography (the
   * outline), built with the known authors of its last build: no awaited I/O (project files,
   * bibliography stamps), during which, right after an edit, the scheduled diagnostics run would go
   * first. It is the model the next snapshot uses unless the authors changed (builds are cached by
   * text and authors), and only claims read the authors. A snapshot's when there is no last build.
   */
  async manuscriptOf(file: string): Promise<Manuscript | undefined> {
    const text = this.open.get(file);
    const last = this.built.get(file);
    if (text === undefined || !last || this.mayExceed(text, this.manuscriptLimit())) {
      const a = await this.analyse(file);
      return a?.kind === 'analysed' ? a.snapshot.manuscript : undefined;
    }
    try {
      return this.manuscript(file, this.parse(file, text), last.authors, last.lists, last.kinds);
    } catch {
      this.forget(file); // as `analyse` does: its diagnostics say why
      return undefined;
    }
  }

  /**
   * What the outline reads of a document's model, right after an edit: as `manuscriptOf`, but only the
   * sections, annotations and consequences (at 1 MB, binding every block's citations and sentences and
   * judging the edited paragraph again were most of documentSymbol's time), from the blocks' kept results
   * without keeping any: the next snapshot builds the whole model.
   */
  async outlineOf(file: string): Promise<OutlineModel | undefined> {
    const text = this.open.get(file);
    const last = this.built.get(file);
    if (text === undefined || !last || this.mayExceed(text, this.manuscriptLimit())) return this.manuscriptOf(file);
    try {
      const parsed = this.parse(file, text);
      if (parsed === last.parsed) return last.manuscript;
      if (this.options.failOn && parsed.text.includes(this.options.failOn)) throw new RangeError('Maximum call stack size exceeded (injected fault)');
      const blockResults = this.blockResults.peek(file, last.judge);
      return buildManuscript(parsed, { blockResults, outlineOnly: true, ...(last.kinds ? { crossReferenceKinds: last.kinds } : {}) });
    } catch {
      this.forget(file); // as `analyse` does: its diagnostics say why
      return undefined;
    }
  }

  private manuscriptLimit(): number {
    return this.options.limits?.manuscriptBytes ?? defaultLimits.manuscriptBytes;
  }

  /** Whether `text` may be over `limit` bytes: a UTF-16 unit is at most 3 UTF-8 bytes, so short texts skip the count. */
  private mayExceed(text: string, limit: number): boolean {
    return text.length * 3 > limit;
  }

  /** Drops what was derived from a document's text (after a failure, so a retry starts clean). */
  private forget(file: string): void {
    this.parsed.delete(file);
    this.built.delete(file);
    this.blockResults.forget(file);
    this.blockFindings.forget(file);
    this.blockCoverage.forget(file);
    this.claimBibliographies.forget(file);
    this.keyIndexes.delete(file);
    this.inlineParsed.delete(file);
  }

  /** The snapshot, unfenced: throws what the analysis throws. */
  async snapshot(file: string): Promise<Snapshot | undefined> {
    const text = await this.text(file);
    return text === undefined ? undefined : this.snapshotOf(file, text);
  }

  private async snapshotOf(file: string, text: string): Promise<Snapshot> {
    const parsed = this.parse(file, text);
    const fm = parsed.frontMatter;
    // The chapter's front matter, then its book's project file (workspace/project.ts), then the settings.
    // A path computed by knitr's inline R code cannot be followed (model/knitr-inline.ts): it is
    // reported, and the project's or the settings' bibliography is used as if none were declared.
    const computed = fm.bibliography.filter((b) => isKnitrInline(b.value));
    const written = fm.bibliography.filter((b) => !isKnitrInline(b.value));
    // Read even when the front matter names both: the project also says which files are chapters (whose
    // cross-references may point into each other) and which custom cross-reference kinds it declares.
    const project = await this.projectOf(file);
    const declared = written.length
      ? written
      : (project?.bibliography.length ? project.bibliography : (this.options.defaultBibliography ?? [])).map((value) => ({
          value,
          range: fm.range,
        }));

    const bibliographies: DeclaredBibliography[] = computed.map((d) => ({ declared: d, path: d.value }));
    const { unique, repeats } = dedupeBibliographies(declared, (value) => this.resolve(file, value));
    const maxBytes = this.options.limits?.bibliographyBytes ?? defaultLimits.bibliographyBytes;
    for (const { declared: d, path: resolved } of unique) {
      const loaded = await this.loader.load(resolved, { maxBytes });
      if ('missing' in loaded) {
        bibliographies.push({ declared: d, path: resolved, ...(loaded.reason ? { problem: loaded.reason } : {}) });
        continue;
      }
      bibliographies.push({
        declared: d,
        path: resolved,
        file: { ...loaded, path: resolved, lines: this.linesFor(resolved, loaded.text) },
      });
    }

    const inline = fm.references ? this.inlineReferences(file, fm.yamlText, fm.yamlOffset) : NO_REFERENCES;
    const nearby = declared.length || computed.length ? [] : await nearbyBibliographies(this.fs, this.loader, file, maxBytes, this.nearby);

    const sources: [readonly BibEntry[], string][] = [
      // Pandoc: inline references take precedence over bibliography files.
      [inline.entries, file],
      ...bibliographies.flatMap((b): [readonly BibEntry[], string][] => (b.file ? [[b.file.entries, b.file.path]] : [])),
    ];
    const style = await this.style(file, fm.csl ?? (project?.csl ? { value: project.csl, range: fm.range } : undefined));
    const entries = this.keyIndex(file, sources);
    const manuscript = this.manuscript(file, parsed, knownAuthors(entries, this.authorsByIndex), sources.map((source) => source[0]), project?.crossReferenceKinds);
    const decodeProblem = this.decodeProblems.get(file);
    const referenceIndex = () => this.referenceIndex(sources.map((source) => source[0]));
    const suggestionContext = () => {
      let context = this.suggestionContexts.get(manuscript);
      if (!context) this.suggestionContexts.set(manuscript, (context = manuscriptContext(manuscript)));
      return context;
    };
    let closestKeys = this.closestKeys.get(entries);
    if (!closestKeys) this.closestKeys.set(entries, (closestKeys = closestKeysOf(entries, new Map())));
    return {
      path: file,
      ...(project ? { project } : {}),
      manuscript,
      bibliographies,
      repeatedBibliographies: repeats,
      ...(nearby.length ? { nearby } : {}),
      inline,
      style,
      entries,
      referenceIndex,
      suggestionContext,
      formatter: this.formatter,
      closestKeys,
      ...(decodeProblem ? { decodeProblem } : {}),
    };
  }

  private readonly projects = new Map<string, { stamp: string; project: Project | undefined }>();

  /** The nearest Quarto or bookdown project file above a manuscript, read again when it changes. */
  async projectOf(file: string): Promise<Project | undefined> {
    if (!path.isAbsolute(file)) return undefined;
    const root = this.options.root && !path.relative(this.options.root, file).startsWith('..') ? this.options.root : undefined;
    // Asked at every snapshot: the candidates
    // (up to three names in each folder up to the root) are looked at all at once, not one by one.
    const candidates = projectFileCandidates(file, root);
    const stamps = await Promise.all(candidates.map((c) => this.fs.stamp(c)));
    const nearest = stamps.findIndex((stamp) => stamp !== undefined);
    if (nearest >= 0) {
      const candidate = candidates[nearest]!;
      const stamp = stamps[nearest]!;
      const cached = this.projects.get(candidate);
      if (cached?.stamp === stamp) return cached.project;
      const project = await readProject(this.fs, candidate);
      this.projects.set(candidate, { stamp, project });
      return project;
    }
    return this.manubotProjectOf(file);
  }

  /**
   * A Manubot content folder (workspace/manubot.ts), read again when the folder or a file in it changes:
   * the listing covers files added or removed, the files' stamps the chapters' aliases and the tag table.
   * Only a file named as a chapter (`NN.name.md`) lists its folder, so other manuscripts pay nothing.
   */
  private async manubotProjectOf(file: string): Promise<Project | undefined> {
    if (!isManubotChapter(file)) return undefined;
    const dir = path.dirname(file);
    const names = await this.fs.list(dir);
    if (!names) return undefined;
    const stamps = await Promise.all(names.map((n) => this.fs.stamp(path.join(dir, n))));
    const stamp = names.map((n, i) => `${n}\t${stamps[i]}`).join('\n');
    const key = `manubot:${file}`; // per chapter: each leaves its own aliases out
    const cached = this.projects.get(key);
    if (cached?.stamp === stamp) return cached.project;
    const project = await manubotProject(this.fs, file, names);
    this.projects.set(key, { stamp, project });
    return project;
  }

  private readonly styles = new Map<string, { stamp: string | undefined; maxBytes: number; text: string | undefined; problem?: string }>();

  /** The front matter's `csl:` wins over the setting, as in Pandoc. Files are re-read when they change. */
  private async style(file: string, declared: Located<string> | undefined): Promise<CitationStyle> {
    const setting = this.options.citationStyle ?? 'apa';
    if (!declared && !setting.endsWith('.csl')) return { kind: 'name', name: setting };
    const value = declared?.value ?? setting;
    const stylePath = this.resolve(file, value);
    const stamp = await this.fs.stamp(stylePath);
    const maxBytes = this.options.limits?.styleBytes ?? defaultLimits.styleBytes;
    let cached = this.styles.get(stylePath);
    if (!cached || cached.stamp !== stamp || cached.maxBytes !== maxBytes) {
      cached = { stamp, maxBytes, ...(await readStyle(this.fs, stylePath, stamp, maxBytes, this.formatter)) };
      if (stamp !== undefined) this.settle.watch(stylePath, stamp);
      this.styles.set(stylePath, cached);
    }
    return {
      kind: 'file',
      path: stylePath,
      ...(cached.text !== undefined ? { text: cached.text } : {}),
      ...(cached.problem !== undefined ? { problem: cached.problem } : {}),
      ...(declared ? { declared } : {}),
    };
  }

  private readonly inlineParsed = new Map<string, { text: string; at: number; result: InlineReferences }>();

  /** Inline `references:` parsed once per front matter text, so the entry list stays the same object. */
  private inlineReferences(file: string, yamlText: string, at: number): InlineReferences {
    const cached = this.inlineParsed.get(file);
    if (cached && cached.text === yamlText && cached.at === at) return cached.result;
    // The whole front matter, not the sliced value: a slice loses the first item's indentation.
    const result = parseYamlReferences(yamlText, at);
    this.inlineParsed.set(file, { text: yamlText, at, result });
    return result;
  }

  private readonly keyIndexes = new Map<string, { sources: [readonly BibEntry[], string][]; entries: Map<string, ResolvedEntry[]> }>();

  /** The key index, reused while the same parsed entry lists back it (so caches keyed on it survive edits). */
  private keyIndex(file: string, sources: [readonly BibEntry[], string][]): Map<string, ResolvedEntry[]> {
    const cached = this.keyIndexes.get(file);
    const same = (a: [readonly BibEntry[], string], i: number) => a[0] === sources[i]![0] && a[1] === sources[i]![1];
    if (cached && cached.sources.length === sources.length && cached.sources.every(same)) return cached.entries;
    const entries = new Map<string, ResolvedEntry[]>();
    for (const [list, source] of sources)
      for (const entry of list) {
        const defs = entries.get(entry.key);
        if (defs) defs.push({ entry, file: source });
        else entries.set(entry.key, [{ entry, file: source }]);
      }
    this.keyIndexes.set(file, { sources, entries });
    return entries;
  }

  private readonly searches = new WeakMap<ReadonlyMap<string, readonly ResolvedEntry[]>, KeySearch>();

  /** The completion index of a snapshot's library, one per key index (so, per unchanged library). */
  keySearch(s: Snapshot): KeySearch {
    let search = this.searches.get(s.entries);
    if (!search) this.searches.set(s.entries, (search = new KeySearch(s.entries)));
    return search;
  }

  private readonly warmed = new WeakSet<object>();
  private readonly warmedStyles = new Set<string>();

  /**
   * What the first completion and hover of a library would otherwise build, built ahead (the server
   * calls these after publishing diagnostics, one per turn of the event loop): the completion index,
   * once per library, and the style's CSL engine, by formatting one entry, once per style and locale.
   */
  warmSearch(s: Snapshot): void {
    if (this.warmed.has(s.entries)) return;
    this.warmed.add(s.entries);
    this.keySearch(s).prepare();
  }

  warmStyle(s: Snapshot, locale: string): void {
    const options = styleOptions(s, locale);
    const style = `${options.style ?? ''}|${options.cslText ? createHash('sha1').update(options.cslText).digest('hex') : ''}|${locale}`;
    const first = s.entries.values().next().value?.[0]?.entry;
    if (!first || this.warmedStyles.has(style)) return;
    this.warmedStyles.add(style);
    this.formatter.formatReference(first.csl(), options);
  }

  /** Unused-reference findings, recomputed only when a library or the keys cited change. */
  readonly unusedReferences = new UnusedReferenceMemo();

  /** Sentence contexts for suggestions, per manuscript version (forgotten with it). */
  private readonly suggestionContexts = new WeakMap<Manuscript, DocumentContext>();

  /** Suggestion indexes by the parsed entry lists they cover (manuscripts sharing a bibliography share one). */
  private referenceIndexes: { lists: readonly (readonly BibEntry[])[]; index: ReferenceIndex }[] = [];

  private referenceIndex(lists: readonly (readonly BibEntry[])[]): ReferenceIndex {
    const same = (c: { lists: readonly (readonly BibEntry[])[] }) => c.lists.length === lists.length && c.lists.every((l, i) => l === lists[i]);
    let cached = this.referenceIndexes.find(same);
    if (!cached) cached = { lists, index: buildReferenceIndex(lists.flat()) };
    // Most recently used first; a few bibliographies are in use at a time.
    this.referenceIndexes = [cached, ...this.referenceIndexes.filter((c) => c !== cached)].slice(0, 4);
    return cached.index;
  }

  private readonly lineIndexes = new Map<string, { text: string; lines: LineIndex }>();

  private linesFor(file: string, text: string): LineIndex {
    const cached = this.lineIndexes.get(file);
    if (cached && cached.text === text) return cached.lines;
    const lines = new LineIndex(text);
    this.lineIndexes.set(file, { text, lines });
    return lines;
  }
}

interface KnownAuthors {
  readonly id: string;
  readonly names: ReadonlySet<string>;
}

/** First authors' family names of a key index, once per index (remembered in the host's `authorsByIndex`). */
function knownAuthors(
  entries: ReadonlyMap<string, readonly ResolvedEntry[]>,
  authorsByIndex: WeakMap<ReadonlyMap<string, readonly ResolvedEntry[]>, KnownAuthors>,
): KnownAuthors {
  let known = authorsByIndex.get(entries);
  if (!known) {
    const names = new Set<string>();
    for (const name of firstAuthors(Array.from(entries.values(), (defs) => defs[0]!.entry))) {
      const first = name.toLowerCase();
      // Very short names ("Li", "Wu") would match ordinary capitalised words too often.
      if (first.length > 2 && !/\s/.test(first)) names.add(first);
    }
    // Named by content: a bibliography edit that leaves the authors alone keeps every memoised verdict.
    known = { id: createHash('sha1').update([...names].sort().join('\n')).digest('hex'), names };
    authorsByIndex.set(entries, known);
  }
  return known;
}

/** The same entry lists, list by list (the host's parsed bibliographies are shared, not copied). */
function sameLists(a: readonly (readonly BibEntry[])[], b: readonly (readonly BibEntry[])[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

type InlineReferences = { readonly entries: readonly BibEntry[]; readonly errors: readonly BibError[] };
const NO_REFERENCES: InlineReferences = { entries: [], errors: [] };

function expandHome(p: string): string {
  return /^~[\\/]/.test(p) ? path.join(os.homedir(), p.slice(2)) : p;
}
