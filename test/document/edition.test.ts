/**
 * The annotated edition of the paper (document/): bibliography, annotations, and fidelity to the source.
 *
 * Pandoc (2.17 on the build machines) is the reference implementation for the syntax and, for now, the
 * BibTeX reader; the tests that need it skip loudly when it is absent. The comparison with the source text
 * needs ../shared/seed/paper.txt, which a user's clone does not have; those tests skip loudly too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasPandoc } from '../pandoc.js';
import { parse as parseYaml } from 'yaml';
import { parseBibTeX } from '../../server/src/bibliography/bibtex.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const documentDir = path.join(repoRoot, 'document');
const paperPath = path.join(documentDir, 'paper.md');
const bibPath = path.join(documentDir, 'references.bib');
const editingPath = path.join(documentDir, 'EDITING.md');
const seedPath = path.resolve(repoRoot, '../shared/seed/paper.txt');

const hasSeed = existsSync(seedPath);
const NO_PANDOC = hasPandoc ? '' : ' (skipped: pandoc not installed)';
const NO_SEED = hasSeed ? '' : ' (skipped: ../shared/seed/paper.txt not present)';

/** Expected counts of the edition; change them together with EDITING.md. */
const EXPECTED = {
  references: 41,
  persian: 28,
  consequenceMentions: 13,
  editorialCitations: 10,
  claimOverrides: 2,
  noClaimOverrides: 4,
};

const paper = readFileSync(paperPath, 'utf8');
const fmMatch = /^---\n([\s\S]*?)\n---\n/.exec(paper);
if (!fmMatch) throw new Error('document/paper.md has no YAML front matter');
interface Term {
  id: string;
  label: string;
}
/** The edition's front matter as the issue specifies it; the tests below check each part. */
interface EditionFrontMatter {
  title: string;
  author: { name: string; affiliation: string; email: string; role: string }[];
  bibliography: string;
  lang: string;
  nocite: string;
  marginalia: { categories: Term[]; domains: Term[] };
}
const frontMatter = parseYaml(fmMatch[1]!) as EditionFrontMatter;
const body = paper.slice(fmMatch[0].length);

function pandoc(args: string[], input?: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('pandoc', args, { cwd: documentDir, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

// ---- the edition's Markdown, read with regular expressions (no Pandoc needed) ----

interface SpanInfo {
  text: string;
  classes: string[];
  attrs: Record<string, string>;
  section: string;
}

const EDITORIAL = / ?\[\[@[^\]]*\]\]\{\.editorial\}/g;
const SPAN = /\[((?:[^\[\]]|\[@[^\]]*\])*)\]\{([^}]*)\}/g;

function parseAttributes(raw: string): { classes: string[]; attrs: Record<string, string> } {
  const classes = [...raw.matchAll(/(?:^|\s)\.([\w-]+)/g)].map((m) => m[1]!);
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/(?:^|\s)([\w-]+)=("[^"]*"|[^\s"]+)/g)) attrs[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return { classes, attrs };
}

function spans(): SpanInfo[] {
  const out: SpanInfo[] = [];
  let section = '';
  for (const line of body.split('\n')) {
    const heading = /^#\s+(.*)$/.exec(line);
    if (heading) section = heading[1]!;
    for (const m of line.matchAll(SPAN)) out.push({ text: m[1]!, ...parseAttributes(m[2]!), section });
  }
  return out;
}

function citationKeys(text: string): string[] {
  return [...text.matchAll(/(?<![\w@])@([\w][\w:.#$%&\-+?<>~/]*[\w])/g)].map((m) => m[1]!);
}

function nociteKeys(): string[] {
  return citationKeys(String(frontMatter.nocite ?? ''));
}

/** The prose of paper.md without annotations: editorial citations removed, spans unwrapped. */
function strippedParagraphs(): string[] {
  let text = body.replace(EDITORIAL, '');
  for (;;) {
    const next = text.replace(/\[([^\[\]]*)\]\{[^}]*\}/g, '$1');
    if (next === text) break;
    text = next;
  }
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (trimmed === '' || /^::: \{#refs\}\s*:::$/.test(trimmed)) continue;
    if (/^[a-z]\. /.test(trimmed)) out.push(...trimmed.split('\n')); // the lettered list: one item a line
    else out.push(trimmed.replace(/^#\s+/, ''));
  }
  return out.map(normalise);
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// ---- the source text ----

interface Source {
  title: string;
  authorLines: string[];
  footnotes: string[];
  paragraphs: string[];
  referenceItems: string[];
  /** What is left in the reference section besides the items: the artifacts the edition removes. */
  referenceArtifacts: string[];
}

function readSource(): Source {
  const blocks = readFileSync(seedPath, 'utf8')
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const [title, authors, ...rest] = blocks;
  const footnotes: string[] = [];
  const paragraphs: string[] = [];
  const referenceItems: string[] = [];
  const referenceArtifacts: string[] = [];
  let inReferences = false;
  for (const block of rest) {
    if (/^[¹²³]/.test(block)) {
      footnotes.push(block);
      continue;
    }
    const heading = /^(\d)-\s*(.+)$/.exec(block);
    if (heading) {
      paragraphs.push(`${heading[1]} ${heading[2]}`);
      inReferences = heading[2] === 'References';
      continue;
    }
    const lines = block.split('\n');
    if (inReferences) {
      for (const line of lines) (line.startsWith('- ') ? referenceItems : referenceArtifacts).push(line);
      continue;
    }
    if (lines[0]!.startsWith('- ')) {
      paragraphs.push(...lines.map((l) => l.replace(/^- /, '')));
      continue;
    }
    // The extraction split suggestion (c) in two: "...can lead to significant and" / "potentially ...".
    const last = paragraphs[paragraphs.length - 1];
    if (last !== undefined && /\band$/.test(last) && /^[a-z]/.test(block)) {
      paragraphs[paragraphs.length - 1] = `${last} ${block}`;
      continue;
    }
    paragraphs.push(block);
  }
  return {
    title: title!,
    authorLines: authors!.split('\n').map((l) => l.trim()),
    footnotes,
    paragraphs: paragraphs.map(normalise),
    referenceItems,
    referenceArtifacts,
  };
}

// ---- tests ----

describe('document/paper.md front matter', () => {
  it('has the title, bibliography, language and author objects', () => {
    expect(frontMatter.title).toBe(
      'The Consequences of Iran-Russia Defense and Security Cooperations during the Ukraine Crisis (2022)',
    );
    expect(frontMatter.bibliography).toBe('references.bib');
    expect(frontMatter.lang).toBe('en');
    expect(frontMatter.author.map((a) => a.name)).toEqual(['Ayob Nikunahad', 'Seyyed Razi Emadi', 'Mohsen Biuck']);
    for (const a of frontMatter.author) expect(Object.keys(a).sort()).toEqual(['affiliation', 'email', 'name', 'role']);
  });

  it('declares the consequence categories in order and the domains', () => {
    expect(frontMatter.marginalia.categories).toEqual([
      { id: 'positive', label: 'Positive consequences' },
      { id: 'negative', label: 'Negative consequences' },
    ]);
    const domains = frontMatter.marginalia.domains.map((d) => d.id);
    expect(new Set(domains).size).toBe(domains.length);
  });

  it.skipIf(!hasSeed)(`reproduces the title, author lines and author footnotes of the source${NO_SEED}`, () => {
    const source = readSource();
    expect(source.title).toBe(frontMatter.title);
    const marks = ['¹', '²', '³'];
    frontMatter.author.forEach((a, i) => {
      expect(source.authorLines[i]).toBe(`${a.name}${marks[i]}`);
      expect(source.footnotes[i]).toBe(`${marks[i]} ${a.role} of ${a.affiliation}. ${a.email}`);
    });
    expect(source.footnotes).toHaveLength(3);
  });
});

describe('document/paper.md prose', () => {
  it.skipIf(!hasSeed)(`matches the source paragraph for paragraph once annotations are stripped${NO_SEED}`, () => {
    const source = readSource();
    expect(strippedParagraphs()).toEqual(source.paragraphs);
  });

  it.skipIf(!hasSeed)(`removes only the running header and the next article's title from the references${NO_SEED}`, () => {
    const source = readSource();
    expect(source.referenceItems).toHaveLength(EXPECTED.references);
    expect(source.referenceArtifacts).toEqual([
      'Crisis Studies of the Islamic World',
      'Evaluating the Obstacles and Limitations of the United Nations Action in the Syrian Crisis within the framework of the Doctrine of the Responsibility to Protect',
    ]);
    expect(source.referenceItems.filter((l) => l.includes('[In Persian]'))).toHaveLength(EXPECTED.persian);
    expect(body).not.toContain('Crisis Studies of the Islamic World');
  });

  it('keeps the five numbered sections and leaves the reference list to citeproc', () => {
    expect(body.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# 1 Introduction',
      '# 2 Method and Theoretical Framework',
      '# 3 Discussion',
      '# 4 Conclusion and Suggestions',
      '# 5 References',
    ]);
    expect(body.trimEnd().endsWith('# 5 References\n\n::: {#refs}\n:::')).toBe(true);
  });
});

describe('document/paper.md annotations', () => {
  const all = spans();
  const consequences = all.filter((s) => s.classes.includes('consequence'));
  const declared = (name: 'categories' | 'domains') => new Set(frontMatter.marginalia[name].map((t) => t.id));

  it('uses only the known annotation classes, and no span crosses a line or paragraph', () => {
    for (const s of all) {
      expect(s.classes).toHaveLength(1);
      expect(['consequence', 'claim', 'no-claim', 'editorial']).toContain(s.classes[0]);
      expect(s.text).not.toContain('\n');
    }
  });

  it('gives every consequence a declared category and domain and a key', () => {
    const categories = declared('categories');
    const domains = declared('domains');
    for (const c of consequences) {
      expect(categories, c.text).toContain(c.attrs.category);
      expect(domains, c.text).toContain(c.attrs.domain);
      expect(c.attrs.key, c.text).toMatch(/^[a-z][a-z-]*$/);
    }
    expect(consequences).toHaveLength(EXPECTED.consequenceMentions);
  });

  it('names five positive and five negative consequences in the Discussion, each once', () => {
    const discussion = consequences.filter((c) => c.section === '3 Discussion');
    const keys = (cat: string) => discussion.filter((c) => c.attrs.category === cat).map((c) => c.attrs.key!);
    expect(new Set(keys('positive')).size).toBe(5);
    expect(keys('positive')).toHaveLength(5);
    expect(new Set(keys('negative')).size).toBe(5);
    expect(keys('negative')).toHaveLength(5);
  });

  it('ties every later mention to a consequence of the Discussion with the same category and domain', () => {
    const byKey = new Map(consequences.filter((c) => c.section === '3 Discussion').map((c) => [c.attrs.key!, c]));
    for (const c of consequences) {
      const first = byKey.get(c.attrs.key!);
      expect(first, `${c.attrs.key} is not named in the Discussion`).toBeDefined();
      expect(c.attrs.category).toBe(first!.attrs.category);
      expect(c.attrs.domain).toBe(first!.attrs.domain);
    }
  });

  it('marks every citation as editorial (the source has none) and records each in EDITING.md', () => {
    const editorial = all.filter((s) => s.classes.includes('editorial'));
    expect(editorial).toHaveLength(EXPECTED.editorialCitations);
    for (const e of editorial) expect(e.text).toMatch(/^\[@[\w-]+(?:; @[\w-]+)*\]$/);
    const inEditorial = editorial.flatMap((e) => citationKeys(e.text));
    expect(citationKeys(body)).toEqual(inEditorial);
    const editing = readFileSync(editingPath, 'utf8');
    for (const key of inEditorial) expect(editing, key).toContain(`@${key}`);
  });

  it('overrides the claim reading sparingly, on whole sentences', () => {
    const claim = all.filter((s) => s.classes.includes('claim'));
    const noClaim = all.filter((s) => s.classes.includes('no-claim'));
    expect(claim).toHaveLength(EXPECTED.claimOverrides);
    expect(noClaim).toHaveLength(EXPECTED.noClaimOverrides);
    const editing = readFileSync(editingPath, 'utf8');
    for (const s of [...claim, ...noClaim]) {
      expect(s.text).toMatch(/^[A-Z].*\.$/);
      expect(normalise(editing), s.text).toContain(s.text);
    }
  });
});

describe('document/references.bib', () => {
  const bibText = readFileSync(bibPath, 'utf8');

  it('holds 41 works with unique keys, 28 of them Persian, read by our own BibTeX parser', () => {
    const { entries, errors } = parseBibTeX(bibText);
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(EXPECTED.references);
    expect(new Set(entries.map((e) => e.key)).size).toBe(EXPECTED.references);
    const persian = entries.filter((e) => e.csl()['language'] === 'fa');
    expect(persian).toHaveLength(EXPECTED.persian);
    for (const p of persian) expect(p.csl()['note'], p.key).toBe('[In Persian]');
    const keys = new Set(entries.map((e) => e.key));
    for (const key of [...citationKeys(body), ...nociteKeys()]) expect(keys, key).toContain(key);
  });

  it.skipIf(!hasPandoc)(`holds 41 works with unique keys, 28 of them Persian${NO_PANDOC}`, () => {
    const r = pandoc(['-f', 'bibtex', '-t', 'csljson', 'references.bib']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const items = JSON.parse(r.stdout) as { id: string; language?: string; note?: string }[];
    expect(items).toHaveLength(EXPECTED.references);
    expect(new Set(items.map((i) => i.id)).size).toBe(EXPECTED.references);
    const persian = items.filter((i) => i.language === 'persian');
    expect(persian).toHaveLength(EXPECTED.persian);
    for (const p of persian) expect(p.note, p.id).toBe('[In Persian]');
    expect(items.filter((i) => i.note === '[In Persian]')).toHaveLength(EXPECTED.persian);
    // The raw file agrees (every entry is read).
    expect([...bibText.matchAll(/^@\w+\{/gm)]).toHaveLength(EXPECTED.references);
  });

  it.skipIf(!hasPandoc)(`contains every citation key of paper.md, and paper.md cites or lists all of it${NO_PANDOC}`, () => {
    const r = pandoc(['-f', 'bibtex', '-t', 'csljson', 'references.bib']);
    const ids = new Set((JSON.parse(r.stdout) as { id: string }[]).map((i) => i.id));
    const used = [...citationKeys(body), ...nociteKeys()];
    for (const key of used) expect(ids, key).toContain(key);
    expect(new Set(used)).toEqual(ids);
  });
});

describe('rendering with Pandoc', () => {
  it.skipIf(!hasPandoc)(`parses every span and citation as intended${NO_PANDOC}`, () => {
    const r = pandoc(['-f', 'markdown', '-t', 'json', 'paper.md']);
    expect(r.status).toBe(0);
    const ast = JSON.parse(r.stdout);
    const found: { classes: string[]; attrs: Record<string, string> }[] = [];
    const cites: string[] = [];
    // Pandoc's JSON AST is untyped here; `any` keeps the walk short and the assertions below check it.
    const walk = (x: any): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        if (x.t === 'Span') {
          const [, classes, kv] = x.c[0];
          found.push({ classes, attrs: Object.fromEntries(kv) });
        }
        if (x.t === 'Cite') cites.push(...x.c[0].map((c: any) => c.citationId));
        Object.values(x).forEach(walk);
      }
    };
    walk(ast.blocks);
    expect(found).toEqual(spans().map(({ classes, attrs }) => ({ classes, attrs })));
    expect(cites).toEqual(citationKeys(body));
    const list = ast.blocks.find((b: any) => b.t === 'OrderedList');
    expect(list.c[0].slice(1).map((t: any) => t.t)).toEqual(['LowerAlpha', 'Period']);
    expect(list.c[1]).toHaveLength(4);
  });

  it.skipIf(!hasPandoc)(`renders with --citeproc without warnings and lists all 41 works${NO_PANDOC}`, () => {
    // Pandoc 2.17 looks for `bibliography: references.bib` relative to the working directory.
    const r = pandoc(['paper.md', '--citeproc', '-t', 'html']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const refs = r.stdout.slice(r.stdout.indexOf('<div id="refs"'));
    const entries = [...refs.matchAll(/<div id="ref-([^"]+)" class="csl-entry"/g)].map((m) => m[1]!);
    expect(entries).toHaveLength(EXPECTED.references);
    expect(new Set(entries).size).toBe(EXPECTED.references);
  });
});
