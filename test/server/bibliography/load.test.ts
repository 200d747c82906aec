import { describe, expect, it } from 'vitest';
import { BibliographyLoader, formatForPath } from '../../../server/src/bibliography/load.js';
import { MemoryFileSystem, type FileRead, type FileSystem, type ReadOptions } from '../../../server/src/files/file-system.js';

/** Counts reads so the test can prove unchanged files are not reparsed. */
class CountingFs implements FileSystem {
  reads = 0;
  constructor(readonly inner: MemoryFileSystem) {}
  read(path: string, options?: ReadOptions): Promise<FileRead> {
    this.reads++;
    return this.inner.read(path, options);
  }
  readFile(path: string): Promise<string | undefined> {
    this.reads++;
    return this.inner.readFile(path);
  }
  stamp(path: string): Promise<string | undefined> {
    return this.inner.stamp(path);
  }
  list(dir: string): Promise<string[] | undefined> {
    return this.inner.list(dir);
  }
}

describe('BibliographyLoader', () => {
  it('picks the parser by extension', async () => {
    const mem = new MemoryFileSystem({
      '/lib/a.bib': '@book{a, title={A}}',
      '/lib/b.bibtex': '@book{b, title={B}}',
      '/lib/c.json': '[{"id": "c", "type": "book"}]',
      '/lib/d.yaml': '- id: d\n  type: book\n',
      '/lib/e.yml': 'references:\n  - id: e\n    type: book\n',
    });
    const loader = new BibliographyLoader(mem);
    const formats: Record<string, string> = {};
    for (const p of ['/lib/a.bib', '/lib/b.bibtex', '/lib/c.json', '/lib/d.yaml', '/lib/e.yml']) {
      const loaded = await loader.load(p);
      if ('missing' in loaded) throw new Error(`missing ${p}`);
      formats[p] = `${loaded.format}:${loaded.entries.map((e) => e.key).join(',')}`;
    }
    expect(formats).toEqual({
      '/lib/a.bib': 'bibtex:a',
      '/lib/b.bibtex': 'bibtex:b',
      '/lib/c.json': 'csljson:c',
      '/lib/d.yaml': 'yaml:d',
      '/lib/e.yml': 'yaml:e',
    });
    expect(formatForPath('/x/Library.BIB')).toBe('bibtex');
  });

  it('caches by stamp, reparses on change, reports missing files', async () => {
    const mem = new MemoryFileSystem({ '/refs.bib': '@book{one, title={1}}\n@book{one, title={dup}}' });
    const fs = new CountingFs(mem);
    const loader = new BibliographyLoader(fs);
    const first = await loader.load('/refs.bib');
    const second = await loader.load('/refs.bib');
    expect(second).toBe(first);
    expect(fs.reads).toBe(1);
    if ('missing' in first) throw new Error('unexpected');
    expect(first.entries.filter((e) => e.key === 'one')).toHaveLength(2);
    expect(first.text).toContain('@book{one');

    mem.write('/refs.bib', '@book{two, title={2}}');
    const third = await loader.load('/refs.bib');
    expect(fs.reads).toBe(2);
    expect('missing' in third ? [] : third.entries.map((e) => e.key)).toEqual(['two']);

    mem.delete('/refs.bib');
    expect(await loader.load('/refs.bib')).toEqual({ path: '/refs.bib', missing: true });
  });

  it('keeps the parse of a file rewritten with the same bytes (a re-export): a read and a comparison only', async () => {
    const text = '@book{one, title={1}}\n';
    const mem = new MemoryFileSystem({ '/refs.bib': text });
    const fs = new CountingFs(mem);
    const loader = new BibliographyLoader(fs);
    const first = await loader.load('/refs.bib');
    mem.write('/refs.bib', text); // a new stamp, the same content
    expect(await loader.load('/refs.bib')).toBe(first);
    expect(fs.reads).toBe(2);
    expect(await loader.load('/refs.bib')).toBe(first);
    expect(fs.reads).toBe(2); // the new stamp is remembered
    mem.write('/refs.bib', text + '@book{two, title={2}}\n');
    const changed = await loader.load('/refs.bib');
    expect(changed).not.toBe(first);
    expect('missing' in changed ? [] : changed.entries.map((e) => e.key)).toEqual(['one', 'two']);
  });

  it('shares one parse between concurrent loads', async () => {
    const fs = new CountingFs(new MemoryFileSystem({ '/r.json': '[]' }));
    const loader = new BibliographyLoader(fs);
    const [a, b] = await Promise.all([loader.load('/r.json'), loader.load('/r.json')]);
    expect(a).toBe(b);
    expect(fs.reads).toBe(1);
  });

  it('drops a BOM (as editors do) so offsets are those of the visible text', async () => {
    const text = '\uFEFF[{"id": "bom", "type": "book"}]';
    const loaded = await new BibliographyLoader(new MemoryFileSystem({ '/b.json': text })).load('/b.json');
    if ('missing' in loaded) throw new Error('unexpected');
    expect(loaded.errors).toEqual([]);
    expect(loaded.text).toBe(text.slice(1));
    const e = loaded.entries[0]!;
    expect(loaded.text.slice(e.keyRange.start, e.keyRange.end)).toBe('bom');
  });
});
