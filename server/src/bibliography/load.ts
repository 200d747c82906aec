/**
 * Loads bibliography files through the FileSystem interface, choosing the parser by extension and
 * caching each parse by the file's stamp: an unchanged file is never read or parsed again. A file
 * rewritten with the same bytes (Zotero's Better BibTeX re-exports the whole library on every change
 * anywhere in it) costs a read and a hash, and keeps its parse, so nothing downstream is rebuilt.
 */
import { createHash } from 'node:crypto';
import type { FileSystem } from '../files/file-system.js';
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
  /** Entries by key; a key defined twice maps to both entries (the diagnostics report it). */
  readonly byKey: ReadonlyMap<string, BibEntry[]>;
}

export interface MissingBibliography {
  readonly path: string;
  readonly missing: true;
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
  private readonly cache = new Map<string, { stamp: string; hash: string; result: LoadedBibliographyFile }>();
  /** Concurrent loads of one file share a single read and parse. */
  private readonly pending = new Map<string, Promise<LoadedBibliography>>();

  constructor(private readonly fs: FileSystem) {}

  load(path: string): Promise<LoadedBibliography> {
    const inFlight = this.pending.get(path);
    if (inFlight) return inFlight;
    const promise = this.loadUncached(path).finally(() => this.pending.delete(path));
    this.pending.set(path, promise);
    return promise;
  }

  /** Drops cached parses (all, or one path). */
  invalidate(path?: string): void {
    if (path === undefined) this.cache.clear();
    else this.cache.delete(path);
  }

  private async loadUncached(path: string): Promise<LoadedBibliography> {
    const stamp = await this.fs.stamp(path);
    if (stamp === undefined) {
      this.cache.delete(path);
      return { path, missing: true };
    }
    const hit = this.cache.get(path);
    if (hit && hit.stamp === stamp) return hit.result;
    const text = await this.fs.readFile(path);
    if (text === undefined) {
      this.cache.delete(path);
      return { path, missing: true };
    }
    const hash = createHash('sha1').update(text).digest('hex');
    if (hit && hit.hash === hash) {
      this.cache.set(path, { ...hit, stamp });
      return hit.result;
    }
    const format = formatForPath(path);
    // A BOM breaks JSON/YAML parsing; blank it rather than strip it so offsets stay valid.
    const parsed = parseBibliography(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, format);
    const byKey = new Map<string, BibEntry[]>();
    for (const e of parsed.entries) {
      const list = byKey.get(e.key);
      if (list) list.push(e);
      else byKey.set(e.key, [e]);
    }
    const result: LoadedBibliographyFile = { path, format, text, entries: parsed.entries, errors: parsed.errors, byKey };
    this.cache.set(path, { stamp, hash, result });
    return result;
  }
}
