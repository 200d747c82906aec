/**
 * The coverage report of a manuscript in a webview beside its editor (the status-bar figure opens it).
 * The server renders the page (`marginalia/report`, webview mode: theme variables, a nonce'd script and
 * a Content-Security-Policy that allows no network); it is re-rendered after each analysis of that
 * manuscript, so it follows the user's typing. A click on a row posts `{type: 'reveal', …}`, and the
 * editor shows and selects that text.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest } from './protocol';

interface RevealMessage {
  readonly type: 'reveal';
  readonly file: string;
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export class CoverageReport implements vscode.Disposable {
  static readonly viewType = 'marginalia.coverageReport';
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  /** The column of the manuscript's editor, where revealed text is shown. */
  private editorColumn: vscode.ViewColumn = vscode.ViewColumn.One;
  private rendering = Promise.resolve();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {}

  /** Opens (or moves to) the report of the active editor's manuscript. */
  async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document.languageId === 'markdown' ? editor.document : undefined;
    const uri = doc?.uri.toString() ?? this.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Marginalia: open a Markdown manuscript to see its coverage report.');
      return;
    }
    if (editor && doc) this.editorColumn = editor.viewColumn ?? vscode.ViewColumn.One;
    this.uri = uri;
    const title = `Coverage: ${path.basename(vscode.Uri.parse(uri).fsPath)}`;
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        CoverageReport.viewType,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // The page loads nothing: no local resource roots; scripts only for the nonce'd click handler.
        { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
      );
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.subscriptions);
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), null, this.subscriptions);
    }
    await this.refresh();
  }

  /** Called after each analysis: re-renders when it is the report's manuscript. */
  update(uri: string): void {
    if (this.panel && uri === this.uri) void this.refresh();
  }

  /** The HTML the webview shows now (for the extension-host tests). */
  html(): string | undefined {
    return this.panel?.webview.html;
  }

  private refresh(): Promise<void> {
    // One request at a time, in order: a slow answer never overwrites a newer page.
    this.rendering = this.rendering.then(async () => {
      const uri = this.uri;
      if (!this.panel || !uri) return;
      const nonce = randomBytes(16).toString('base64');
      try {
        const result = await this.client.sendRequest(ReportRequest, { uri, nonce });
        if (this.panel && uri === this.uri)
          this.panel.webview.html = result?.html ?? emptyPage(nonce, 'Marginalia does not analyse this document (see marginalia.files.include).');
      } catch (e) {
        if (this.panel) this.panel.webview.html = emptyPage(nonce, `The report could not be made: ${String(e)}`);
      }
    });
    return this.rendering;
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isReveal(m)) return;
    const range = new vscode.Range(m.start.line, m.start.character, m.end.line, m.end.character);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(m.file));
    await vscode.window.showTextDocument(doc, { viewColumn: this.editorColumn, selection: range, preserveFocus: false });
    vscode.window.activeTextEditor?.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

function isReveal(m: unknown): m is RevealMessage {
  if (!m || typeof m !== 'object') return false;
  const r = m as Partial<RevealMessage>;
  const pos = (p: unknown) =>
    !!p && typeof p === 'object' && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character);
  return r.type === 'reveal' && typeof r.file === 'string' && pos(r.start) && pos(r.end);
}

function emptyPage(nonce: string, message: string): string {
  const text = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'"><style nonce="${nonce}">body{color:var(--vscode-foreground);font-family:var(--vscode-font-family)}</style></head><body><p>${text}</p></body></html>`;
}
