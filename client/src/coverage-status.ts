/**
 * The status-bar item "Claims cited: 4/31" for the manuscript in the active editor ("· book 120/300" for a
 * chapter of a book). It keeps the last figure the server sent per document, so switching editors shows a
 * figure without asking the server.
 */
import * as vscode from 'vscode';
import type { Coverage, CoverageParams } from './protocol';

export class CoverageStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, CoverageParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('marginalia.coverage', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Marginalia: Claims Cited';
    this.item.command = 'marginalia.showCoverageReport';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      // A closed document's figure is stale: the server forgets the document too.
      vscode.workspace.onDidCloseTextDocument((doc) => this.byUri.delete(doc.uri.toString())),
    );
    this.refresh();
  }

  get(uri: string): Coverage | undefined {
    return this.byUri.get(uri);
  }

  update(params: CoverageParams): void {
    this.byUri.set(params.uri, params);
    this.refresh();
  }

  /** Forget every figure (the server restarts and will send fresh ones). */
  clear(): void {
    this.byUri.clear();
    this.refresh();
  }

  private refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const coverage = doc?.languageId === 'markdown' ? this.byUri.get(doc.uri.toString()) : undefined;
    if (!coverage) {
      this.item.hide();
      return;
    }
    const { claims, cited, book } = coverage;
    this.item.text = `Claims cited: ${cited}/${claims}` + (book ? ` · book ${book.cited}/${book.claims}` : '');
    const inBook = book
      ? `The book's ${book.chapters} chapters together: ${book.cited} of ${book.claims} claim${book.claims === 1 ? '' : 's'}.\n\n`
      : '';
    this.item.tooltip = new vscode.MarkdownString(
      `**Marginalia**: ${cited} of the ${claims} claim${claims === 1 ? '' : 's'} in this ${book ? 'chapter' : 'manuscript'} carry a citation.\n\n` +
        inBook +
        'A claim is a sentence that asserts something a reader would want a source for; an uncited one is ' +
        'reported as `uncited-claim` in the Problems panel.\n\nClick for the coverage report: by section, by consequence, every uncited claim.',
    );
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
