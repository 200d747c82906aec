/**
 * The host owns the documents (open buffers or files on disk) and their bibliographies and hands out
 * immutable snapshots. A manuscript is rebuilt only when its text changes; a bibliography is reparsed
 * only when its file's stamp changes (the loader's cache).
 */
import * as path from 'node:path';
import { BibliographyLoader } from '../bibliography/load.js';
import { parseYamlReferences } from '../bibliography/yaml-references.js';
import type { BibEntry, BibError } from '../bibliography/types.js';
import type { DeclaredBibliography, ResolvedEntry, Snapshot } from '../analysis/snapshot.js';
import { buildManuscript, type Manuscript } from '../model/manuscript.js';
import { LineIndex } from '../text/line-index.js';
import type { FileSystem } from './file-system.js';

export interface HostOptions {
  /** Bibliographies used when a manuscript declares none (CLI `--bibliography`, a setting). */
  readonly defaultBibliography?: readonly string[];
}

export class Host {
  private readonly open = new Map<string, string>();
  private readonly built = new Map<string, { text: string; manuscript: Manuscript }>();
  private readonly loader: BibliographyLoader;

  constructor(
    private readonly fs: FileSystem,
    private options: HostOptions = {},
  ) {
    this.loader = new BibliographyLoader(fs);
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
    this.built.delete(file);
  }

  openFiles(): string[] {
    return [...this.open.keys()];
  }

  async text(file: string): Promise<string | undefined> {
    return this.open.get(file) ?? (await this.fs.readFile(file));
  }

  manuscript(file: string, text: string): Manuscript {
    const cached = this.built.get(file);
    if (cached && cached.text === text) return cached.manuscript;
    const manuscript = buildManuscript(text);
    this.built.set(file, { text, manuscript });
    return manuscript;
  }

  async snapshot(file: string): Promise<Snapshot | undefined> {
    const text = await this.text(file);
    if (text === undefined) return undefined;
    const manuscript = this.manuscript(file, text);
    const fm = manuscript.frontMatter;
    const declared = fm.bibliography.length
      ? fm.bibliography
      : (this.options.defaultBibliography ?? []).map((value) => ({ value, range: fm.range }));

    const bibliographies: DeclaredBibliography[] = [];
    for (const d of declared) {
      const resolved = path.resolve(path.dirname(file), expandHome(d.value));
      const loaded = await this.loader.load(resolved);
      if ('missing' in loaded) {
        bibliographies.push({ declared: d, path: resolved });
        continue;
      }
      bibliographies.push({
        declared: d,
        path: resolved,
        file: { ...loaded, path: resolved, lines: this.linesFor(resolved, loaded.text) },
      });
    }

    let inline: { entries: readonly BibEntry[]; errors: readonly BibError[] } = { entries: [], errors: [] };
    if (fm.references) {
      const r = fm.references;
      inline = parseYamlReferences(text.slice(r.start, r.end), r.start);
    }

    const entries = new Map<string, ResolvedEntry[]>();
    const add = (entry: BibEntry, source: string) => {
      const list = entries.get(entry.key);
      if (list) list.push({ entry, file: source });
      else entries.set(entry.key, [{ entry, file: source }]);
    };
    // Pandoc: inline references take precedence over bibliography files.
    for (const e of inline.entries) add(e, file);
    for (const b of bibliographies) if (b.file) for (const e of b.file.entries) add(e, b.file.path);

    return { path: file, manuscript, bibliographies, inline, entries };
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

function expandHome(p: string): string {
  return p.startsWith('~/') ? path.join(process.env['HOME'] ?? '~', p.slice(2)) : p;
}
