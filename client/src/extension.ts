/**
 * The VS Code client: starts the bundled language server (dist/server.js) over IPC and adds what LSP
 * has no words for: the restart command and the coverage status-bar item. This folder is the only
 * place that imports `vscode`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CoverageReport } from './coverage-report';
import { CoverageStatus } from './coverage-status';
import { CoverageNotification, type Coverage } from './protocol';

/** What `activate` returns; the extension-host tests drive the extension through it. */
export interface MarginaliaApi {
  getCoverage(uri: string): Coverage | undefined;
  /** Resolves once the server is running (again, after a restart). */
  whenReady(): Promise<void>;
  /** The HTML the coverage-report webview shows, if it is open. */
  getReportHtml(): string | undefined;
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
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    // Used when the extension host itself runs under a debugger (F5): attach to the server on 6009.
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'marginalia', fileEvents: watcher },
    // The server sends marginalia/coverage only to clients that ask (others would log it as unknown).
    initializationOptions: { coverageNotifications: true },
    outputChannel: output,
    traceOutputChannel: output,
  };
  const languageClient = new LanguageClient('marginalia', 'Marginalia', serverOptions, clientOptions);
  client = languageClient;
  // Registered before start, so it survives restarts.
  const report = new CoverageReport(languageClient);
  context.subscriptions.push(
    report,
    languageClient.onNotification(CoverageNotification, (params) => {
      status.update(params);
      report.update(params.uri);
    }),
    vscode.commands.registerCommand('marginalia.showCoverageReport', () => report.show()),
  );

  let ready = languageClient.start();
  ready.catch((e: unknown) => output.appendLine(`Marginalia server failed to start: ${String(e)}`));

  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.restartServer', async () => {
      output.appendLine('Restarting the Marginalia server…');
      status.clear();
      ready = languageClient.restart();
      await ready;
    }),
  );

  return {
    getCoverage: (uri) => status.get(uri),
    whenReady: () => ready,
    getReportHtml: () => report.html(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
