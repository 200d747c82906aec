/** Starts the built server as a child process and speaks LSP to it, as an editor would. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const root = path.resolve(__dirname, '../../..');

/** A temporary folder holding `files` (relative path to text); returns the folder. */
export function tempWorkspace(prefix: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), `marginalia-${prefix}-`));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * A Quarto book in a temporary folder: `_quarto.yml` lists `chapters` in their order and names a
 * references.bib holding `@katz`.
 */
export function quartoBook(chapters: Record<string, string>): string {
  return tempWorkspace('book', {
    '_quarto.yml': `book:\n  chapters: [${Object.keys(chapters).join(', ')}]\nbibliography: references.bib\n`,
    'references.bib': '@book{katz, author = {Katz, Mark}, title = {Russia and Iran}, year = {2012}}\n',
    ...chapters,
  });
}

/** A one-citation manuscript and its .bib: `refs.bib` holding `@katz2012`, cited in `p.md` (line 6). */
export const katzManuscript = {
  'refs.bib': '@article{katz2012, author = {Katz, Mark N.}, title = {Russia and Iran}, journal = {Middle East Policy}, year = {2012}}\n',
  'p.md': '---\nbibliography: refs.bib\n---\n\n# Introduction\n\nRussia armed Iran [@katz2012].\n',
} as const;

export interface TestClient {
  readonly connection: ProtocolConnection;
  /** The server's process, to watch it exit. */
  readonly process: ChildProcess;
  readonly initialize: InitializeResult;
  /** Every publishDiagnostics received, per URI, in order. */
  readonly published: Map<string, PublishDiagnosticsParams[]>;
  /** The next diagnostics for `uri` after the first `after` publications that satisfy `test` (time-boxed). */
  nextDiagnostics(uri: string, test?: (d: Diagnostic[]) => boolean, after?: number): Promise<Diagnostic[]>;
  count(uri: string): number;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** What `workspace/configuration` answers for the `marginalia` section. */
  readonly settings?: unknown;
  readonly initializationOptions?: unknown;
  /** Client capabilities besides `workspace.configuration` (merged in). */
  readonly capabilities?: ClientCapabilities;
  /** Node options before the script, e.g. `--require` a preload hook. */
  readonly execArgv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** How long nextDiagnostics waits (default 20 s). */
  readonly diagnosticsTimeoutMs?: number;
}

export async function startServer(rootPath = root, options: ServerOptions = {}): Promise<TestClient> {
  if (!existsSync(path.join(root, 'dist/server.js'))) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const server: ChildProcess = spawn(process.execPath, [...(options.execArgv ?? []), path.join(root, 'dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    ...(options.env ? { env: options.env } : {}),
  });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: (() => void)[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    for (const w of waiters.splice(0)) w();
  });
  connection.onRequest('workspace/configuration', () => [options.settings ?? null]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const initialize = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(rootPath).href,
    capabilities: { ...options.capabilities, workspace: { ...options.capabilities?.workspace, configuration: true } },
    workspaceFolders: null,
    ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const nextDiagnostics = (uri: string, test: (d: Diagnostic[]) => boolean = () => true, after = 0) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}`)), options.diagnosticsTimeoutMs ?? 20000);
      const check = () => {
        const hit = (published.get(uri) ?? []).slice(after).find((p) => test(p.diagnostics));
        if (!hit) return false;
        clearTimeout(timer);
        resolve(hit.diagnostics);
        return true;
      };
      const wait = () => {
        if (!check()) waiters.push(wait);
      };
      wait();
    });

  return {
    connection,
    process: server,
    initialize,
    published,
    nextDiagnostics,
    count: (uri) => published.get(uri)?.length ?? 0,
    async close() {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      connection.dispose();
      server.kill();
    },
  };
}
