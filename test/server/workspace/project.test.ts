import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';
import { readProject } from '../../../server/src/workspace/project.js';

const quarto = `project:
  type: book
book:
  title: "Iran and Russia"
  chapters:
    - index.qmd
    - part: "Cooperation"
      chapters:
        - chapters/arms.qmd
        - chapters/sanctions.qmd
  appendices:
    - appendix.qmd
bibliography: references.bib
csl: styles/chicago.csl
`;

const bib = '@book{katz2012russia, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}';

describe('multi-file manuscripts (Quarto, bookdown)', () => {
  it("reads a Quarto book's chapters in order, parts included, and its bibliography and style as absolute paths", async () => {
    const fs = new MemoryFileSystem({ '/book/_quarto.yml': quarto });
    expect(await readProject(fs, '/book/_quarto.yml')).toEqual({
      kind: 'quarto',
      config: '/book/_quarto.yml',
      root: '/book',
      chapters: ['/book/index.qmd', '/book/chapters/arms.qmd', '/book/chapters/sanctions.qmd', '/book/appendix.qmd'],
      bibliography: ['/book/references.bib'],
      csl: '/book/styles/chicago.csl',
    });
  });

  it("gives a chapter without front matter its book's bibliography, in a subfolder too", async () => {
    const fs = new MemoryFileSystem({
      '/book/_quarto.yml': quarto,
      '/book/references.bib': bib,
      '/book/chapters/arms.qmd': '# Arms\n\nRussia sold arms to Iran [@katz2012russia].\n',
    });
    const s = (await new Host(fs).snapshot('/book/chapters/arms.qmd'))!;
    expect(s.project?.config).toBe('/book/_quarto.yml');
    expect(s.bibliographies.map((b) => b.path)).toEqual(['/book/references.bib']);
    expect(diagnose(s, defaultConfig).filter((d) => d.code === 'unknown-key')).toEqual([]);
    expect(s.style).toMatchObject({ kind: 'file', path: '/book/styles/chicago.csl' });
  });

  it("lets a chapter's own front matter win over the book's, as Pandoc does", async () => {
    const fs = new MemoryFileSystem({
      '/book/_quarto.yml': quarto,
      '/book/references.bib': bib,
      '/book/own.bib': '@misc{own, title = {Own}}',
      '/book/index.qmd': '---\nbibliography: own.bib\n---\nText [@own].\n',
    });
    const s = (await new Host(fs).snapshot('/book/index.qmd'))!;
    expect(s.bibliographies.map((b) => b.path)).toEqual(['/book/own.bib']);
  });

  it("reads a bookdown book's chapters from _bookdown.yml and its bibliography from index.Rmd", async () => {
    const fs = new MemoryFileSystem({
      '/bd/_bookdown.yml': 'book_filename: "iran"\nrmd_files: ["index.Rmd", "01-arms.Rmd"]\n',
      '/bd/index.Rmd': '---\ntitle: "Iran"\nbibliography: [book.bib, packages.bib]\n---\n\n# Preface\n',
      '/bd/book.bib': bib,
      '/bd/01-arms.Rmd': '# Arms\n\nRussia sold arms to Iran [@katz2012russia].\n',
    });
    const s = (await new Host(fs).snapshot('/bd/01-arms.Rmd'))!;
    expect(s.project).toMatchObject({ kind: 'bookdown', chapters: ['/bd/index.Rmd', '/bd/01-arms.Rmd'], bibliography: ['/bd/book.bib', '/bd/packages.bib'] });
    expect([...s.entries.keys()]).toEqual(['katz2012russia']);
    // The second bibliography is missing: reported like any other, on the chapter.
    expect(diagnose(s, defaultConfig).map((d) => d.code)).toContain('bibliography-not-found');
  });

  it('reports a broken project file on the chapter and goes on without it', async () => {
    const fs = new MemoryFileSystem({
      '/book/_quarto.yml': 'book:\n  chapters: [index.qmd\n',
      '/book/index.qmd': '# Intro\n\nText.\n',
    });
    const s = (await new Host(fs).snapshot('/book/index.qmd'))!;
    const found = diagnose(s, defaultConfig).filter((d) => d.code === 'malformed-front-matter');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^_quarto\.yml is not valid YAML: .+; the book's bibliography and style are not used$/);
    expect(s.bibliographies).toEqual([]);
  });

  it('looks no higher than the workspace root', async () => {
    const fs = new MemoryFileSystem({ '/_quarto.yml': quarto, '/references.bib': bib, '/ws/p.md': 'Text [@katz2012russia].\n' });
    expect((await new Host(fs, { root: '/ws' }).snapshot('/ws/p.md'))!.project).toBeUndefined();
    expect((await new Host(fs).snapshot('/ws/p.md'))!.project?.config).toBe('/_quarto.yml');
  });
});
