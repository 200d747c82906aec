/**
 * A book's project file given on the command line (`marginalia coverage _quarto.yml`) stands for its
 * chapters, in reading order, so that a book gets one coverage and one check like a single manuscript;
 * so does a Manubot content folder. Any other folder stands for the manuscripts under it, as the
 * editor finds them (`marginalia.files.include` and `exclude`'s defaults), or for its book's chapters
 * when it holds the book's project file.
 */
import * as path from 'node:path';
import type { FileSystem } from '../files/file-system.js';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, findManuscripts } from '../lsp/workspace-files.js';
import { manubotChapters } from '../workspace/manubot.js';
import { PROJECT_FILES, readProject } from '../workspace/project.js';

/** Bibliography files by extension (BibTeX, BibLaTeX, CSL JSON, CSL YAML), which Pandoc reads with `--bibliography`. */
const BIBLIOGRAPHY_FILE = /\.(?:bib|bibtex|biblatex|json|ya?ml)$/i;

/** The arguments with each project file replaced by its chapters; a string says why it cannot be. */
export async function expandProjectArgs(files: readonly string[], fs: FileSystem, cwd = process.cwd()): Promise<string[] | string> {
  const out: string[] = [];
  for (const f of files) {
    // A Manubot content folder stands for its chapters too (`marginalia coverage content`).
    const manubot = await manubotChapters(fs, path.resolve(cwd, f));
    if (manubot) {
      out.push(...manubot.map((c) => path.relative(cwd, c) || c));
      continue;
    }
    const names = await fs.list(path.resolve(cwd, f));
    if (names) {
      const found = await folderManuscripts(fs, path.resolve(cwd, f), names);
      if (typeof found === 'string') return found;
      if (!found.length) return `${f} holds no manuscripts (${DEFAULT_INCLUDE.join(', ')})`;
      out.push(...found.map((c) => path.relative(cwd, c) || c));
      continue;
    }
    if (!(PROJECT_FILES as readonly string[]).includes(path.basename(f))) {
      // Read as Markdown, a .bib's `@article{` lines are citations of unknown keys: a clear refusal instead.
      if (BIBLIOGRAPHY_FILE.test(f)) return `${f} is a bibliography, not a manuscript: give it with --bibliography ${f}`;
      out.push(f);
      continue;
    }
    const project = await readProject(fs, path.resolve(cwd, f));
    if (!project) return `cannot read ${f}`;
    if (project.problem) return project.problem;
    if (!project.chapters.length)
      return `${f} lists no chapters (${project.kind === 'quarto' ? 'book.chapters' : 'rmd_files'}); name the manuscript files instead`;
    out.push(...project.chapters.map((c) => path.relative(cwd, c) || c));
  }
  return out;
}

/** A folder's book chapters when it holds a project file that lists some, else its manuscripts. */
async function folderManuscripts(fs: FileSystem, dir: string, names: readonly string[]): Promise<string[] | string> {
  const config = PROJECT_FILES.find((n) => names.includes(n));
  if (config) {
    const project = await readProject(fs, path.join(dir, config));
    if (project?.problem) return project.problem;
    if (project?.chapters.length) return [...project.chapters];
  }
  return findManuscripts(dir, DEFAULT_INCLUDE, DEFAULT_EXCLUDE);
}
