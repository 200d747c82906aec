/**
 * Manubot manuscripts (manubot/rootstock): the text is `content/NN.name.md`, read in file-name order as
 * one manuscript; there is no project file naming a bibliography. Manubot gives Pandoc every
 * `content/manual-references*` file as bibliography, fetches the metadata of persistent-identifier keys
 * (`@doi:…`) itself, and lets a line `[@alias]: doi:…` name an identifier by a short key.
 *
 * A folder is a Manubot content folder when it holds numbered Markdown files and Manubot's own files
 * (`metadata.yaml` or `manual-references*`): Manubot itself only needs the numbered files, but a
 * folder of numbered notes is not a manuscript.
 */
import * as path from 'node:path';
import type { FileSystem } from '../files/file-system.js';
import type { ManuscriptProject } from '../analysis/snapshot.js';
import { citationAliases, citationTagTable } from '../bibliography/manubot-citekeys.js';

const CHAPTER = /^\d+\..*\.md$/i;
const METADATA = /^metadata\.ya?ml$/i;
/** Manubot's bibliography files; only the formats Pandoc reads as a bibliography. */
const MANUAL_REFERENCES = /^manual-references.*\.(json|ya?ml|bib)$/i;

/** A folder's listing read as a Manubot content folder, or undefined when it is none. */
function contentFolder(root: string, names: readonly string[]) {
  const metadata = names.find((n) => METADATA.test(n));
  const bibliography = names.filter((n) => MANUAL_REFERENCES.test(n));
  if ((!metadata && !bibliography.length) || !names.some((n) => CHAPTER.test(n))) return undefined;
  // Manubot concatenates every .md file of the folder in name order (the numbers give the order).
  const chapters = names.filter((n) => /\.md$/i.test(n)).map((n) => path.join(root, n));
  return { metadata, bibliography, chapters };
}

/** The chapters of the Manubot content folder `dir` in reading order, or undefined when it is none. */
export async function manubotChapters(fs: FileSystem, dir: string): Promise<string[] | undefined> {
  const names = await fs.list(dir);
  return names && contentFolder(dir, names)?.chapters;
}

/** Whether `file` is named as a Manubot chapter (`NN.name.md`): only those are looked for a project. */
export function isManubotChapter(file: string): boolean {
  return CHAPTER.test(path.basename(file));
}

/**
 * The Manubot project `file` belongs to, or undefined when its folder is not a Manubot content folder.
 * `names`: the folder's listing, when the caller has it already.
 */
export async function manubotProject(fs: FileSystem, file: string, names?: readonly string[]): Promise<ManuscriptProject | undefined> {
  if (!isManubotChapter(file)) return undefined;
  const root = path.dirname(file);
  const listing = names ?? (await fs.list(root));
  const folder = listing && contentFolder(root, listing);
  if (!listing || !folder) return undefined;
  const { metadata, bibliography, chapters } = folder;
  const aliases = new Map<string, string>();
  for (const chapter of chapters) {
    if (chapter === path.resolve(file)) continue; // the open chapter's aliases come from its live text
    const text = await fs.readFile(chapter);
    if (text !== undefined) for (const [alias, target] of citationAliases(text)) if (!aliases.has(alias)) aliases.set(alias, target);
  }
  // Manubot before 0.4 read tags from a table instead: `tag` and `citation` columns, cited as `@tag:name`.
  const tags = listing.find((n) => /^citation-tags\.tsv$/i.test(n));
  const table = tags === undefined ? undefined : await fs.readFile(path.join(root, tags));
  if (table !== undefined) for (const [alias, target] of citationTagTable(table)) if (!aliases.has(alias)) aliases.set(alias, target);
  return {
    kind: 'manubot',
    config: metadata ? path.join(root, metadata) : root,
    root,
    chapters,
    bibliography: bibliography.map((n) => path.join(root, n)),
    aliases,
  };
}
