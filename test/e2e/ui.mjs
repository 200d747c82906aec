#!/usr/bin/env node
// The packaged extension as a person sees it: packages marginalia.vsix (in a scratch copy of the
// repository, so a concurrent `npm run build` cannot race it), installs it into an isolated
// code-server, opens a scratch copy of document/ in headless Chromium and drives the workbench with
// mouse and keyboard: hover on a citation key, Problems panel, Outline, the "Claims cited" status-bar
// item (and its change after typing a citation), the coverage report it opens in a webview, the
// injection grammar's scopes, "Marginalia: Add Review Comment" on a selection, and the Markdown preview
// rendered by our markdown-it plugin.
//
//   node test/e2e/ui.mjs            (tools: test/vscode/install-tools.sh; Node 20 or 24)
//
// Every step waits on the workbench's own signals (selectors), time-boxed; no sleeps. Screenshots go
// to test-results/ui/NN-step.png. Prints one line per check, the wall time of each part, the peak
// memory (RSS of this process and all its descendants, sampled every 500 ms) and a final line
// `N passed, N failed`; the exit code is the verdict (0 only if every check passed).
// State lives in .e2e-cache/run-ui/ (MARGINALIA_E2E_CACHE moves .e2e-cache); nothing is written to the
// repository except test-results/ui/. UI_KEEP_VSIX=1 reuses the last .vsix (faster reruns while editing this file).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  chromiumArgs, copyDocument, e2eCache, freePort, makeRunDirs, missingTools, repo, startCodeServer, stopProcessGroup,
  tools, writeUserSettings,
} from './lib/code-server.mjs';
import { mb, sampleMemory } from './lib/memory.mjs';

const run = path.join(e2eCache, 'run-ui');
const shots = path.join(repo, 'test-results', 'ui');
const vsix = path.join(run, 'marginalia.vsix');
const keptVsix = path.join(e2eCache, 'marginalia-ui.vsix');
const extensionId = 'marginalia.marginalia';
const citedKey = process.env.UI_HOVER_KEY ?? 'katz2012russia';

const started = Date.now();
const memory = sampleMemory(process.pid, 500);
const parts = []; // { name, ms, ok }
const checks = []; // { name, ok, detail, ms }
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `fn` within `ms` (rejects on time-out); records its wall time as a part. */
async function timed(name, ms, fn, list = parts) {
  const t0 = Date.now();
  let timer;
  try {
    const value = await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${name}: timed out after ${secs(ms)}`)), ms))),
    ]);
    list.push({ name, ms: Date.now() - t0, ok: true });
    return value;
  } catch (e) {
    list.push({ name, ms: Date.now() - t0, ok: false });
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

function exec(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code}\n${err || out}`)));
  });
}

/**
 * Packages the extension from a snapshot of the repository (sources, manifest, allowlist; node_modules
 * linked): the production build runs there with the repository's own scripts/build.mjs, and vsce
 * packages the snapshot, so dist/ in the repository is neither read nor written.
 */
async function packageVsix() {
  const stage = path.join(run, 'pkg');
  const skip = new Set(['node_modules', '.git', '.e2e-cache', 'dist', 'test-results', 'coverage']);
  mkdirSync(stage, { recursive: true });
  for (const entry of readdirSync(repo)) {
    if (skip.has(entry)) continue;
    cpSync(path.join(repo, entry), path.join(stage, entry), { recursive: true, filter: (src) => !src.endsWith('.vsix') });
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  await exec(process.execPath, [path.join(stage, 'scripts', 'build.mjs'), '--production'], { cwd: stage });
  for (const f of ['client.js', 'server.js', 'cli.js']) {
    if (!existsSync(path.join(stage, 'dist', f))) throw new Error(`the production build wrote no dist/${f} in ${stage}`);
  }
  rmSync(path.join(stage, 'node_modules')); // vsce must not walk the dependencies (--no-dependencies)
  const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  await exec(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], { cwd: stage });
  if (!existsSync(vsix)) throw new Error(`vsce wrote no ${vsix}`);
  cpSync(vsix, keptVsix);
  return { cli: path.join(stage, 'dist', 'cli.js') };
}

/** The CLI's view of the scratch manuscript: the uncited claims (count, ranges, messages). */
async function cliFigures(cli, file) {
  const json = JSON.parse(await exec(process.execPath, [cli, 'check', file, '--format', 'json']).catch((e) => {
    // `check` exits non-zero when it finds problems; its output is still the report.
    const m = /\n(\{[\s\S]*\})\s*$/.exec(e.message);
    if (m) return m[1];
    throw e;
  }));
  const diagnostics = json.files.flatMap((f) => f.diagnostics);
  return { uncited: diagnostics.filter((d) => d.code === 'uncited-claim') };
}

// ---------------------------------------------------------------------------------------------------
// The UI checks. `page` is the workbench; each helper waits on a selector or a DOM condition.

const sel = {
  workbench: '.monaco-workbench .part.editor',
  quickInput: '.quick-input-widget:not([style*="display: none"]) input',
  quickRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  editor: '.editor-instance .monaco-editor',
  viewLines: '.editor-instance .monaco-editor .view-lines',
  hover: '.monaco-resizable-hover .monaco-hover:not(.hidden) .monaco-hover-content',
  problemsRow: '.markers-panel .monaco-list-row',
  outlineRow: '.outline-pane .monaco-list-row',
  statusItem: '#workbench\\.parts\\.statusbar .statusbar-item',
};

let shotNo = 0;
async function shot(page, step) {
  shotNo += 1;
  const file = path.join(shots, `${String(shotNo).padStart(2, '0')}-${step}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  return file;
}

/** Runs a command from the palette (F1), choosing the row whose label is exactly `label`. */
async function command(page, label) {
  await page.keyboard.press('F1');
  await page.waitForSelector(sel.quickInput);
  await page.keyboard.type(label);
  await page.waitForFunction(
    ([rowSel, want]) => {
      const row = document.querySelector(`${rowSel}.focused`) ?? document.querySelector(rowSel);
      return row && row.querySelector('.quick-input-list-label, .label-name, .monaco-icon-label')?.textContent?.includes(want);
    },
    [sel.quickRow, label.replace(/^>/, '')],
  );
  await page.keyboard.press('Enter');
}

/** Ctrl+G, "line:column", Enter: moves the cursor as a person would (1-based line and column). */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+g');
  await page.waitForSelector(sel.quickInput);
  await page.keyboard.type(`${line}:${column}`);
  await page.waitForFunction(
    ([want]) => [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row, .quick-input-widget .quick-input-message')]
      .some((e) => e.textContent.includes(want)),
    [`line ${line}`],
  ).catch(() => undefined); // the wording varies between versions; Enter works either way
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([l, c]) => {
      const s = [...document.querySelectorAll('#workbench\\.parts\\.statusbar .statusbar-item')]
        .map((e) => e.textContent).find((t) => /Ln \d+, Col \d+/.test(t));
      return s?.includes(`Ln ${l}, Col ${c}`);
    },
    [line, column],
  );
}

async function statusFigure(page) {
  const text = await page.evaluate((s) =>
    [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).find((t) => t.startsWith('Claims cited:')), sel.statusItem);
  const m = /Claims cited: (\d+)\/(\d+)/.exec(text ?? '');
  return m ? { cited: Number(m[1]), claims: Number(m[2]), text } : undefined;
}

async function checkOpen(page, base, workspace) {
  // The step has its own 90 s box; on a loaded machine the workbench takes longer than the 15 s default to load.
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.waitForSelector(sel.workbench, { timeout: 60_000 });
  // Quick Open lists the file once code-server's file search has the folder; on a busy machine the
  // first search can come back empty, so ask again (as a person would) before giving up.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+p');
    await page.waitForSelector(sel.quickInput);
    await page.keyboard.type('paper.md');
    const listed = await page.waitForSelector(`${sel.quickRow}[aria-label*="paper.md"]`, { timeout: 20_000 }).then(() => true, (e) => {
      if (attempt === 3) throw new Error(`Quick Open did not list paper.md in 3 tries: ${e.message.split('\n')[0]}`);
      return false;
    });
    if (listed) break;
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab.active[aria-label*="paper.md"]`);
  await page.waitForSelector(`${sel.viewLines} .view-line`);
  // The language server is up once the coverage figure for this manuscript reaches the status bar.
  await page.waitForFunction(
    (s) => [...document.querySelectorAll(s)].some((e) => /Claims cited: \d+\/\d+/.test(e.textContent)),
    sel.statusItem,
    { timeout: 45_000 },
  );
  const figure = await statusFigure(page);
  await shot(page, 'open');
  return `paper.md open; status bar "${figure.text}"`;
}

/** What the hover must show for `key`: its first author's family name and its year, from references.bib. */
function expectedReference(bib, key) {
  const entry = new RegExp(`@\\w+\\s*\\{\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*,([\\s\\S]*?)\\n\\}`).exec(bib)?.[1] ?? '';
  const family = /author\s*=\s*\{+([^,}]+)/.exec(entry)?.[1].trim();
  const year = /year\s*=\s*\{?(\d{4})/.exec(entry)?.[1];
  if (!family || !year) throw new Error(`references.bib has no author and year for ${key}`);
  return { family, year };
}

async function checkHover(page, keyAt, want) {
  await goTo(page, keyAt.line, 1); // brings the paragraph into view
  const key = page.locator(`${sel.viewLines} .view-line span span`, { hasText: citedKey }).first();
  await key.waitFor();
  const box = await key.boundingBox();
  if (!box) throw new Error(`the span of ${citedKey} has no box`);
  // Onto the key itself (not the leading "@"): the right half of the span.
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 2 });
  const hover = await page.waitForFunction(
    (s) => {
      const t = [...document.querySelectorAll(s)].map((e) => e.textContent).join('\n');
      return /\(\d{4}[a-z]?\)/.test(t) && t;
    },
    sel.hover,
  );
  const text = await hover.jsonValue();
  // The hover fades in: wait for its animations to finish before the screenshot.
  await page.waitForFunction((s) => {
    const h = document.querySelector(s)?.closest('.monaco-resizable-hover') ?? document.querySelector(s);
    if (!h || !h.getAnimations({ subtree: true }).every((a) => a.playState === 'finished')) return false;
    for (let e = h; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return false;
    return true;
  }, sel.hover, { timeout: 5_000 });
  await shot(page, 'hover');
  if (!text.includes(want.family) || !text.includes(`(${want.year})`)) {
    throw new Error(`hover lacks "${want.family}" and "(${want.year})": ${text.slice(0, 300)}`);
  }
  return `hover: ${text.replace(/\s+/g, ' ').trim().slice(0, 120)}`;
}

/** Problems panel: every row whose message starts "Uncited claim:", scrolling the (virtual) list to its end. */
async function checkProblems(page, expected) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector(`${sel.problemsRow} .marker-message`);
  const seen = new Map(); // aria-label (message + position) -> message
  const list = page.locator('.markers-panel .monaco-list').first();
  for (let round = 0; round < 40; round += 1) {
    const rows = await page.$$eval(sel.problemsRow, (els) =>
      els.map((e) => ({ label: e.getAttribute('aria-label') ?? '', message: e.querySelector('.marker-message')?.textContent ?? '' })));
    const before = seen.size;
    for (const r of rows) if (r.message) seen.set(r.label, r.message);
    const atEnd = await list.evaluate((el) => {
      const s = el.querySelector('.monaco-scrollable-element');
      const rowsEl = el.querySelector('.monaco-list-rows');
      const top = Math.abs(parseFloat(rowsEl.style.top || '0'));
      return !s || top + s.clientHeight >= rowsEl.scrollHeight - 1 || rowsEl.scrollHeight <= s.clientHeight;
    });
    if (atEnd && seen.size === before && round > 0) break;
    if (atEnd && round > 0) break;
    // A person scrolls with the wheel; wait until the list re-renders further down.
    const box = await list.boundingBox();
    const firstLabel = rows[0]?.label;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, box.height * 0.8);
    await page.waitForFunction(
      ([s, l]) => document.querySelector(s)?.getAttribute('aria-label') !== l,
      [sel.problemsRow, firstLabel],
      { timeout: 3_000 },
    ).catch(() => undefined); // no change: the end of the list
  }
  const uncited = [...seen.values()].filter((m) => m.startsWith('Uncited claim:'));
  // The Problems tab's badge (errors + warnings + infos shown in the panel).
  const badge = await page.evaluate(() =>
    [...document.querySelectorAll('.part.panel .action-item')].find((e) => /^Problems/.test(e.textContent.trim()))
      ?.querySelector('.badge-content')?.textContent ?? '?');
  // Back to the top for the screenshot.
  const box = await list.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -10_000);
  await page.waitForFunction((s) => /paper\.md/.test(document.querySelector(s)?.getAttribute('aria-label') ?? ''), sel.problemsRow, { timeout: 3_000 })
    .catch(() => undefined);
  await shot(page, 'problems');
  const reasons = uncited.map((m) => m.replace(/^Uncited claim: /, '').replace(/;.*$/, ''));
  if (uncited.length !== expected) {
    throw new Error(`Problems lists ${uncited.length} uncited claims, the CLI ${expected} (badge "${badge}")`);
  }
  if (!uncited.every((m) => /^Uncited claim: .+; .+/.test(m))) throw new Error('an uncited-claim row has no reason');
  return `${uncited.length} "Uncited claim:" rows = CLI's ${expected} (Problems tab badge: ${badge}); reasons e.g. ${reasons.slice(0, 2).join(' | ')}`;
}

/** Outline: "Consequences" with both categories expanded and ten consequences under them. */
async function checkOutline(page) {
  await page.keyboard.press('Escape');
  await command(page, 'Focus on Outline View');
  await page.waitForSelector(`${sel.outlineRow} .outline-element`);
  // Room for the outline: collapse the Explorer's folder section, as a person would (click its header).
  const folders = page.locator('.pane', { has: page.locator('.explorer-folders-view') }).locator('.pane-header').first();
  // Under load a click on the header can land while the view is laid out and do nothing: click again
  // (up to three times) until the header says it is collapsed.
  // Without the section (the Explorer shows the Outline alone) there is nothing to collapse.
  const expanded = async () => (await folders.getAttribute('aria-expanded', { timeout: 5_000 }).catch(() => undefined)) === 'true';
  for (let attempt = 1; await expanded(); attempt++) {
    if (attempt > 3) throw new Error('the folders section did not collapse after 3 clicks on its header');
    await folders.click();
    for (const until = Date.now() + 8_000; Date.now() < until && (await expanded()); ) await page.waitForTimeout(250);
  }
  const rowsNow = () => page.$$eval(sel.outlineRow, (els) => els.map((e) => ({
    name: (e.querySelector('.label-name')?.textContent ?? e.getAttribute('aria-label') ?? '').trim(),
    level: Number(e.getAttribute('aria-level')),
    expanded: e.getAttribute('aria-expanded'),
    index: Number(e.getAttribute('data-index')),
  })));
  // Collapse All (the pane's title action), then expand the root, Consequences and each category by
  // clicking their twisties, as a person would: the ten consequences then fit on screen. Under load the
  // outline may be rebuilt (expanded) by a late symbol update just after the click: wait until its rows
  // stop changing first, and click again (up to three times) if it comes back expanded.
  const header = page.locator('.pane-header', { hasText: /^\s*Outline/ }).first();
  const settled = async () => {
    let last = '';
    for (let i = 0; i < 20; i++) {
      const now = JSON.stringify(await rowsNow());
      if (now === last) return;
      last = now;
      await page.waitForTimeout(500);
    }
  };
  let collapsed = false;
  for (let attempt = 1; attempt <= 3 && !collapsed; attempt++) {
    await settled();
    await header.hover();
    await header.locator('.action-label[aria-label="Collapse All"]').click();
    collapsed = await page
      .waitForFunction((s) => [...document.querySelectorAll(s)].every((r) => r.getAttribute('aria-level') === '1'), sel.outlineRow, { timeout: 5_000 })
      .then(() => true, () => false);
  }
  if (!collapsed) throw new Error(`Collapse All left rows below level 1 after 3 clicks; rows: ${JSON.stringify((await rowsNow()).slice(0, 8))}`);
  // With VS Code's own Markdown symbols beside ours, the outline groups symbols by provider: "Marginalia"
  // is the language client's group.
  for (const name of ['Marginalia', 'Consequences', 'Positive consequences', 'Negative consequences']) {
    // Symbols carry their name in .label-name, provider groups only in aria-label: find the row's index.
    const found = (await rowsNow()).find((r) => r.name === name);
    if (!found) throw new Error(`no outline row "${name}"; rows: ${JSON.stringify(await rowsNow())}`);
    const row = page.locator(`${sel.outlineRow}[data-index="${found.index}"]`);
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await page.waitForFunction(
        ([s, n]) => [...document.querySelectorAll(s)].some((r) =>
          (r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label'))?.trim() === n && r.getAttribute('aria-expanded') === 'true'),
        [sel.outlineRow, name],
      ).catch(async (e) => {
        throw new Error(`"${name}" did not expand: ${e.message.split('\n')[0]}; rows: ${JSON.stringify((await rowsNow()).slice(0, 12))}`);
      });
    }
  }
  let rows = await rowsNow();
  const group = rows.findIndex((r) => r.name === 'Marginalia' && r.level === 1);
  if (group >= 0) rows = rows.slice(group + 1, rows.findIndex((r, i) => i > group && r.level === 1) >>> 0);
  const at = rows.findIndex((r) => r.name === 'Consequences');
  const top = rows[at];
  const under = [];
  for (const r of rows.slice(at + 1)) {
    if (r.level <= top.level) break;
    under.push(r);
  }
  const categories = under.filter((r) => r.level === top.level + 1);
  const consequences = under.filter((r) => r.level === top.level + 2);
  const sections = rows.filter((r) => r.level === top.level && r.name !== 'Consequences').map((r) => r.name);
  await shot(page, 'outline');
  const names = categories.map((c) => c.name);
  if (names.join('|') !== 'Positive consequences|Negative consequences') throw new Error(`categories: ${names.join(', ')}`);
  const perCategory = categories.map((c) => under.slice(under.indexOf(c) + 1).findIndex((r) => r.level <= c.level));
  const counts = perCategory.map((n, i) => (n < 0 ? under.length - under.indexOf(categories[i]) - 1 : n));
  if (sections.length !== 5) throw new Error(`${sections.length} sections beside Consequences: ${sections.join(' / ')}`);
  if (consequences.length !== 10) throw new Error(`${consequences.length} consequences under the categories (rows ${counts.join('+')}), not 10`);
  return `sections ${sections.join(' / ')}; Consequences > ${names.map((n, i) => `${n} (${counts[i]})`).join(', ')}`;
}

/** The scope inspector on a citation key: its TextMate scopes come from our injection grammar. */
async function checkGrammar(page, line, column) {
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 400); // off the editor text (no hover, no Ctrl+hover link decoration)
  await page.keyboard.press('Control+1'); // focus the editor
  await goTo(page, line, column);
  await command(page, 'Developer: Inspect Editor Tokens and Scopes');
  const widget = await page.waitForFunction(() => {
    const w = document.querySelector('.token-inspect-widget');
    return w && /textmate scopes/i.test(w.innerText) && w.innerText;
  });
  const text = await widget.jsonValue();
  await shot(page, 'scopes');
  await page.keyboard.press('Escape');
  // innerText keeps the line breaks between the scopes (textContent runs them together).
  const scopes = /textmate scopes\s+([\s\S]*?)\n\s*foreground/i.exec(text)?.[1].split(/\s+/).filter(Boolean) ?? [];
  const own = scopes.filter((sc) => sc.endsWith('.marginalia'));
  if (!own.includes('constant.other.reference.citation.marginalia')) {
    throw new Error(`no constant.other.reference.citation.marginalia scope on the key: ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
  }
  // And the key is drawn differently from the prose around it.
  // And the key is drawn differently from prose (a run of plain words) in the same paragraph.
  const classes = await page.evaluate(([s, key]) => {
    const spans = [...document.querySelectorAll(`${s} .view-line span span`)];
    const k = spans.find((e) => e.textContent.includes(key));
    const prose = spans.find((e) => /^[A-Za-z\s,]*\b[a-z]{3,}\s[a-z]{3,}\s[a-z]{3,}\b/.test(e.textContent));
    const mtk = (e) => /mtk\d+/.exec(e?.className ?? '')?.[0];
    return { key: mtk(k), prose: mtk(prose), keyColor: k && getComputedStyle(k).color, proseColor: prose && getComputedStyle(prose).color };
  }, [sel.viewLines, citedKey]);
  if (!classes.key || !classes.prose || classes.key === classes.prose || classes.keyColor === classes.proseColor) {
    throw new Error(`the key is drawn like prose: ${JSON.stringify(classes)}`);
  }
  return `scopes ${scopes.join(' < ')}; key ${classes.key} ${classes.keyColor} vs prose ${classes.prose} ${classes.proseColor}`;
}

/** Types a citation before the final period of an uncited claim; the status bar's figure goes up by one. */
async function checkStatusBar(page, target) {
  await page.keyboard.press('Escape');
  const before = await statusFigure(page);
  if (!before) throw new Error('no "Claims cited: N/M" item in the status bar');
  await goTo(page, target.line, target.column);
  await page.keyboard.type(` [@${citedKey}]`, { delay: 15 });
  await page.waitForFunction(
    ([s, want]) => [...document.querySelectorAll(s)].some((e) => e.textContent.includes(want)),
    [sel.statusItem, `Claims cited: ${before.cited + 1}/${before.claims}`],
    { timeout: 20_000 },
  ).catch(async (e) => {
    throw new Error(`status bar stayed "${(await statusFigure(page))?.text}" (was "${before.text}"): ${e.message.split('\n')[0]}`);
  });
  const typed = await page.evaluate(([s, key]) =>
    [...document.querySelectorAll(`${s} .view-line`)].some((l) => l.textContent.includes(`[@${key}]`)), [sel.viewLines, citedKey]);
  const after = await statusFigure(page);
  const dirty = await page.$('.tabs-container .tab.active.dirty');
  await shot(page, 'status-after-citing');
  if (!typed) throw new Error(`the editor does not show "[@${citedKey}]"`);
  return `"${before.text}" -> "${after.text}" after typing " [@${citedKey}]" at ${target.line}:${target.column} (${dirty ? 'unsaved' : 'tab not dirty?'})`;
}

/**
 * Clicks the status bar's figure: the coverage report opens in a webview beside the editor, shows the
 * same figure and one row per section (as many as the CLI's JSON), in the editor's colours; a click on
 * an uncited claim selects that sentence in the editor.
 */
async function checkReport(page, sections) {
  await page.keyboard.press('Escape');
  const figure = await statusFigure(page);
  if (!figure) throw new Error('no "Claims cited: N/M" item in the status bar');
  await page.click(`${sel.statusItem}:has-text("Claims cited:")`);
  await page.waitForSelector('.tabs-container .tab[aria-label*="Coverage: paper.md"]');
  // A webview is an iframe (.webview) holding the page in another (#active-frame); locators wait for both.
  const frame = page.frameLocator('iframe.webview').frameLocator('#active-frame');
  const total = (await frame.locator('#total').textContent({ timeout: 20_000 })).trim();
  if (!total.startsWith(`Claims cited: ${figure.cited}/${figure.claims} (`)) throw new Error(`report says "${total}", status bar "${figure.text}"`);
  const rows = await frame.locator('#sections tbody tr').count();
  if (rows !== sections) throw new Error(`${rows} section rows, the CLI's JSON has ${sections}`);
  const colours = await frame.locator('body').evaluate((b) => getComputedStyle(b).color);
  const editorColour = await page.$eval('.monaco-workbench', (w) => getComputedStyle(w).color);
  if (colours !== editorColour) throw new Error(`report text ${colours}, workbench text ${editorColour}: not the theme's`);
  await shot(page, 'report');
  const claim = frame.locator('#uncited li[data-line]').first();
  const end = { line: Number(await claim.getAttribute('data-end-line')) + 1, column: Number(await claim.getAttribute('data-end-character')) + 1 };
  await claim.locator('blockquote').click();
  await page.waitForFunction(
    ([l, c]) => [...document.querySelectorAll('#workbench\\.parts\\.statusbar .statusbar-item')]
      .some((e) => e.textContent.includes(`Ln ${l}, Col ${c}`)),
    [end.line, end.column],
  ).catch(() => { throw new Error(`clicking the first uncited claim did not select it (to ${end.line}:${end.column})`); });
  await shot(page, 'report-reveal');
  return `status bar click opened "Coverage: paper.md": "${total.split(':').slice(0, 2).join(':')}", ${rows} section rows; a click selected the claim to ${end.line}:${end.column}`;
}

/** The words "Marginalia: Add Review Comment" highlights, and the comment it adds. */
const reviewWords = 'However, the realities highlighted by structural realism';
const reviewComment = 'R1: which studies? cite them here.';

/**
 * Selects words with the keyboard and runs "Marginalia: Add Review Comment": the input box takes the
 * comment, and the server's edit wraps the selection in `{== … ==}{>> … <<}` (unsaved).
 */
async function checkReviewComment(page, at) {
  await page.keyboard.press('Escape');
  await command(page, 'View: Focus First Editor Group');
  await goTo(page, at.line, at.column);
  await page.keyboard.down('Shift');
  for (let i = 0; i < reviewWords.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.up('Shift');
  await command(page, 'Marginalia: Add Review Comment');
  // The command's input box (its prompt), not the palette that is closing: keys typed before it shows go to the editor.
  await page.waitForFunction(() => {
    const w = document.querySelector('.quick-input-widget');
    return w && w.style.display !== 'none' && /start it with your tag/.test(w.textContent) && document.activeElement?.closest('.quick-input-widget');
  });
  await page.keyboard.type(reviewComment);
  await page.keyboard.press('Enter');
  const want = `{==${reviewWords}==}{>> ${reviewComment} <<}`;
  // The visible lines in order (Monaco positions them absolutely; the DOM order may differ), joined as
  // written (a wrapped line keeps its space at the end of the row), spaces collapsed.
  const editorText = () => page.$$eval(`${sel.viewLines} .view-line`, (ls) => ls
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => l.textContent).join('').replace(/\s+/g, ' '));
  await page.waitForFunction(
    ([s, w]) => [...document.querySelectorAll(`${s} .view-line`)]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => l.textContent).join('').replace(/\s+/g, ' ').includes(w),
    [sel.viewLines, want],
  ).catch(async () => {
    throw new Error(`the editor does not show "${want}": ${(await editorText()).slice(0, 300)}`);
  });
  await shot(page, 'review-comment');
  return `selected "${reviewWords}" (line ${at.line}), the command wrapped it: "${want}"`;
}

/**
 * Markdown: Open Preview to the Side: our markdown-it plugin renders the citations as author-date text
 * formatted by the server (the reference as a tooltip), the reference list at `::: {#refs}`, the
 * consequences marked by category, and the review comment the previous check added.
 */
async function checkPreview(page) {
  const t0 = Date.now();
  const phases = []; // where the time goes, for the report line and for a failure's message
  const phase = (name) => phases.push(`${name} ${secs(Date.now() - t0)}`);
  // Each step names itself when it fails: "waitForFunction: Timeout" alone does not say which wait.
  const step = async (name, fn) => {
    try {
      await fn();
    } catch (e) {
      throw new Error(`${name}: ${e.message.split('\n')[0]} (after ${phases.join(', ') || 'nothing'})`);
    }
    phase(name);
  };
  await page.keyboard.press('Escape');
  // Room for the preview: no panel, no side bar. Each command only when its part shows: the palette
  // does not offer "Hide Panel" while the panel is hidden.
  const shows = (part) => page.evaluate((p) => Boolean(document.querySelector(`.part.${p}`)?.offsetParent), part);
  if (await shows('panel')) {
    await step('hide the panel', async () => {
      await command(page, 'View: Hide Panel');
      await page.waitForFunction(() => !document.querySelector('.part.panel')?.offsetParent);
    });
  }
  if (await shows('sidebar')) {
    await step('close the side bar', async () => {
      await command(page, 'View: Close Primary Side Bar');
      await page.waitForFunction(() => !document.querySelector('.part.sidebar')?.offsetParent);
    });
  }
  // The preview command is offered only while a Markdown editor has the focus.
  await step('focus the editor', () => command(page, 'View: Focus First Editor Group'));
  await step('opened', async () => {
    // Not command(): the palette ranks "Open Locked Preview to the Side" first for this text.
    await page.keyboard.press('F1');
    await page.waitForSelector(sel.quickInput);
    await page.keyboard.type('Markdown: Open Preview to the Side');
    await page.locator(sel.quickRow).filter({ hasText: 'Markdown: Open Preview to the Side' }).filter({ hasNotText: 'Locked' }).first().click();
  });
  // The preview is a webview (nested iframes): find the frame that holds the rendered manuscript.
  const rendered = async () => {
    for (const frame of page.frames()) {
      const info = await frame.evaluate(() => {
        const cites = [...document.querySelectorAll('.marginalia-citation:not(.marginalia-citation-unknown)')];
        if (!cites.length) return undefined;
        const consequence = (category) => [...document.querySelectorAll(`.consequence.marginalia-category-${category}`)];
        return {
          citations: cites.length,
          first: cites[0].textContent,
          title: cites[0].getAttribute('title'),
          references: document.querySelectorAll('#refs .marginalia-reference').length,
          positive: consequence('positive').length,
          negative: consequence('negative').length,
          consequenceTitle: consequence('positive')[0]?.getAttribute('title'),
          highlight: document.querySelector('mark.marginalia-highlight')?.textContent,
          comment: document.querySelector('.marginalia-comment[role="note"]')?.textContent,
          raw: document.body.innerText.includes('[@'),
        };
      }).catch(() => undefined);
      if (info) return { frame, info };
    }
    return undefined;
  };
  // The citations are formatted once the server's data for the edited text is there (the client then
  // refreshes the preview); until then they show as written.
  let found;
  for (const until = Date.now() + 40_000; !(found && !found.info.raw) && Date.now() < until; ) {
    found = await rendered();
    if (!found || found.info.raw) await page.waitForTimeout(500); // frames come and go while the webview loads
  }
  if (!found) throw new Error(`no preview frame with rendered citations (after ${phases.join(', ')})`);
  phase(found.info.raw ? 'rendered (some citations raw)' : 'rendered');
  // The preview's group over the whole window: wide enough (900 px) for the comments in the right margin.
  await step('preview tab active', async () => {
    await page.click('.tabs-container .tab[aria-label*="Preview paper.md"]');
    await page.waitForSelector('.tabs-container .tab.active[aria-label*="Preview paper.md"]');
  });
  await step('maximise', () => command(page, 'View: Toggle Maximize Editor Group'));
  let margin;
  for (const until = Date.now() + 10_000; !margin && Date.now() < until; ) {
    const again = await rendered(); // the webview may be laid out anew
    if (again) {
      found = again;
      margin = await again.frame.evaluate(() => {
        const c = document.querySelector('.marginalia-comment');
        return c && getComputedStyle(c).float === 'right' ? window.innerWidth : undefined;
      }).catch(() => undefined);
    }
    if (!margin) await page.waitForTimeout(300);
  }
  phase('in the margin');
  // The review comment and the consequences around it, then let the preview settle for the screenshot.
  await found.frame.evaluate(() => (document.querySelector('.marginalia-comment') ?? document.querySelector('.marginalia-citation'))
    ?.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  await shot(page, 'preview');
  const { info } = found;
  if (!/^\(.+\d{4}.*\)$/.test(info.first)) throw new Error(`first citation rendered as ${JSON.stringify(info.first)}`);
  if (!/\(\d{4}\)/.test(info.title ?? '')) throw new Error(`the citation's tooltip is no formatted reference: ${JSON.stringify(info.title)}`);
  if (info.references !== 41) throw new Error(`${info.references} entries in the reference list, not 41`);
  if (info.raw) throw new Error('a citation is left raw ("[@") in the preview');
  if (!info.positive || !info.negative) throw new Error(`consequences marked: ${info.positive} positive, ${info.negative} negative`);
  if (info.consequenceTitle !== 'Positive consequences · Military') {
    throw new Error(`a positive consequence's tooltip is ${JSON.stringify(info.consequenceTitle)}`);
  }
  if (info.highlight?.trim() !== reviewWords || info.comment?.trim() !== reviewComment) {
    throw new Error(`review marks: highlight ${JSON.stringify(info.highlight)}, comment ${JSON.stringify(info.comment)}`);
  }
  if (!margin) throw new Error('the review comment is not in the right margin of the maximised preview');
  return `${info.citations} citations (first "${info.first}", tooltip "${info.title.split('\n')[0].slice(0, 60)}…"), ` +
    `${info.references} references, consequences ${info.positive} positive / ${info.negative} negative, the review comment in the margin (preview ${margin} px wide); at ${phases.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------------

const checkNames = ['open paper.md', 'hover on a cited key', 'Problems lists the uncited claims', 'Outline shows the consequences',
  'grammar scopes a citation', 'status bar counts a typed citation', 'status bar opens the coverage report',
  'Add Review Comment marks a selection', 'preview renders citations, references, consequences and the review', 'nothing saved'];

async function main() {
  const missing = missingTools();
  if (missing.length) throw new Error(`missing tools (run test/vscode/install-tools.sh): ${missing.join(', ')}`);
  const reuse = process.env.UI_KEEP_VSIX === '1' && existsSync(keptVsix);
  const { dirs, env, config } = makeRunDirs(run);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  process.env.TMPDIR = dirs.tmp; // playwright's temporary files

  let cli = path.join(repo, 'dist', 'cli.js');
  if (reuse) {
    cpSync(keptVsix, vsix);
    console.log(`package: reusing ${path.relative(repo, keptVsix)} (UI_KEEP_VSIX=1)`);
  } else {
    ({ cli } = await timed('package (production build + vsce, scratch copy)', 180_000, packageVsix));
  }
  console.log(`package: ${path.relative(repo, vsix)} ${(statSync(vsix).size / 1024).toFixed(0)} KB`);

  const workspace = copyDocument(path.join(run, 'document'));
  const paper = path.join(workspace, 'paper.md');
  const repoPaper = readFileSync(path.join(repo, 'document', 'paper.md'), 'utf8');
  const { uncited } = await cliFigures(cli, paper);
  console.log(`cli: ${uncited.length} uncited-claim diagnostics in paper.md`);
  const sections = JSON.parse(await exec(process.execPath, [cli, 'coverage', paper, '--format', 'json'])).files[0].sections.length;

  await timed('install extension', 60_000, () =>
    exec(tools.node, [tools.codeServer, '--user-data-dir', path.join(run, 'udd'), '--extensions-dir', dirs.ext,
      '--install-extension', vsix, '--force'], { env, cwd: run }));
  const installed = readdirSync(dirs.ext).filter((d) => d.startsWith(`${extensionId}-`));
  if (!installed.length) throw new Error(`--install-extension put no ${extensionId} in ${dirs.ext}`);
  console.log(`install: ${installed.join(', ')}`);

  writeUserSettings(dirs['udd/User'], {
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false, // the scratch copy sits inside the repository's (ignored) .e2e-cache
    'editor.accessibilitySupport': 'off',
    'workbench.layoutControl.enabled': false,
  });
  const port = await freePort();
  const server = await timed('code-server start', 30_000, () => startCodeServer({ port, run, dirs, env, config }));

  let context;
  try {
    const { chromium } = await import(tools.playwright);
    context = await timed('browser launch', 30_000, () => chromium.launchPersistentContext(dirs.chromium, {
      executablePath: tools.chromium,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 800 },
    }));
    const page = context.pages()[0] ?? (await context.newPage());
    // Waits end as soon as their condition holds: a long default costs nothing when the machine is quick,
    // and a shared CI machine (2 cores, code-server, Chromium and the server) is often not.
    page.setDefaultTimeout(30_000);
    const consoleLog = [];
    page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
    const base = `http://127.0.0.1:${port}`;

    // Where to type: before the final period of a claim that only lacks a source.
    const lines = readFileSync(paper, 'utf8').split('\n');
    const claim = uncited.find((d) => /no source is cited$/.test(d.message) &&
      /\.$/.test(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character).trimEnd()));
    const sentence = claim && lines[claim.range.start.line].slice(claim.range.start.character, claim.range.end.character).trimEnd();
    const target = claim && { line: claim.range.start.line + 1, column: claim.range.start.character + sentence.length };
    const keyLine = lines.findIndex((l, i) => i > 0 && l.includes(`@${citedKey}`) && /\[/.test(l)); // in the text, not in nocite
    if (keyLine < 0) throw new Error(`paper.md does not cite @${citedKey} in its text`);
    const keyAt = { line: keyLine + 1, column: lines[keyLine].indexOf(`@${citedKey}`) + 4 };
    // The review comment goes on these words (between the positive and the negative consequences).
    const reviewLine = lines.findIndex((l) => l.startsWith(`c. ${reviewWords}`));
    const reviewAt = reviewLine >= 0 && { line: reviewLine + 1, column: 4 };

    const steps = [
      [checkNames[0], 150_000, () => checkOpen(page, base, workspace)],
      [checkNames[1], 40_000, () => checkHover(page, keyAt, expectedReference(readFileSync(path.join(workspace, 'references.bib'), 'utf8'), citedKey))],
      [checkNames[2], 45_000, () => checkProblems(page, uncited.length)],
      [checkNames[3], 90_000, () => checkOutline(page)],
      [checkNames[4], 45_000, () => checkGrammar(page, keyAt.line, keyAt.column)],
      [checkNames[5], 60_000, () => {
        if (!target) throw new Error('the CLI reports no plain uncited sentence to cite');
        return checkStatusBar(page, target);
      }],
      [checkNames[6], 60_000, () => checkReport(page, sections)],
      [checkNames[7], 60_000, () => {
        if (!reviewAt) throw new Error('paper.md has no line starting "c. However, the realities" to comment on');
        return checkReviewComment(page, reviewAt);
      }],
      [checkNames[8], 120_000, () => checkPreview(page)],
    ];
    for (const [name, ms, fn] of steps) {
      if (name !== checkNames[0] && !checks[0]?.ok) {
        checks.push({ name, ok: false, detail: 'not run: the manuscript did not open', ms: 0 });
        continue;
      }
      const t0 = Date.now();
      try {
        const detail = await timed(name, ms, fn, []);
        checks.push({ name, ok: true, detail, ms: Date.now() - t0 });
      } catch (e) {
        await shot(page, `FAILED-${name.replace(/\W+/g, '-')}`);
        checks.push({ name, ok: false, detail: e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e), ms: Date.now() - t0 });
      }
      console.log(`${checks.at(-1).ok ? 'PASS' : 'FAIL'} ${name} (${secs(checks.at(-1).ms)}): ${checks.at(-1).detail}`);
    }
    writeFileSync(path.join(run, 'browser-console.log'), consoleLog.join('\n') + '\n');
    // Neither the scratch copy (no save: autosave and hot exit are off) nor the repository's manuscript changed.
    const t0 = Date.now();
    const unsaved = readFileSync(paper, 'utf8') === repoPaper;
    const repoSame = readFileSync(path.join(repo, 'document', 'paper.md'), 'utf8') === repoPaper;
    checks.push({ name: checkNames[9], ok: unsaved && repoSame, ms: Date.now() - t0,
      detail: `scratch paper.md ${unsaved ? 'unchanged on disk' : 'WAS SAVED'}; repository's document/paper.md ${repoSame ? 'untouched' : 'CHANGED'}` });
    console.log(`${checks.at(-1).ok ? 'PASS' : 'FAIL'} ${checks.at(-1).name}: ${checks.at(-1).detail}`);
  } finally {
    await timed('teardown', 20_000, async () => {
      await context?.close().catch(() => undefined);
      await stopProcessGroup(server.child, server.exited);
    }).catch((e) => console.error(e.message));
  }
}

/**
 * --docs-img: copies the four README screenshots (hover, Problems, Outline with the status bar, preview) to
 * docs/img/, after a fully passing run only; a PNG over 300 KB is re-quantised with ImageMagick.
 */
async function updateDocsImages(ok) {
  if (!ok) {
    console.log('docs/img: not updated (the run did not pass)');
    return;
  }
  const picks = { hover: 'ui-hover.png', problems: 'ui-problems.png', outline: 'ui-outline.png', preview: 'ui-preview.png' };
  const dir = path.join(repo, 'docs', 'img');
  mkdirSync(dir, { recursive: true });
  for (const [step, name] of Object.entries(picks)) {
    const src = readdirSync(shots).find((f) => f.endsWith(`-${step}.png`));
    if (!src) {
      console.log(`docs/img: ${name} not updated (no ${step} screenshot in this run)`);
      continue;
    }
    const dest = path.join(dir, name);
    cpSync(path.join(shots, src), dest);
    if (statSync(dest).size > 300 * 1024) {
      await exec('convert', [dest, '-strip', '-colors', '256', '-define', 'png:compression-level=9', dest])
        .catch((e) => console.log(`docs/img: could not compress ${name}: ${e.message.split('\n')[0]}`));
    }
    console.log(`docs/img: ${name} <- ${src} (${(statSync(dest).size / 1024).toFixed(0)} KB)`);
  }
}

let fatal;
try {
  await main();
} catch (e) {
  fatal = e;
  console.error(`FATAL ${e instanceof Error ? e.message : e}`);
}
const mem = memory.stop();
for (const name of checkNames) {
  if (!checks.some((c) => c.name === name)) checks.push({ name, ok: false, detail: `not run (${fatal?.message?.split('\n')[0] ?? 'aborted'})`, ms: 0 });
}
console.log('\nwall time per part:');
for (const p of parts) console.log(`  ${p.ok ? '  ' : '! '}${p.name}: ${secs(p.ms)}`);
for (const c of checks) console.log(`  ${c.ok ? '  ' : '! '}check: ${c.name}: ${secs(c.ms)}`);
console.log(`  total: ${secs(Date.now() - started)}`);
console.log(`peak memory: ${mb(mem.peak)} RSS summed over this process and its ${mem.peakProcesses - 1} descendants ` +
  `(${mb(mem.peakPss)} PSS, shared pages counted once; ${mem.samples} samples every 500 ms)`);
console.log(`screenshots: ${path.relative(repo, shots)}/`);
const passed = checks.filter((c) => c.ok).length;
const failed = checks.length - passed;
if (process.argv.includes('--docs-img')) await updateDocsImages(failed === 0 && !fatal);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && !fatal ? 0 : 1);
