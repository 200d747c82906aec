/**
 * Loads bibliography files through the FileSystem interface, choosing the parser by extension and
 * caching each parse by the file's stamp: an unchanged file is never read or parsed again. A file
 * rewritten with the same bytes (Zotero's Better BibTeX re-exports the whole library on every change
 * anywhere in it) costs a read and a comparison with the text kept, and keeps its parse, so nothing
 * downstream is rebuilt.
 */
import { describeFailure, type FileSystem } from '../files/file-system.js';
import type { BibEntry, BibError, BibFormat, BibParseResult } from './types.js';
import { parseBibTeX } from './bibtex.js';
import { parseCslJson } from './csl-json.js';
import { parseYamlReferences } from './yaml-references.js';

export interface LoadedBibliographyFile {
  readonly path: string;
  readonly format: BibFormat;
  readonly text: string;
  readonly entries: readonly BibEntry[];
  readonly errors: readonly BibError[];
}

export interface MissingBibliography {
  readonly path: string;
  readonly missing: true;
  /** Why there is no text when the file exists: not a regular file, over the size limit, unreadable. */
  readonly reason?: string;
}

export interface LoadOptions {
  /** Files larger than this are not read (`marginalia.limits.bibliographyBytes`). */
  readonly maxBytes?: number;
}

export type LoadedBibliography = LoadedBibliographyFile | MissingBibliography;

/** Format by extension, as Pandoc decides it; unknown extensions are read as BibLaTeX. */
export function formatForPath(path: string): BibFormat {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'json':
      return 'csljson';
    case 'yaml':
    case 'yml':
      return 'yaml';
    default:
      return 'bibtex';
  }
}

export function parseBibliography(text: string, format: BibFormat): BibParseResult {
  switch (format) {
    case 'csljson':
      return parseCslJson(text);
    case 'yaml':
      return parseYamlReferences(text, 0);
    case 'bibtex':
      return parseBibTeX(text);
  }
}

export class BibliographyLoader {
  private readonly cache = new Map<string, { stamp: string; bytes: number; result: LoadedBibliographyFile }>();
  /** Concurrent loads of one file share a single read and parse. */
  private readonly pending = new Map<string, Promise<LoadedBibliography>>();

  constructor(
    private readonly fs: FileSystem,
    /** Told of each read from disk (not from the cache), with the stamp the file had before it. */
    private readonly onRead?: (path: string, stamp: string) => void,
  ) {}

  load(path: string, options: LoadOptions = {}): Promise<LoadedBibliography> {
    const inFlight = this.pending.get(path);
    if (inFlight) return inFlight;
    const promise = this.loadUncached(path, options).finally(() => this.pending.delete(path));
    this.pending.set(path, promise);
    return promise;
  }

  /** Drops cached parses (all, or one path). */
  invalidate(path?: string): void {
    if (path === undefined) this.cache.clear();
    else this.cache.delete(path);
  }

  private async loadUncached(path: string, options: LoadOptions): Promise<LoadedBibliography> {
    const stamp = await this.fs.stamp(path);
    if (stamp === undefined) {
      this.cache.delete(path);
      return { path, missing: true };
    }
    const hit = this.cache.get(path);
    // A lowered limit applies to a file parsed under the old one too.
    if (hit && hit.stamp === stamp && (options.maxBytes === undefined || hit.bytes <= options.maxBytes)) return hit.result;
    const read = await this.fs.read(path, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
    if (read.kind !== 'text') {
      this.cache.delete(path);
      return read.kind === 'missing'
        ? { path, missing: true }
        : { path, missing: true, reason: describeFailure(read, 'marginalia.limits.bibliographyBytes') };
    }
    this.onRead?.(path, stamp);
    const text = read.text;
    // The text itself, not a hash of it: comparing 12 MB is a few milliseconds, hashing them (encoded
    // to UTF-8 first) tens, and the old text is kept anyway.
    if (hit && hit.result.text === text && !read.problem) {
      this.cache.set(path, { ...hit, stamp });
      return hit.result;
    }
    const format = formatForPath(path);
    const parsed = parseBibliography(text, format);
    const errors: BibError[] = read.problem
      ? [{ message: read.problem.message, range: { start: read.problem.offset, end: read.problem.offset + 1 }, severity: 'error' }, ...parsed.errors]
      : parsed.errors;
    const result: LoadedBibliographyFile = { path, format, text, entries: parsed.entries, errors };
    this.cache.set(path, { stamp, bytes: Buffer.byteLength(text), result });
    return result;
  }
}
