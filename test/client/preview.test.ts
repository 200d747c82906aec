/** The preview plugin renders what the server computed: real citeproc output for the reviewed edition. */
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { marginaliaPreview } from '../../client/src/preview/plugin.js';
import type { PreviewData } from '../../client/src/preview/data.js';
import { defaultConfig } from '../../server/src/analysis/config.js';
import { previewData } from '../../server/src/analysis/preview.js';
import { MemoryFileSystem } from '../../server/src/files/file-system.js';
import { NodeFileSystem } from '../../server/src/files/node-file-system.js';
import { Host } from '../../server/src/workspace/host.js';
import { sharedData } from '../shared-data.js';

const FIXTURE = path.resolve(__dirname, '../fixtures/review/edition-two-reviewers.md');

/** The plugin as VS Code's client wires it: the data looked up by the render's `env.currentDocument`. */
function engine(byUri: Record<string, PreviewData>): MarkdownIt {
  const md = new MarkdownIt({ html: true });
  md.use(marginaliaPreview, { data: (env: unknown) => byUri[String((env as { currentDocument?: string }).currentDocument)] });
  return md;
}

/**
 * Renders as VS Code's Markdown engine does (markdown-language-features' MarkdownItEngine): it parses
 * with `currentDocument` undefined (the tokens are cached per document version) and passes the
 * document only to the renderer.
 */
function vscodeRender(md: MarkdownIt, text: string, uri: string): string {
  const tokens = md.parse(text, { currentDocument: undefined });
  return md.renderer.render(tokens, md.options, { currentDocument: uri });
}

function renderer(byUri: Record<string, PreviewData>) {
  const md = engine(byUri);
  return (text: string, uri = 'file:///doc.md') => vscodeRender(md, text, uri);
}

async function dataFor(files: Record<string, string>): Promise<PreviewData> {
  const s = (await new Host(new MemoryFileSystem(files)).snapshot('/p.md'))!;
  // Through JSON, as it crosses the wire.
  return JSON.parse(JSON.stringify(previewData(s, defaultConfig))) as PreviewData;
}

const BIB = '@book{katz2012, author={Katz, Mark}, title={Russia and Iran}, year={2012}, publisher={MEP}}\n@article{lee2020, author={Lee, Ann and Park, Bo}, title={Drones}, journal={Security}, year={2020}}\n';

describe('preview: citations', () => {
  const doc = '---\nbibliography: r.bib\n---\nAs [see @katz2012, p. 3; -@lee2020] and @katz2012 [pp. 4-5] show, @lee2020 agree [@nokey]. Mail a@katz2012.org.\n';
  let render: (text: string) => string;
  beforeAll(async () => {
    const data = await dataFor({ '/p.md': doc, '/r.bib': BIB });
    render = renderer({ 'file:///doc.md': data });
  });

  it('renders each citation as author-date text with the formatted references as a tooltip', () => {
    const html = render(doc);
    expect(html).toContain(
      '<span class="marginalia-citation" title="Katz, M. (2012). Russia and iran. MEP.\nLee, A., &amp; Park, B. (2020). Drones. Security." data-cites="katz2012 lee2020">(see Katz, 2012, p. 3; 2020)</span>',
    );
    expect(html).toContain('<span class="marginalia-citation" title="Katz, M. (2012). Russia and iran. MEP." data-cites="katz2012">Katz (2012, pp. 4-5)</span> show');
    expect(html).toContain('data-cites="lee2020">Lee &amp; Park (2020)</span> agree');
  });

  it('leaves an unknown key as written, marked, and e-mail addresses alone', () => {
    const html = render(doc);
    expect(html).toContain('<span class="marginalia-citation marginalia-citation-unknown" title="Unknown key \'nokey\'" data-cites="nokey">[@nokey]</span>');
    expect(html).toContain('Mail a@katz2012.org.');
  });

  it('appends the reference list when the manuscript has no refs div', () => {
    const html = render(doc);
    expect(html.trim().endsWith('</div>')).toBe(true);
    expect(html).toContain('<div id="refs" class="marginalia-references" role="list">');
    expect(html).toContain('<div class="marginalia-reference" role="listitem" data-key="katz2012">Katz, M. (2012). <em>Russia and iran</em>. MEP.</div>');
  });

  it('without data (before the server answered) the text renders as plain Markdown', () => {
    const plain = renderer({})(doc);
    expect(plain).toContain('[see @katz2012, p. 3; -@lee2020]');
    expect(plain).not.toContain('marginalia-');
  });

  it('tokens parsed before the data arrived show the citations once it has (VS Code caches tokens per document version)', async () => {
    const byUri: Record<string, PreviewData> = {};
    const md = engine(byUri);
    const tokens = md.parse(doc, { currentDocument: undefined });
    expect(md.renderer.render(tokens, md.options, { currentDocument: 'file:///doc.md' })).toContain('[see @katz2012, p. 3; -@lee2020]');
    byUri['file:///doc.md'] = await dataFor({ '/p.md': doc, '/r.bib': BIB });
    const html = md.renderer.render(tokens, md.options, { currentDocument: 'file:///doc.md' });
    expect(html).toContain('>(see Katz, 2012, p. 3; 2020)</span>');
    expect(html).not.toContain('[see @');
    // Another document's render does not see this one's data.
    expect(md.renderer.render(tokens, md.options, { currentDocument: 'file:///other.md' })).toContain('[see @katz2012, p. 3; -@lee2020]');
  });

  it('without data, citation-like text renders exactly as markdown-it does without the plugin', () => {
    const text = [
      'As [see *also* @katz2012, p. 3; -@lee2020] and @katz2012 [pp. 4-5] show, [a link](https://example.org) and [ref].',
      'Mail a@katz2012.org or [write to me@example.org]; [@lee2020 **bold**]; @lee2020 [p. 3](https://example.org).',
      '',
      '[ref]: https://example.org/ref',
      '',
    ].join('\n');
    const plain = new MarkdownIt({ html: true, linkify: true });
    const md = new MarkdownIt({ html: true, linkify: true }).use(marginaliaPreview, { data: () => undefined });
    expect(vscodeRender(md, text, 'file:///doc.md')).toBe(plain.render(text));
  });

  it('a bracket after an in-text key that is a link or a span stays one, as the server reads it', async () => {
    const text = '---\nbibliography: r.bib\n---\nAs @katz2012 [p. 3](https://example.org) and @lee2020 [the drones]{.editorial} say.\n';
    const html = renderer({ 'file:///doc.md': await dataFor({ '/p.md': text, '/r.bib': BIB }) })(text);
    expect(html).toContain('data-cites="katz2012">Katz (2012)</span> <a href="https://example.org">p. 3</a>');
    expect(html).toContain('data-cites="lee2020">Lee &amp; Park (2020)</span> <span class="editorial">the drones</span>');
  });

  it('an in-text key with a group after it is one citation, as in Pandoc: "Katz (2012; Lee & Park, 2020)"', async () => {
    const text = '---\nbibliography: r.bib\n---\nAs @katz2012 [@lee2020] say.\n';
    const html = renderer({ 'file:///doc.md': await dataFor({ '/p.md': text, '/r.bib': BIB }) })(text);
    expect(html).toContain('data-cites="katz2012 lee2020">Katz (2012; Lee &amp; Park, 2020)</span> say.');
  });
});

describe('preview: the reviewed edition', () => {
  let html: string;
  beforeAll(async () => {
    const s = (await new Host(new NodeFileSystem()).snapshot(FIXTURE))!;
    const data = JSON.parse(JSON.stringify(previewData(s, defaultConfig))) as PreviewData;
    html = renderer({ 'file:///doc.md': data })(readFileSync(FIXTURE, 'utf8'));
  });

  it('citations inside editorial spans, spans as Pandoc renders them', () => {
    expect(html).toContain('<span class="editorial"><span class="marginalia-citation" title="Kolayi, E., &amp; Abedi, A. (2016).');
    expect(html).toContain('>(Kolayi &amp; Abedi, 2016; Pasandideh, 2014)</span></span>');
    expect(html).toContain('<span class="no-claim">This research aims to explore');
  });

  it('consequences marked by category, with the label as tooltip', () => {
    expect(html).toContain(
      `<span title="Negative consequences" class="consequence marginalia-category-negative" data-category="negative" data-key="isolation">the West's isolation of Iran</span>`,
    );
  });

  it('review marks: additions, deletions, substitutions, highlights, comments in the margin', () => {
    expect(html).toContain('<span class="marginalia-substitution"><del class="marginalia-deletion"> not a new phenomenon </del><ins class="marginalia-addition"> older than the Islamic Republic </ins></span>');
    expect(html).toContain('<span class="marginalia-comment" role="note"> R1: &quot;not new&quot; says nothing; say how old. </span>');
    expect(html).toContain('<ins class="marginalia-addition"> Russia delivered the S-300 air defence system to Iran in 2016. </ins>');
    expect(html).toContain(`<del class="marginalia-deletion"> Tehran's drones decided the war in Ukraine. </del>`);
    expect(html).toContain('<mark class="marginalia-highlight">By utilizing this method');
    expect(html).toContain('<span class="marginalia-comment" role="note"> @ana: which dynamics? name them. </span>');
  });

  it('the reference list replaces ::: {#refs}', () => {
    expect(html).not.toContain(':::');
    const refs = html.slice(html.indexOf('<div id="refs"'));
    expect(html.indexOf('<div id="refs"')).toBeGreaterThan(html.indexOf('5 References'));
    expect(refs.match(/class="marginalia-reference"/g)).toHaveLength(8);
    expect(refs).toContain('Katz, M. N. (2012). Russia and Iran. <em>Middle East Policy</em>');
  });
});

describe('preview: a second real manuscript (deep-review, Manubot keys)', () => {
  const deepReview = sharedData('deep-review/02.intro.md');
  const bibliography = sharedData('deep-review/manual-references-2020-01-29.json');
  it.skipIf(!deepReview.present || !bibliography.present)(
    `every citation the server found is rendered, none left raw${deepReview.skipNote}${bibliography.skipNote}`,
    async () => {
      const host = new Host(new NodeFileSystem(), { defaultBibliography: [bibliography.path] });
      const s = (await host.snapshot(deepReview.path))!;
      const data = JSON.parse(JSON.stringify(previewData(s, defaultConfig))) as PreviewData;
      const html = renderer({ 'file:///doc.md': data })(readFileSync(deepReview.path, 'utf8'));
      const rendered = [...html.matchAll(/<span class="marginalia-citation( marginalia-citation-unknown)?" title="[^"]*" data-cites="([^"]*)">([^<]*)<\/span>/g)];
      const groups = new Set(s.manuscript.citations.filter((c) => !c.group.nested).map((c) => c.groupRange.start));
      expect(groups.size).toBe(30);
      expect(rendered.length).toBe(groups.size);
      // Manubot fetches most `@doi:…` references when it builds: those are shown as written and marked
      // unknown. Its manual references carry their key in a `standard_id:` note line (the id is a hash):
      // a group whose keys are all there renders as author-date text.
      const known = (cites: string) => cites.split(' ').every((k) => s.entries.has(k));
      expect(rendered.filter((m) => !m[1]).map((m) => known(m[2]!))).not.toContain(false);
      expect(rendered.filter((m) => m[1]).map((m) => known(m[2]!))).not.toContain(true);
      expect(rendered.filter((m) => !m[1]).length).toBeGreaterThan(0);
      expect(rendered[0]![2]).toBe('doi:10.1371/journal.pbio.1002195');
      expect(html.replace(/<span class="marginalia-citation marginalia-citation-unknown"[^>]*>[^<]*<\/span>/g, '')).not.toMatch(/\[@/);
    },
  );
});

describe('preview: hostile input', () => {
  it('a paragraph of 50,000 unclosed `[` and `{++`, or of nested citation-like brackets, renders (each looks a bounded distance ahead)', async () => {
    const data = await dataFor({ '/p.md': 'x\n' });
    const render = renderer({ 'file:///doc.md': data });
    expect(render('['.repeat(50_000))).toContain('[[[');
    expect(render('{++ a '.repeat(10_000))).toContain('{++ a');
    // Citation candidates nest (each keeps its inside as tokens): 12,500 of them, unresolved, render as written.
    expect(render('[@a '.repeat(12_500) + ']'.repeat(12_500))).toContain(`<p>${'[@a '.repeat(12_500)}${']'.repeat(12_500)}</p>`);
  });
});
