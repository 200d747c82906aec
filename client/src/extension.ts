/**
 * The VS Code client: starts the bundled language server (dist/server.js) over IPC and adds what LSP
 * has no words for: the restart command, the coverage status-bar item, the Markdown preview plugin and
 * the "Add Review Comment" command. This folder is the only place that imports `vscode`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Location,
  type Position,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CoverageReport } from './coverage-report';
import type MarkdownIt from 'markdown-it';
import { CoverageStatus } from './coverage-status';
import { CoverageNotification, type Coverage } from './protocol';
import { marginaliaPreview } from './preview/plugin';
import { PreviewStore } from './preview/store';
import { registerAddReviewComment } from './review-comment';

/** What `activate` returns; the extension-host tests drive the extension through it. */
export interface MarginaliaApi {
  getCoverage(uri: string): Coverage | undefined;
  /** Resolves once the server is running (again, after a restart). */
  whenReady(): Promise<void>;
  /** The HTML the coverage-report webview shows, if it is open. */
  getReportHtml(): string | undefined;
  /** Called by VS Code's Markdown preview (`contributes.markdown.markdownItPlugins`). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** Files whose change on disk can change an analysis: bibliographies (BibTeX, CSL-JSON/YAML), CSL styles. */
const WATCHED = '**/*.{bib,bibtex,json,yaml,yml,csl}';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  const output = vscode.window.createOutputChannel('Marginalia');
  const status = new CoverageStatus();
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
  context.subscriptions.push(output, status, watcher);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // Over stdio, as Neovim, Emacs and the other editors start it: the server writes each message from
  // one kept buffer (server/src/lsp/message-writer.ts), where Node's IPC channel stringifies and copies
  // every message afresh (3.9 against 1.2 ms of CPU for a 1 MB book's 337 KB of diagnostics,
  // bench/message-writer.mjs), and a malformed message ends the server instead of deafening it.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    // Used when the extension host itself runs under a debugger (F5): attach to the server on 6009.
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // Quarto and R Markdown chapters (language ids of the Quarto and R extensions, or by extension).
      { scheme: 'file', language: 'quarto' },
      { scheme: 'file', language: 'rmd' },
      { scheme: 'file', pattern: '**/*.{qmd,Rmd,rmd}' },
      // Bibliography files, for the code lens saying where each entry is cited and for renaming keys.
      { scheme: 'file', pattern: '**/*.{bib,bibtex,json,yaml,yml}' },
    ],
    synchronize: { configurationSection: 'marginalia', fileEvents: watcher },
    // The server sends marginalia/coverage only to clients that ask (others would log it as unknown).
    // Workspace trust: untrusted, the server reads no file outside the workspace folders (a function,
    // so a restart after the user grants trust passes the new state).
    initializationOptions: () => ({ coverageNotifications: true, trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    traceOutputChannel: output,
  };
  const languageClient = new LanguageClient('marginalia', 'Marginalia', serverOptions, clientOptions);
  client = languageClient;
  // Registered before start, so it survives restarts.
  const report = new CoverageReport(languageClient);
  const preview = new PreviewStore(languageClient);
  context.subscriptions.push(
    report,
    languageClient.onNotification(CoverageNotification, (params) => {
      status.update(params);
      report.update(params.uri);
      // Sent after each analysis: the moment the preview's citations may have changed.
      preview.refresh(params.uri).catch((e: unknown) => output.appendLine(`Preview data for ${params.uri} failed: ${String(e)}`));
    }),
    vscode.commands.registerCommand('marginalia.showCoverageReport', () => report.show()),
    vscode.workspace.onDidCloseTextDocument((d) => preview.forget(d.uri.toString())),
    registerAddReviewComment(context, languageClient),
  );

  let ready = languageClient.start();
  ready.catch((e: unknown) => output.appendLine(`Marginalia server failed to start: ${String(e)}`));

  // The code lens on a bibliography entry runs this with LSP positions and locations: shown in the references view.
  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.showReferences', (uri: string, position: Position, locations: Location[]) => {
      const p2c = languageClient.protocol2CodeConverter;
      return vscode.commands.executeCommand(
        'editor.action.showReferences',
        p2c.asUri(uri),
        p2c.asPosition(position),
        locations.map((l) => p2c.asLocation(l)),
      );
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.restartServer', async () => {
      output.appendLine('Restarting the Marginalia server…');
      status.clear();
      ready = languageClient.restart();
      await ready;
    }),
  );

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('Workspace trusted: restarting the Marginalia server to read files outside the workspace too.');
      ready = languageClient.restart();
    }),
  );

  return {
    getCoverage: (uri) => status.get(uri),
    whenReady: () => ready,
    getReportHtml: () => report.html(),
    extendMarkdownIt: (md) => md.use(marginaliaPreview, { data: (env: unknown) => preview.get(env) }),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
