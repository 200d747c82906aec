/**
 * Marginalia inside a real VS Code extension host: the bundled client and server, on the edition in
 * document/paper.md. run.mjs opens a scratch copy of document/ as the workspace, because one test
 * types a citation into the manuscript. Expectations are read from the document and its
 * bibliography, so the suite follows the edition as it is edited.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import type { MarginaliaApi } from '../../../client/src/extension';
import { waitFor } from './wait';

const EXTENSION_ID = 'marginalia.marginalia';

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the repository open as the workspace folder');
  return folder.uri.fsPath;
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

const uncited = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'marginalia' && codeOf(d) === 'uncited-claim');

/** Waits until the server has published diagnostics with at least one uncited claim for `uri`. */
const uncitedClaimsOf = (uri: vscode.Uri) =>
  waitFor(() => (uncited(uri).length ? uncited(uri) : undefined), {
    on: [vscode.languages.onDidChangeDiagnostics],
    what: `uncited-claim diagnostics on ${path.basename(uri.fsPath)}`,
  });

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

suite('Marginalia in VS Code', () => {
  let api: MarginaliaApi;
  let doc: vscode.TextDocument;
  let paperPath: string;

  suiteSetup(async () => {
    const root = workspaceRoot();
    assert.ok(
      !existsSync(path.join(root, 'package.json')),
      'the workspace looks like the repository itself: run the suite with test/vscode/run.mjs, which opens a scratch copy',
    );
    paperPath = path.join(root, 'document', 'paper.md');
    doc = await vscode.workspace.openTextDocument(paperPath);
    await vscode.window.showTextDocument(doc);
    const extension = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
    api = await extension.activate();
  });

  suiteTeardown(async () => {
    // Leave the (scratch) document as it was on disk.
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('activates on a Markdown document and exposes its API', () => {
    const extension = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
    assert.equal(extension?.isActive, true);
    assert.equal(typeof api.getCoverage, 'function');
    assert.equal(doc.languageId, 'markdown');
  });

  suite('with the language server', () => {
    suiteSetup(() => api.whenReady());

    test('publishes uncited-claim warnings that give their reason', async () => {
      const diagnostics = await uncitedClaimsOf(doc.uri);
      for (const d of diagnostics) {
        assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, d.message);
        // The message names the rule that made the sentence a claim.
        assert.match(d.message, /^Uncited claim: \S.+; /);
      }
    });

    test('hover on a cited key shows the formatted reference', async () => {
      const text = doc.getText();
      const body = text.indexOf('\n---', 4) + 4; // after the front matter, whose nocite list holds keys too
      const cite = /\[\[?@([\w:.#$%&+?<>~/-]*\w)/g;
      cite.lastIndex = body;
      const match = cite.exec(text);
      assert.ok(match?.[1], 'paper.md cites nothing');
      const key = match[1];
      const bib = readFileSync(path.join(path.dirname(paperPath), 'references.bib'), 'utf8');
      const entry = new RegExp(String.raw`@\w+\{${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},([\s\S]*?)\n\}`).exec(bib)?.[1] ?? '';
      const family = /author\s*=\s*\{\{?([^,}]+)/.exec(entry)?.[1]?.trim();
      const year = /year\s*=\s*\{?(\d{4})/.exec(entry)?.[1];
      assert.ok(family && year, `references.bib has no author/year for ${key}`);

      const position = doc.positionAt(match.index + match[0].length - key.length + 1);
      let markdown = '';
      const hoverText = async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
        markdown = hovers
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : c.value))
          .join('\n');
        return markdown.includes(year) ? markdown : undefined;
      };
      // The first analysis may still be loading the bibliography: wait for a hover that has the entry.
      await waitFor(hoverText, { what: `a hover on @${key}`, timeoutMs: 20_000 }).catch((e: Error) => {
        throw new Error(`${e.message}; last hover:\n${markdown}`);
      });
      assert.ok(markdown.includes(family), `hover on @${key} should name ${family}:\n${markdown}`);
      assert.ok(markdown.includes(year), `hover on @${key} should give the year ${year}:\n${markdown}`);
    });

    test('document symbols give the heading tree and the consequences by declared category', async () => {
      const text = doc.getText();
      const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
      // ATX headings of the body (the front matter's YAML comments also start with #).
      const body = text.slice(frontMatter ? frontMatter.length + 8 : 0);
      const headings = [...body.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)].map((m) => m[1]!.trim());
      const meta = parseYaml(frontMatter) as { marginalia?: { categories?: { id: string; label?: string }[] } };
      const categories = (meta.marginalia?.categories ?? []).map((c) => c.label ?? c.id);
      assert.ok(headings.length > 0 && categories.length > 0, 'paper.md needs headings and declared categories');

      const symbols = await waitFor(
        async () => {
          const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
            'vscode.executeDocumentSymbolProvider',
            doc.uri,
          );
          return result?.some((s) => s.name === 'Consequences') ? result : undefined;
        },
        { what: 'document symbols with a Consequences node', timeoutMs: 20_000 },
      );
      const names = (list: readonly vscode.DocumentSymbol[]): string[] => list.flatMap((s) => [s.name, ...names(s.children)]);
      const sectionNames = names(symbols.filter((s) => s.name !== 'Consequences'));
      for (const heading of headings) assert.ok(sectionNames.includes(heading), `outline lacks heading "${heading}"`);

      const consequences = symbols.find((s) => s.name === 'Consequences')!;
      assert.deepEqual(
        consequences.children.map((c) => c.name).slice(0, categories.length),
        categories,
        'categories in declared order',
      );
      assert.ok(consequences.children.some((c) => c.children.length > 0), 'no consequence under any category');
    });

    test('citing an uncited claim clears its warning and raises the coverage figure', async () => {
      const before = await waitFor(() => api.getCoverage(doc.uri.toString()), {
        what: 'the coverage notification',
      });
      const claims = await uncitedClaimsOf(doc.uri);
      // A claim that only lacks a source (not one that names an author the citation must match).
      const target = claims.find((d) => /no source is cited$/.test(d.message)) ?? claims[0]!;
      const sentence = doc.getText(target.range);
      const period = sentence.search(/\.[^.]*$/);
      const at = period >= 0 ? doc.positionAt(doc.offsetAt(target.range.start) + period) : target.range.end;
      const key = /\[\[?@([\w:.#$%&+?<>~/-]*\w)/.exec(doc.getText().slice(doc.getText().indexOf('\n---', 4)))?.[1];
      assert.ok(key, 'paper.md cites no key to reuse');

      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, at, ` [@${key}]`);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');

      const start = target.range.start;
      await waitFor(() => !uncited(doc.uri).some((d) => d.range.start.isEqual(start)), {
        on: [vscode.languages.onDidChangeDiagnostics],
        what: `the uncited-claim warning at ${start.line + 1}:${start.character + 1} to clear`,
      });
      const after = await waitFor(
        () => {
          const c = api.getCoverage(doc.uri.toString());
          return c && c.cited === before.cited + 1 ? c : undefined;
        },
        { what: `coverage ${before.cited + 1}/${before.claims}` },
      );
      assert.equal(after.claims, before.claims);
    });

    test('Marginalia: Show Coverage Report opens the report beside the editor, and it follows the edits', async () => {
      await vscode.window.showTextDocument(doc);
      const now = await waitFor(() => api.getCoverage(doc.uri.toString()), { what: 'the coverage notification' });
      await vscode.commands.executeCommand('marginalia.showCoverageReport');
      const figure = (c: { cited: number; claims: number }) => `Claims cited: ${c.cited}/${c.claims} (`;
      const html = await waitFor(() => api.getReportHtml()?.includes(figure(now)) && api.getReportHtml(), {
        what: `the report showing ${figure(now)}`,
      });
      assert.match(html, /<h2 id="sections-h">Coverage by section<\/h2>/);
      assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
      // The manuscript keeps the focus; the report is in another column.
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());

      const target = (await uncitedClaimsOf(doc.uri)).find((d) => /no source is cited$/.test(d.message));
      assert.ok(target, 'no uncited claim left to cite');
      const sentence = doc.getText(target.range);
      const at = doc.positionAt(doc.offsetAt(target.range.start) + Math.max(0, sentence.search(/\.[^.]*$/)));
      const key = /\[\[?@([\w:.#$%&+?<>~/-]*\w)/.exec(doc.getText().slice(doc.getText().indexOf('\n---', 4)))?.[1];
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, at, ` [@${key}]`);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
      await waitFor(() => api.getReportHtml()?.includes(figure({ cited: now.cited + 1, claims: now.claims })), {
        what: `the report showing ${figure({ cited: now.cited + 1, claims: now.claims })}`,
      });
    });

    test("the Markdown preview's engine renders citations, the reference list and consequences through our plugin", async () => {
      const text = doc.getText();
      const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
      const meta = parseYaml(frontMatter) as { marginalia?: { categories?: { id: string; label?: string }[] } };
      const categories = meta.marginalia?.categories ?? [];
      assert.ok(categories.length > 0 && /\[@/.test(text), 'paper.md needs citations and declared categories');
      // markdown.api.render is the preview's own engine: it parses without naming the document (tokens
      // cached per version) and renders with it, as the preview does. The data arrives after an analysis.
      const html = await waitFor(
        async () => {
          const h = await vscode.commands.executeCommand<string>('markdown.api.render', doc);
          return /<span class="marginalia-citation" title="[^"]+"/.test(h) && h.includes('id="refs"') && h;
        },
        { what: 'the preview engine rendering citations and the reference list' },
      );
      const citations = [...html.matchAll(/<span class="marginalia-citation" title="([^"]*)" data-cites="[^"]*">([^<]*)<\/span>/g)];
      assert.ok(citations.length > 0);
      for (const [, title, shown] of citations) {
        assert.match(shown!, /\d{4}|n\.d\./, `a citation rendered as "${shown}"`);
        assert.match(title!, /\(\d{4}|\(n\.d\./, `a citation's tooltip is no reference: "${title}"`);
      }
      const withoutUnknown = html.replace(/<span class="marginalia-citation marginalia-citation-unknown"[^>]*>[^<]*<\/span>/g, '');
      assert.doesNotMatch(withoutUnknown, /\[@/, 'a citation is left as written');
      assert.ok((html.match(/class="marginalia-reference"/g) ?? []).length > 0, 'the reference list is empty');
      for (const c of categories) {
        assert.match(html, new RegExp(`<span title="${escapeRegExp(c.label ?? c.id)}[^"]*" class="consequence marginalia-category-${escapeRegExp(c.id)}"`), `no consequence marked ${c.id}`);
      }
    });

    test('Marginalia: Restart Server brings diagnostics back', async () => {
      await uncitedClaimsOf(doc.uri);
      let cleared = false;
      const watch = vscode.languages.onDidChangeDiagnostics(() => {
        if (uncited(doc.uri).length === 0) cleared = true;
      });
      try {
        await vscode.commands.executeCommand('marginalia.restartServer');
        await api.whenReady();
        // The old server's diagnostics go with it; the new one publishes afresh.
        await waitFor(() => cleared && uncited(doc.uri).length > 0, {
          on: [vscode.languages.onDidChangeDiagnostics],
          what: 'diagnostics from the restarted server',
        });
        await waitFor(() => api.getCoverage(doc.uri.toString()), { what: 'coverage from the restarted server' });
      } finally {
        watch.dispose();
      }
    });
  });
});
