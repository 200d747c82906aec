/** A book's project file (or its folder) on the command line stands for its chapters: one coverage, one check; any other folder for its manuscripts. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './built-cli.js';

beforeAll(ensureBuilt);

function book(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-book-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const quartoBook = {
  '_quarto.yml': 'project:\n  type: book\nbook:\n  chapters:\n    - index.qmd\n    - chapters/arms.qmd\nbibliography: references.bib\n',
  'references.bib': '@book{katz2012russia, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}\n',
  'index.qmd': '# Preface\n\n[Sanctions on Iran have doubled since 2018.]{.claim}\n',
  'chapters/arms.qmd': '# Arms\n\n[Russia sold arms to Iran]{.claim} [@katz2012russia].\n',
};

describe('marginalia with a book project file', () => {
  it("coverage _quarto.yml: the chapters in order, one total, the book's bibliography for each", () => {
    const dir = book(quartoBook);
    const r = runCli(['coverage', '_quarto.yml'], dir);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^\S.*: claims cited/.test(l))).toEqual([
      'index.qmd: claims cited 0/1 (0%): 0 by the authors, 0 only editorially, 1 uncited',
      'chapters/arms.qmd: claims cited 1/1 (100%): 1 by the authors, 0 only editorially, 0 uncited',
      'All 2 files: claims cited 1/2 (50%): 1 by the authors, 0 only editorially, 1 uncited',
    ]);
    // No unknown key: the chapter found the book's bibliography.
    const check = runCli(['check', '_quarto.yml', '--format', 'json'], dir);
    const codes = (JSON.parse(check.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.code));
    expect(codes).not.toContain('unknown-key');
    expect(codes).toContain('uncited-claim');
  });

  it("a book's folder stands for its chapters in book order; any other folder for the manuscripts under it", () => {
    const dir = book({ ...quartoBook, 'notes/draft.md': '# Draft\n\nA note.\n', 'node_modules/x/readme.md': '# X\n', '.quarto/cache.md': '# C\n' });
    const files = (args: string[]) =>
      (JSON.parse(runCli(['check', ...args, '--format', 'json'], dir).stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(files(['.'])).toEqual(['index.qmd', 'chapters/arms.qmd']);
    expect(files(['chapters', 'notes'])).toEqual(['chapters/arms.qmd', 'notes/draft.md']);
    const plain = book({ 'b.md': '# B\n', 'a/c.Rmd': '# C\n', 'node_modules/x/readme.md': '# X\n', '.git/d.md': '# D\n', 'e.txt': 'e' });
    expect((JSON.parse(runCli(['check', '.', '--format', 'json'], plain).stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['a/c.Rmd', 'b.md']);
    const empty = book({ 'e.txt': 'e' });
    expect(runCli(['coverage', '.'], empty)).toMatchObject({ code: 2, stderr: 'marginalia: . holds no manuscripts (**/*.md, **/*.qmd, **/*.Rmd)\n' });
  });

  it('refuses a bibliography given as a manuscript, and says how to give it', () => {
    const dir = book(quartoBook);
    expect(runCli(['check', 'index.qmd', 'references.bib'], dir)).toMatchObject({
      code: 2,
      stderr: 'marginalia: references.bib is a bibliography, not a manuscript: give it with --bibliography references.bib\n',
    });
    // Given as the option, it is the manuscript's bibliography: no unknown key, no error.
    const given = runCli(['check', 'index.qmd', '--bibliography', 'references.bib', '--format', 'json'], dir);
    expect(given.code).toBe(0);
    expect((JSON.parse(given.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.code)).sort()).toEqual(['uncited-claim', 'unused-reference']);
  });

  it('says why when the project lists no chapters or cannot be read', () => {
    const dir = book({ '_quarto.yml': 'project:\n  type: website\n', '_bookdown.yml': 'rmd_files: [index.Rmd\n' });
    expect(runCli(['coverage', '_quarto.yml'], dir)).toMatchObject({ code: 2, stderr: 'marginalia: _quarto.yml lists no chapters (book.chapters); name the manuscript files instead\n' });
    const broken = runCli(['check', '_bookdown.yml'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^marginalia: _bookdown\.yml is not valid YAML: /);
  });

  it('a Manubot content folder stands for its chapters, in name order, with its manual references', () => {
    const dir = book({
      'content/metadata.yaml': 'title: Arms\n',
      'content/manual-references.json': '[{"id": "katz2012russia", "type": "book", "title": "Russia and Iran", "issued": {"date-parts": [[2012]]}}]',
      'content/01.abstract.md': '## Abstract\n\n[Russia sold arms to Iran]{.claim} [@katz2012russia; @doi:10.1080/00396338.2012.728343].\n',
      'content/02.intro.md': '## Introduction\n\n[Sanctions on Iran have doubled since 2018.]{.claim}\n',
    });
    const r = runCli(['coverage', 'content'], dir);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => /^\S.*: claims cited/.test(l))).toEqual([
      'content/01.abstract.md: claims cited 1/1 (100%): 1 by the authors, 0 only editorially, 0 uncited',
      'content/02.intro.md: claims cited 0/1 (0%): 0 by the authors, 0 only editorially, 1 uncited',
      'All 2 files: claims cited 1/2 (50%): 1 by the authors, 0 only editorially, 1 uncited',
    ]);
    const check = runCli(['check', 'content', '--format', 'json'], dir);
    const codes = (JSON.parse(check.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.code));
    expect(codes).not.toContain('unknown-key');
  });
});
