/**
 * Multi-file manuscripts: a Quarto book or project (`_quarto.yml`) or a bookdown book (`_bookdown.yml`)
 * whose chapters share one bibliography and one style, declared once for the whole book. A chapter's
 * own front matter still wins, as in Pandoc; the project's declaration comes next, the settings last.
 *
 * - Quarto: `bibliography:`, `csl:` and `crossref: custom:` at the top level of `_quarto.yml` (project
 *   metadata, given to every document), chapters from `book.chapters` (strings or `part:` entries with their own
 *   `chapters:`) and `book.appendices`.
 * - bookdown: the book's metadata is the front matter of `index.Rmd`; chapters from `rmd_files` (a list,
 *   or one list per output format).
 *
 * Paths in a project file are relative to its folder and come out absolute.
 */
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FileSystem } from '../files/file-system.js';
import type { ManuscriptProject } from '../analysis/snapshot.js';
import { parseManuscript } from '../model/manuscript.js';
import { customCrossReferenceKinds } from '../syntax/cross-reference.js';

export type Project = ManuscriptProject;

export const PROJECT_FILES = ['_quarto.yml', '_quarto.yaml', '_bookdown.yml'] as const;

/** How many folders up from a manuscript a project file is looked for. */
const MAX_DEPTH = 6;

/** Project files that may govern `file`, nearest first (they may not exist). */
export function projectFileCandidates(file: string, stopAt?: string): string[] {
  const out: string[] = [];
  let dir = path.dirname(path.resolve(file));
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    for (const name of PROJECT_FILES) out.push(path.join(dir, name));
    if (stopAt && path.resolve(dir) === path.resolve(stopAt)) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

/** Reads a project file; a broken one still names its kind, with the reason. */
export async function readProject(fs: FileSystem, config: string): Promise<Project | undefined> {
  const text = await fs.readFile(config);
  if (text === undefined) return undefined;
  const root = path.dirname(config);
  const kind = path.basename(config).startsWith('_quarto') ? 'quarto' : 'bookdown';
  const empty: Project = { kind, config, root, chapters: [], bibliography: [] };
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    return { ...empty, problem: `${path.basename(config)} is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  const at = (p: string) => path.resolve(root, p);
  if (kind === 'quarto') {
    const book = field(data, 'book');
    const chapters = [...chapterList(field(book, 'chapters')), ...chapterList(field(book, 'appendices'))].map(at);
    const csl = strings(field(data, 'csl'))[0];
    const kinds = customCrossReferenceKinds(field(data, 'crossref'));
    return {
      ...empty,
      chapters,
      bibliography: strings(field(data, 'bibliography')).map(at),
      ...(csl ? { csl: at(csl) } : {}),
      ...(kinds.size ? { crossReferenceKinds: kinds } : {}),
    };
  }
  const files = field(data, 'rmd_files');
  const chapters = (Array.isArray(files) ? strings(files) : strings(field(files, 'html')).concat(strings(field(files, 'latex')))).map(at);
  const index = chapters.find((c) => /^index\.rmd$/i.test(path.basename(c))) ?? at('index.Rmd');
  // index.Rmd's front matter, read as every manuscript's is.
  const indexText = await fs.readFile(index);
  const meta = indexText === undefined ? undefined : parseManuscript(indexText).frontMatter;
  return {
    ...empty,
    chapters: [...new Set(chapters)],
    bibliography: (meta?.bibliography ?? []).map((b) => at(b.value)),
    ...(meta?.csl ? { csl: at(meta.csl.value) } : {}),
  };
}

function field(data: unknown, key: string): unknown {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined;
}

/** A string or a list of strings (YAML allows both for `bibliography:`). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' && v.trim() ? [v.trim()] : []));
  return [];
}

/** Quarto's chapter list: file names, and `part:` entries that carry their own chapters (or are a file). */
function chapterList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): string[] => {
    if (typeof entry === 'string') return [entry];
    const part = field(entry, 'part');
    const own = typeof part === 'string' && /\.(q?md|rmd|ipynb)$/i.test(part) ? [part] : [];
    return [...own, ...chapterList(field(entry, 'chapters'))];
  });
}
