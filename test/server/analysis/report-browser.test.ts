/**
 * The HTML report of the edition in a real browser: Debian's headless Chromium driven by playwright-core
 * (as test/e2e/ui.mjs does). Asserts what a reader sees against the CLI's JSON. Skips, saying so, when
 * Chromium is missing. `MARGINALIA_DOCS_IMG=1` also refreshes docs/img/report.png (the README's picture).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageReport, type CoverageReport } from '../../../server/src/analysis/report.js';
import { renderReportHtml } from '../../../server/src/analysis/report-html.js';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
const skipNote = hasChromium ? '' : ` (skipped: no Chromium at ${executablePath})`;
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser | undefined;
let reportUrl = '';
let json: CoverageReport;

beforeAll(async () => {
  if (!hasChromium) return;
  if (!existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'marginalia-report-')), 'report.html');
  const r = spawnSync(process.execPath, [cli, 'report', 'document/paper.md', '-o', out], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  json = JSON.parse(spawnSync(process.execPath, [cli, 'coverage', 'document/paper.md', '--format', 'json'], { cwd: root, encoding: 'utf8' }).stdout) as CoverageReport;
  reportUrl = pathToFileURL(out).href;
  browser = await chromium.launch({ executablePath, args });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function open(colorScheme: 'light' | 'dark' = 'light') {
  const page = await browser!.newPage({ viewport: { width: 1000, height: 1300 }, colorScheme });
  const requests: string[] = [];
  const console: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => console.push(m.text()));
  await page.goto(reportUrl);
  return { page, requests, console };
}

describe.skipIf(!hasChromium)(`the edition's report in Chromium${skipNote}`, () => {
  it('shows one table row and one bar per section, with the counts of `marginalia coverage --format json`', async () => {
    const { page } = await open();
    const rows = await page.$$eval('#sections table tbody tr', (trs) =>
      trs.map((tr) => [tr.querySelector('th')!.childNodes[0]!.textContent!.trim(), ...[...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())]),
    );
    expect(rows).toEqual(
      json.files[0]!.sections.map((s) => [
        s.title,
        String(s.figures.claims),
        String(s.figures.byAuthors),
        String(s.figures.editorial),
        String(s.figures.uncited),
        s.figures.claims ? `${Math.floor(100 * s.figures.share)}%` : '–',
      ]),
    );
    expect(await page.$$eval('#sections svg g.row text.label', (t) => t.map((x) => x.textContent))).toEqual(json.files[0]!.sections.map((s) => s.title));
    // A bar's uncited segment is as long, relative to the longest bar, as the section's uncited claims.
    const widths = await page.$$eval('#sections svg g.row', (gs) => gs.map((g) => Number(g.querySelector('.seg-uncited')?.getAttribute('width') ?? 0)));
    const uncited = json.files[0]!.sections.map((s) => s.figures.uncited);
    expect(widths.map((w) => Math.round((w / widths[1]!) * uncited[1]!))).toEqual(uncited);
    expect(await page.textContent('#total')).toBe(
      `Claims cited: ${json.figures.cited}/${json.figures.claims} (35%): 0 cited by the authors, 6 cited only editorially, 11 uncited.`,
    );
    await page.close();
  });

  it('lists every uncited claim with its reason and line, the consequences and the unused entries', async () => {
    const { page } = await open();
    const claims = await page.$$eval('#uncited ol.claims > li', (lis) =>
      lis.map((li) => [li.querySelector('blockquote')!.textContent, li.querySelector('.reason')!.textContent, li.querySelector('.loc')!.textContent]),
    );
    expect(claims).toEqual(
      json.files[0]!.uncited.map((u) => [u.text, u.problem!.replace(/^Uncited claim: /, ''), `document/paper.md:${u.place.start.line + 1}`]),
    );
    expect(await page.$$eval('#consequences h3', (h) => h.map((x) => x.childNodes[0]!.textContent!.trim()))).toEqual([
      'Positive consequences',
      'Negative consequences',
    ]);
    expect(await page.$$eval('#consequences ul.mentions > li', (l) => l.length)).toBe(
      json.files[0]!.categories.flatMap((c) => c.consequences.flatMap((k) => k.mentions)).length,
    );
    expect(await page.$$eval('#unused tbody tr', (r) => r.length)).toBe(28);
    expect(await page.textContent('#reviews p')).toBe('No review comments.');
    await page.close();
  });

  it('links resolve within the page: the contents, and each section\'s uncited count to its first uncited claim', async () => {
    const { page, requests, console } = await open();
    const targets = await page.$$eval('a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
    expect(targets.length).toBeGreaterThan(5);
    for (const id of targets) expect(await page.$(`[id="${id}"]`), id).not.toBeNull();
    await page.click('#sections tbody tr:nth-child(2) td:nth-child(5) a');
    expect(new URL(page.url()).hash).toBe('#claim-4');
    expect(await page.textContent('#claim-4 .loc')).toBe(`document/paper.md:${json.files[0]!.uncited[3]!.place.start.line + 1}`);
    // Nothing but the page itself was requested, and the CSP refused nothing (the style's hash matches).
    expect(requests).toEqual([reportUrl]);
    expect(console.filter((m) => /Content Security Policy|Refused/.test(m))).toEqual([]);
    await page.close();
  });

  it('follows the reader\'s colour scheme, hides the navigation in print; screenshots in test-results/report', async () => {
    const light = await open('light');
    const dark = await open('dark');
    const colours = (p: typeof light.page) =>
      p.$eval('body', (body) => {
        const style = body.ownerDocument.defaultView!.getComputedStyle(body);
        return [style.backgroundColor, style.color];
      });
    expect(await colours(light.page)).toEqual(['rgb(255, 255, 255)', 'rgb(27, 31, 36)']);
    expect(await colours(dark.page)).toEqual(['rgb(13, 17, 23)', 'rgb(230, 237, 243)']);
    await light.page.emulateMedia({ media: 'print' });
    expect(await light.page.$eval('nav', (nav) => nav.ownerDocument.defaultView!.getComputedStyle(nav).display)).toBe('none');
    await light.page.emulateMedia({ media: 'screen' });
    const shots = path.join(root, 'test-results', 'report');
    mkdirSync(shots, { recursive: true });
    await light.page.screenshot({ path: path.join(shots, 'report-light.png') });
    await dark.page.screenshot({ path: path.join(shots, 'report-dark.png') });
    if (process.env.MARGINALIA_DOCS_IMG === '1') await light.page.screenshot({ path: path.join(root, 'docs/img/report.png'), clip: { x: 0, y: 0, width: 1000, height: 760 } });
    await light.page.close();
    await dark.page.close();
  });
});

describe.skipIf(!hasChromium)(`the webview page in Chromium${skipNote}`, () => {
  it('posts a reveal message with the place of the row clicked, and lets in-page links be', async () => {
    const paper = path.join(root, 'document/paper.md');
    const snapshot = (await new Host(new NodeFileSystem()).snapshot(paper))!;
    const report = coverageReport([snapshot]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'marginalia-webview-')), 'webview.html');
    writeFileSync(file, renderReportHtml(report, { mode: 'webview', nonce: 'dGVzdG5vbmNl' }));
    const page = await browser!.newPage();
    // What VS Code gives a webview: acquireVsCodeApi, whose postMessage reaches the extension.
    await page.addInitScript(() => {
      const w = globalThis as unknown as { posted: unknown[]; acquireVsCodeApi: () => object };
      w.posted = [];
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.posted.push(m), getState: () => undefined, setState: () => undefined });
    });
    const refused: string[] = [];
    page.on('console', (m) => /Refused|Content Security Policy/.test(m.text()) && refused.push(m.text()));
    await page.goto(pathToFileURL(file).href);
    const posted = () => page.evaluate(() => (globalThis as unknown as { posted: unknown[] }).posted);

    await page.click('#claim-2 blockquote');
    const claim = report.files[0]!.uncited[1]!;
    expect(await posted()).toEqual([{ type: 'reveal', file: paper, start: claim.place.start, end: claim.place.end }]);
    await page.click('#sections tbody tr:nth-child(2) td:nth-child(5) a'); // "#claim-4": navigation, no reveal
    expect(await posted()).toHaveLength(1);
    expect(new URL(page.url()).hash).toBe('#claim-4');
    await page.click('#sections tbody tr:nth-child(2) th .loc');
    expect((await posted())[1]).toEqual({ type: 'reveal', file: paper, ...pick(report.files[0]!.sections[1]!.place) });
    expect(refused).toEqual([]);
    await page.close();
  });
});

function pick(p: { start: unknown; end: unknown }) {
  return { start: p.start, end: p.end };
}
