import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { coverageReport, type ReviewItem } from '../../../server/src/analysis/report.js';
import { escapeHtml, renderReportHtml } from '../../../server/src/analysis/report-html.js';
import { snapshotOf } from '../fixture.js';

const manuscript = `//- /paper.md
---
title: A small paper
bibliography: refs.bib
nocite: '@listed'
---
# Intro

[Sanctions have grown since 2018]{.claim} [@a]. [Trade fell by half.]{.claim}

## Detail

It brings [more deterrence]{.consequence category=positive key=deterrence}.
//- /refs.bib
@misc{a, author = {Katz, Mark}, title = {A}, year = {2020}}
@misc{listed, author = {Shaw, Ann}, title = {Listed only}, year = {2007}}
@misc{never, title = {Never cited}, year = {2011}}
`;

describe('coverage report data', () => {
  it('places sections, uncited claims and mentions by line, and lists the unused entries', async () => {
    const { snapshot } = await snapshotOf(manuscript);
    const r = coverageReport([snapshot]);
    expect(r.title).toBe('A small paper');
    const f = r.files[0]!;
    expect(f.sections.map((s) => [s.title, s.place.start.line, s.children.map((c) => c.title)])).toEqual([['Intro', 5, ['Detail']]]);
    expect(f.uncited.map((u) => [u.text, u.section, u.place.start, u.problem])).toEqual([
      ['Trade fell by half.', 'Intro', { line: 7, character: 49 }, 'Uncited claim: marked as a claim with {.claim}; no source is cited'],
    ]);
    expect(f.categories[0]!.consequences[0]!.mentions.map((m) => [m.text, m.section, m.place.start.line])).toEqual([['more deterrence', 'Detail', 11]]);
    expect(r.unused.map((u) => [u.key, u.summary, u.nocite, u.place.start.line])).toEqual([
      ['listed', 'Shaw 2007 · Listed only', true, 1],
      ['never', '2011 · Never cited', false, 2],
    ]);
    expect(f.reviews).toEqual([]);
  });

  it('takes review comments from the caller and shows them', async () => {
    const { snapshot } = await snapshotOf(manuscript);
    const reviews: ReviewItem[] = [{ reviewer: 'R1', kind: 'comment', text: 'Source for <this>?', line: 8 }];
    const r = coverageReport([snapshot], { reviews: () => reviews });
    expect(r.files[0]!.reviews).toEqual(reviews);
    const html = renderReportHtml(r, { mode: 'standalone' });
    expect(html).toContain('<h2 id="reviews-h">Review comments (1)</h2>');
    expect(html).toContain('<td>R1</td><td>comment</td><td>Source for &lt;this&gt;?</td><td><span class="loc">paper.md:8</span></td>');
  });

  it('lists the manuscript’s own review marks by default: reviewer, kind, text and line', async () => {
    const { snapshot } = await snapshotOf(`//- /paper.md
# Intro

Sanctions grew {~~ a lot ~> by half ~~}{>> R1: since when? <<}.
{++ Trade fell. ++} {>> @ana: cite the customs data <<}
`);
    const items = coverageReport([snapshot]).files[0]!.reviews.map((r) => [r.reviewer, r.kind, r.text, r.line]);
    expect(items).toEqual([
      ['R1', 'substitution', 'a lot → by half', 3],
      ['R1', 'comment', 'since when?', 3],
      ['(no reviewer)', 'addition', 'Trade fell.', 4],
      ['@ana', 'comment', 'cite the customs data', 4],
    ]);
  });
});

describe('report HTML', () => {
  it('standalone: no script, a style the CSP allows by its hash, light and dark, a print stylesheet', async () => {
    const { snapshot } = await snapshotOf(manuscript);
    const html = renderReportHtml(coverageReport([snapshot]), { mode: 'standalone' });
    expect(html).not.toContain('<script');
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(css, 'utf8').digest('base64');
    expect(html).toContain(`style-src 'sha256-${hash}'`);
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toContain('@media print');
    // The chart has a text alternative: a title and description, and the table with the same figures.
    expect(html).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"/);
    expect(html).toContain('<caption>Claims per section (a section counts its subsections)</caption>');
    expect(html).toContain('<tr><th scope="row" class="depth-0">Intro <span class="where"><span class="loc">line 6</span></span></th><td>2</td><td>1</td><td>0</td><td><a href="#claim-1">1</a></td><td>50%</td></tr>');
    expect(html).toContain('<li id="claim-1"><blockquote>Trade fell by half.</blockquote>');
  });

  it('webview: theme variables, a nonce for the style and the one script, rows that reveal their text', async () => {
    const { snapshot } = await snapshotOf(manuscript);
    const html = renderReportHtml(coverageReport([snapshot]), { mode: 'webview', nonce: 'abc123' });
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'nonce-abc123'; script-src 'nonce-abc123'"`);
    expect(html).toContain('<style nonce="abc123">');
    expect(html).toContain('<script nonce="abc123">');
    expect(html).toContain('var(--vscode-editor-background)');
    expect(html).not.toContain('prefers-color-scheme: dark');
    expect(html).toContain('<li id="claim-1" class="reveal" data-file="/paper.md" data-line="7" data-character="49" data-end-line="7" data-end-character="68">');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
