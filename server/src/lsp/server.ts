/**
 * The language server: almost only handlers that find the document, ask the core, and convert.
 * A failing handler is logged and answers empty; it never takes the server down.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ResponseError,
  type CompletionItem,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticReport,
  FileChangeType,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { defaultConfig, type AnalysisConfig, type Limits } from '../analysis/config.js';
import { claimCoverage, figuresOf, sumFigures } from '../analysis/coverage.js';
import { coverageReport } from '../analysis/report.js';
import { renderReportHtml } from '../analysis/report-html.js';
import { availableStyles } from '../bibliography/format.js';
import { diagnoseBibliography } from '../analysis/diagnostics/index.js';
import { DEFAULT_SENSITIVITY, parseSensitivity } from '../model/claims/model.js';
import type { Finding } from '../analysis/diagnostic.js';
import { isDiagnosticCode } from '../analysis/diagnostics/registry.js';
import { hover } from '../analysis/hover.js';
import { outline } from '../analysis/outline.js';
import { linesOf, styleOptions, type Snapshot } from '../analysis/snapshot.js';
import { referenceSymbols } from '../analysis/workspace-symbols.js';
import { codeActions } from '../analysis/code-actions.js';
import { addCommentEdits } from '../analysis/review-actions.js';
import { previewData } from '../analysis/preview.js';
import { completeKey } from '../analysis/completion.js';
import { definition, entryKeyAt, keyAt, references, type Location } from '../analysis/navigation.js';
import { Host, type Analysis } from '../workspace/host.js';
import { createHash } from 'node:crypto';
import { cancelled, superseded, tokenIn } from './cancellation.js';
import { DiagnosticObjects } from './diagnostic-objects.js';
import { documentDiagnostics, MAX_DIAGNOSTICS, mostSevere } from './document-diagnostics.js';
import { Scheduler, type Run } from './scheduler.js';
import { Collector, DEFAULT_COLLECTOR, oldGenerationBytes, type GarbageCollection } from './collector.js';
import { warmUp } from './warm-up.js';
import { matchesAny } from '../workspace/glob.js';
import { NodeFileSystem } from '../files/node-file-system.js';
import { ConfinedFileSystem } from '../files/confined-file-system.js';
import { fileUri, toDiagnostic, toDocumentSymbol, toRange, uriToPath } from './convert.js';
import { BibliographyWatcher } from './bibliography-watcher.js';
import { registerLibraryHandlers } from './library-handlers.js';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, findManuscripts } from './workspace-files.js';
import { bundledScript, StyleWorker } from './style-worker.js';
import { IdleWork } from './idle-work.js';

export interface ServerSettings extends AnalysisConfig {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly bibliography: readonly string[];
}

/** How long a file's stamp is trusted on the keystroke path before it is checked again in the background. */
const STAMP_WINDOW_MS = 1000;
/** How long the client must have sent nothing before the server builds what requests will need. */
const IDLE_MS = 300;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

const defaults: ServerSettings = { ...defaultConfig, include: [...DEFAULT_INCLUDE], exclude: [...DEFAULT_EXCLUDE], bibliography: [] };

export interface StartOptions {
  /** Fault injection for robustness tests (MARGINALIA_FAIL_ON): see HostOptions.failOn. */
  readonly failOn?: string;
  /** V8's full collection, when the entry point exposed it: run in the typist's pauses (lsp/collector.ts). */
  readonly gc?: GarbageCollection;
  /** Edit a manuscript in memory before answering `initialize`, so that the first keystrokes run compiled code (lsp/warm-up.ts). */
  readonly warmUp?: boolean;
}

export function startServer(connection: Connection, start: StartOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  // In a workspace the user has not trusted (VS Code passes `trusted: false`), no file outside its folders is read.
  const files = new ConfinedFileSystem(new NodeFileSystem(), (file) => log(`untrusted workspace: not reading ${file} (outside the workspace folders)`));
  // A keystroke's snapshot trusts files' stamps for a second and checks them again in the background
  // (files/recent-stamps.ts); the change events below make a change seen at once.
  // Garbage collected in the typist's pauses, and after a large text's whole parse (lsp/collector.ts).
  const collector = new Collector(start.gc, DEFAULT_COLLECTOR, oldGenerationBytes, (ms, before, after) =>
    log(`collected garbage: old generation ${mb(before)} -> ${mb(after)} in ${ms.toFixed(0)} ms`),
  );
  const host = new Host(files, {}, STAMP_WINDOW_MS, { afterWholeParse: () => collector.nowIfGrown() });
  // The LSP objects of the host's kept findings (weakly, by them): what the adapter adds to the host's caches.
  const diagnosticObjects = new DiagnosticObjects();
  let settings = defaults;
  let canPullConfig = false;
  let canRegisterConfig = false;
  let canWatchFiles = false;
  let root: string | undefined;
  /** `marginalia/coverage` is our own notification: sent only to clients that ask for it (VS Code's). */
  let sendCoverage = false;
  const bibliographyWatcher = new BibliographyWatcher(() => {
    host.filesChanged();
    revalidateAll();
  });
  /** The client pulls diagnostics (`textDocument/diagnostic`): manuscripts' are not pushed then. */
  let pull = false;
  let canRefreshPulled = false;
  const log = (msg: string) => connection.console.log(`[marginalia] ${msg}`);
  const logError = (msg: string) => connection.console.error(`[marginalia] ${msg}`);
  // Bundled styles' CSL engines are built and run off this thread (lsp/style-worker.ts).
  const styleWorker = new StyleWorker(bundledScript(), log);
  const idleWork = new IdleWork(IDLE_MS, (e) => logError(`warm-up failed: ${(e as Error).stack ?? String(e)}`));
  /** Something came from the client: work done ahead of need (lsp/idle-work.ts) and collections wait. */
  const clientActivity = () => {
    idleWork.activity();
    collector.activity();
  };
  connection.onShutdown(() => {
    collector.dispose();
    styleWorker.dispose();
    idleWork.clear();
  });

  const guard =
    <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => Promise<R> | R) =>
    async (...args: A): Promise<R | ResponseError<void>> => {
      clientActivity();
      const token = tokenIn(args);
      try {
        if (token?.isCancellationRequested) return cancelled();
        const result = await fn(...args);
        // $/cancelRequest arrived while it ran: the client no longer wants the answer.
        return token?.isCancellationRequested ? cancelled() : result;
      } catch (e) {
        connection.console.error(`[marginalia] ${name} failed: ${(e as Error).stack ?? String(e)}`);
        return fallback;
      } finally {
        collector.answered();
      }
    };

  const analysed = (uri: string) => {
    const file = uriToPath(uri);
    if (!uri.startsWith('file:')) return true;
    return matchesAny(file, settings.include) && !matchesAny(file, settings.exclude);
  };

  /** The document's analysis, fenced by the host: a failure is a finding on it, never a throw. */
  async function analysisOf(uri: string): Promise<Analysis | undefined> {
    const doc = documents.get(uri);
    if (!doc || !analysed(uri)) return undefined;
    const file = uriToPath(uri);
    host.setOpen(file, doc.getText());
    return host.analyse(file);
  }

  /** For requests: a document that could not be analysed has no answers (its diagnostic says why). */
  async function snapshotOf(uri: string): Promise<Snapshot | undefined> {
    const a = await analysisOf(uri);
    return a?.kind === 'analysed' ? a.snapshot : undefined;
  }

  /** A chapter's whole book (its project's chapters, in order), or the manuscript alone. */
  async function bookOf(s: Snapshot): Promise<Snapshot[]> {
    const chapters = s.project?.chapters ?? [];
    if (!chapters.includes(s.path)) return [s];
    const out: Snapshot[] = [];
    for (const chapter of chapters) {
      const a = chapter === s.path ? undefined : await host.analyse(chapter);
      if (chapter === s.path) out.push(s);
      else if (a?.kind === 'analysed') out.push(a.snapshot);
    }
    return out;
  }

  async function openSnapshots(): Promise<Snapshot[]> {
    const out: Snapshot[] = [];
    for (const d of documents.all()) {
      const s = await snapshotOf(d.uri);
      if (s) out.push(s);
    }
    return out;
  }

  /** Bibliography files each manuscript used at its last analysis, to refresh them when that changes. */
  const bibsOf = new Map<string, Set<string>>();
  /** What was last published per bibliography file, to send nothing when nothing changed. */
  const publishedBibs = new Map<string, string>();
  const publishedFindings = new Map<string, readonly Finding[]>();

  const validate = guard('validate', undefined, async (uri: string, run: Run) => {
    const started = Date.now();
    const version = documents.get(uri)?.version;
    const a = await analysisOf(uri);
    if (!a) {
      // Excluded by the settings (or gone): withdraw what was said about it.
      if (documents.get(uri)) await withdraw(uri);
      return;
    }
    // A newer edit arrived while this one was analysed: its own run publishes; this result is stale.
    if (run.stale || documents.get(uri)?.version !== version) return;
    // Clients that do not watch files: the server watches the bibliographies in use itself, from
    // before it publishes, so that a change right after these diagnostics is seen.
    if (!canWatchFiles && a.kind !== 'not-analysed') {
      const files = new Set([...bibsOf.values()].flatMap((f) => [...f]));
      for (const b of a.snapshot.bibliographies) if (b.file) files.add(b.file.path);
      bibliographyWatcher.watch(files);
    }
    const diagnostics = documentDiagnostics(a, settings, logError, host.blockFindings, diagnosticObjects);
    if (!pull) void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
    if (a.kind === 'not-analysed') {
      log(`did not analyse ${path.basename(a.path)}: ${a.finding.message}`);
      return;
    }
    const s = a.snapshot;
    const peers = await openSnapshots();
    if (run.stale) return;
    const used = new Set(s.bibliographies.flatMap((b) => (b.file ? [b.file.path] : [])));
    const affected = new Set([...used, ...(bibsOf.get(uri) ?? [])]);
    // A manuscript has an entry here from its first analysis until it is closed or excluded.
    const firstAnalysis = !bibsOf.has(uri);
    bibsOf.set(uri, used);
    for (const file of affected) publishBibliography(file, peers);
    // Files no manuscript uses any more are no longer watched.
    if (!canWatchFiles) bibliographyWatcher.watch([...bibsOf.values()].flatMap((files) => [...files]));
    // The first completion and hover should not pay for the library's index and the style's engine:
    // built ahead, off this thread (the style worker) or once the user pauses (lsp/idle-work.ts).
    const locale = settings.locale;
    if (!styleWorker.warm(s, locale)) idleWork.add(`style ${uri}`, () => host.warmStyle(s, locale));
    idleWork.add(`search ${uri}`, () => host.warmSearch(s));
    // Counted per block: only the blocks an edit changed bind their sentences (workspace/block-coverage.ts).
    const c = host.blockCoverage.figures(s);
    if (sendCoverage) {
      const figures = { uri, claims: c.claims, cited: c.cited, editorial: c.editorial };
      const chapters = s.project?.chapters ?? [];
      // A chapter of a book shows the book's figures too: its other chapters are read after the
      // diagnostics are out, so typing never waits for them.
      if (chapters.length > 1 && chapters.includes(s.path))
        setTimeout(async () => {
          const book = await guard('book coverage', undefined, async () =>
            sumFigures((await bookOf(s)).map((chapter) => figuresOf(claimCoverage(chapter)))),
          )();
          const total = book && !(book instanceof ResponseError) ? { book: { claims: book.claims, cited: book.cited, chapters: chapters.length } } : {};
          void connection.sendNotification('marginalia/coverage', { ...figures, ...total });
        }, 0);
      else void connection.sendNotification('marginalia/coverage', figures);
    }
    // Not in the pause after a document's first analysis (an open): a typist starts a moment later, and
    // a collection then made the first keystroke slower (docs/performance.md); the open's whole parse has
    // had its collection.
    if (!firstAnalysis) collector.published();
    log(`analysed ${path.basename(s.path)} in ${Date.now() - started} ms: ${diagnostics.length} findings, claims cited ${c.cited}/${c.claims}`);
  });

  const scheduler = new Scheduler(async (uri, run) => {
    // Bibliography files are open for code lenses only; their diagnostics come from the manuscripts.
    if (!isBibliographyUri(uri)) await validate(uri, run);
  });

  /** Clears a manuscript's diagnostics and recomputes the bibliographies it used without it. */
  async function withdraw(uri: string): Promise<void> {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    const files = bibsOf.get(uri) ?? new Set<string>();
    bibsOf.delete(uri);
    if (!files.size) return;
    const peers = (await openSnapshots()).filter((p) => fileUri(p.path) !== uri);
    for (const file of files) publishBibliography(file, peers);
  }

  /** Findings in a bibliography file depend on every open manuscript using it: computed from all of them. */
  function publishBibliography(file: string, peers: readonly Snapshot[]): void {
    let findings: ReturnType<typeof diagnoseBibliography>;
    try {
      findings = diagnoseBibliography(file, peers, settings, (users) => host.unusedReferences.findings(users, MAX_DIAGNOSTICS));
    } catch (e) {
      // One manuscript's rules failing must not stop the manuscript's own diagnostics (already sent).
      logError(`could not check ${file}: ${(e as Error).stack ?? String(e)}`);
      return;
    }
    // The same finding objects as last time (the memoised unused references): nothing to compare or send.
    const last = publishedFindings.get(file);
    if (last && last.length === findings.length && last.every((f, i) => f === findings[i])) return;
    publishedFindings.set(file, findings);
    // As for manuscripts: VS Code keeps 1,000 a file; a 30,000-entry library has 30,000 unused references.
    const shown = mostSevere(findings, MAX_DIAGNOSTICS);
    const key = shown.map((f) => `${f.code}:${f.range.start}:${f.range.end}:${f.severity}:${f.message}`).join('\n');
    if (publishedBibs.get(file) === key) return;
    publishedBibs.set(file, key);
    const owner = peers.find((p) => linesOf(p, file));
    const lines = owner && linesOf(owner, file);
    const diagnostics = lines && owner ? shown.map((f) => toDiagnostic(f, lines, (other) => linesOf(owner, other))) : [];
    void connection.sendDiagnostics({ uri: fileUri(file), diagnostics });
  }

  const revalidateAll = () => {
    for (const d of documents.all()) scheduler.schedule(d.uri, true);
    if (pull && canRefreshPulled) connection.languages.diagnostics.refresh();
  };
  // A bibliography or style read mid-write changed again without a notification: take its final state.
  host.onSettledChange(() => revalidateAll());

  function applySettings(next: ServerSettings): void {
    const style = next.citationStyle;
    if (style !== settings.citationStyle && !style.endsWith('.csl') && !availableStyles().includes(style))
      connection.console.warn(`[marginalia] citation style '${style}' is not bundled (${availableStyles().join(', ')}); using APA`);
    settings = next;
    host.configure({
      defaultBibliography: settings.bibliography,
      citationStyle: settings.citationStyle,
      ...(root ? { root } : {}),
      ...(settings.limits ? { limits: settings.limits } : {}),
      ...(start.failOn ? { failOn: start.failOn } : {}),
    });
  }

  async function pullSettings(): Promise<void> {
    if (!canPullConfig) return;
    const raw: unknown = await connection.workspace.getConfiguration('marginalia');
    applySettings(readSettings(raw));
  }

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (rootUri?.startsWith('file:')) root = uriToPath(rootUri);
    applySettings(settings);
    canRegisterConfig = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    pull = !!params.capabilities.textDocument?.diagnostic;
    canRefreshPulled = !!params.capabilities.workspace?.diagnostics?.refreshSupport;
    const init = params.initializationOptions as (Partial<ServerSettings> & { coverageNotifications?: boolean; trusted?: boolean }) | undefined;
    sendCoverage = init?.coverageNotifications === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (rootUri ? [rootUri] : []);
    files.confineTo(init?.trusted === false ? folders.filter((u) => u.startsWith('file:')).map(uriToPath) : undefined);
    host.filesChanged(); // what was allowed to be read changed
    if (init) applySettings(readSettings(init));
    if (start.warmUp) {
      const started = performance.now();
      const report = await guard('warm-up', undefined, () => warmUp())();
      const analyses = report && !(report instanceof ResponseError) ? report.diagnostics.length : 0;
      log(`warmed up the keystroke path: ${analyses} analyses in ${(performance.now() - started).toFixed(0)} ms`);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: 'Marginalia' },
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: ['@'], resolveProvider: true },
        referencesProvider: true,
        workspaceSymbolProvider: true,
        ...(pull ? { diagnosticProvider: { identifier: 'marginalia', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        documentHighlightProvider: true,
        executeCommandProvider: { commands: [ADD_REVIEW_COMMENT] },
      },
      serverInfo: { name: 'marginalia', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canRegisterConfig)
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    // Editors other than VS Code (whose client watches these itself) learn this way that a bibliography changed.
    if (canWatchFiles)
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{bib,bibtex,json,yaml,yml,csl}' }] })
        .catch(() => undefined);
    if (canPullConfig) await guard('settings', undefined, pullSettings)();
    styleWorker.start();
    revalidateAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfig) await guard('settings', undefined, pullSettings)();
    else applySettings(readSettings((change.settings as { marginalia?: unknown } | undefined)?.marginalia ?? {}));
    revalidateAll();
  });

  documents.onDidOpen((e) => scheduler.schedule(e.document.uri, true));
  documents.onDidChangeContent((e) => {
    scheduler.schedule(e.document.uri);
    idleWork.activity(); // edits, as requests do
    collector.edited();
  });
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    host.close(uriToPath(e.document.uri));
    if (!isBibliographyUri(e.document.uri)) void withdraw(e.document.uri);
  });

  connection.onDidChangeWatchedFiles((e) => {
    // A deletion (it may be a folder, with files inside) or a URI that names no path here (a remote
    // file, a malformed one): forget every stamp.
    const paths = e.changes.flatMap((c) => {
      try {
        return c.type === FileChangeType.Deleted ? [] : [uriToPath(c.uri)];
      } catch {
        return [];
      }
    });
    host.filesChanged(paths.length === e.changes.length ? paths : undefined);
    // A bibliography changed on disk: the loader re-reads it (its stamp changed); re-run every document.
    const relevant = e.changes.some((c) => /\.(bib|bibtex|json|ya?ml|csl)$/i.test(c.uri) || c.type === FileChangeType.Deleted);
    if (relevant) revalidateAll();
  });

  connection.onHover(
    guard('hover', null, async (params) => {
      const s = await snapshotOf(params.textDocument.uri);
      if (!s) return null;
      const offset = s.manuscript.lines.offset(params.position);
      const key = keyAt(s, offset);
      if (key) await styleWorker.prefetch(s, [key], settings.locale);
      const h = hover(s, offset, { config: settings });
      return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: toRange(s.manuscript.lines, h.range) } : null;
    }),
  );

  const toLocations = (s: Snapshot, list: readonly Location[]) =>
    list.flatMap((l) => {
      const lines = linesOf(s, l.file);
      return lines ? [{ uri: fileUri(l.file), range: toRange(lines, l.range) }] : [];
    });

  connection.onCompletion(
    guard('completion', null, async (params) => {
      const s = await snapshotOf(params.textDocument.uri);
      if (!s) return null;
      const result = completeKey(s, s.manuscript.lines.offset(params.position), host.keySearch(s));
      if (!result) return null;
      const range = toRange(s.manuscript.lines, result.range);
      return {
        isIncomplete: result.incomplete,
        items: result.items.map((i) => ({
          label: i.key,
          kind: i.crossReference ? CompletionItemKind.Constant : CompletionItemKind.Reference,
          detail: i.detail,
          filterText: i.filterText,
          sortText: i.sortText,
          textEdit: { range, newText: i.key },
          data: { uri: params.textDocument.uri, key: i.key },
        })),
      };
    }),
  );

  connection.onCompletionResolve(async (item: CompletionItem) =>
    // On failure the item is returned as it came: resolving is an embellishment.
    guard('completionResolve', item, async () => {
      const { uri, key } = (item.data ?? {}) as { uri?: string; key?: string };
      const s = uri ? await snapshotOf(uri) : undefined;
      const entry = s && key ? s.entries.get(key)?.[0]?.entry : undefined;
      if (!entry) return item;
      await styleWorker.prefetch(s!, [key!], settings.locale);
      const formatted = s!.formatter.formatReference(entry.csl(), styleOptions(s!, settings.locale));
      return { ...item, documentation: { kind: 'markdown' as const, value: formatted.markdown } };
    })(),
  );

  connection.onCodeAction(
    guard('codeAction', [], async (params) => {
      const s = await snapshotOf(params.textDocument.uri);
      if (!s) return [];
      const lines = s.manuscript.lines;
      const at = { start: lines.offset(params.range.start), end: lines.offset(params.range.end) };
      // Review actions (accept, reject, resolve) stand alone; a quick fix comes with the diagnostic it
      // fixes: none for a code turned off, or not shown here.
      return codeActions(s, at).flatMap((a) => {
        const target = a.fixes ?? a.resolves;
        const range = target && toRange(lines, target.range);
        const diagnostics = params.context.diagnostics.filter(
          (d) => target && range && d.code === target.code && d.range.start.line === range.start.line && d.range.start.character === range.start.character,
        );
        if (a.fixes && !diagnostics.length) return [];
        return {
          title: a.title,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          ...(a.preferred ? { isPreferred: true } : {}),
          edit: { changes: { [params.textDocument.uri]: a.edits.map((e) => ({ range: toRange(lines, e.range), newText: e.newText })) } },
        };
      });
    }),
  );

  connection.onDefinition(
    guard('definition', [], async (params) => {
      const s = await snapshotOf(params.textDocument.uri);
      if (!s) return [];
      return toLocations(s, definition(s, s.manuscript.lines.offset(params.position)));
    }),
  );

  connection.onReferences(
    guard('references', [], async (params) => {
      const own = await snapshotOf(params.textDocument.uri);
      const include = params.context.includeDeclaration;
      if (own) {
        const key = keyAt(own, own.manuscript.lines.offset(params.position));
        if (!key) return [];
        // Every open manuscript that cites the key, so multi-file manuscripts are covered.
        const others = (await openSnapshots()).filter((s) => s.path !== own.path);
        return [own, ...others].flatMap((s) => toLocations(s, references(s, key, include && s === own)));
      }
      // A request from a bibliography file: the entry under the cursor, cited in any open manuscript.
      const file = uriToPath(params.textDocument.uri);
      const all = await openSnapshots();
      for (const s of all) {
        const lines = linesOf(s, file);
        const key = lines && entryKeyAt(s, file, lines.offset(params.position));
        if (key) return all.flatMap((t) => toLocations(t, references(t, key, include && t === s)));
      }
      return [];
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [], async (params) => {
      // From the model alone, without a snapshot's awaits nor claims (workspace/host.ts `outlineOf`).
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !analysed(doc.uri)) return [];
      host.setOpen(uriToPath(doc.uri), doc.getText());
      const manuscript = await host.outlineOf(uriToPath(doc.uri));
      return manuscript ? outline({ manuscript }).map((n) => toDocumentSymbol(n, manuscript.lines)) : [];
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', [], async (params) => {
      const snapshots = await openSnapshots();
      return referenceSymbols(snapshots, params.query).flatMap((r) => {
        const lines = snapshots.map((s) => linesOf(s, r.file)).find((l) => l);
        if (!lines) return [];
        return [
          {
            name: r.key,
            kind: SymbolKind.Key,
            containerName: `${r.detail} (${path.basename(r.file)})`,
            location: { uri: fileUri(r.file), range: toRange(lines, r.range) },
          },
        ];
      });
    }),
  );

  // Pull diagnostics (clients that declare them): the manuscript's own, for the version open now.
  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> => {
    try {
      const uri = params.textDocument.uri;
      const version = documents.get(uri)?.version;
      const a = await analysisOf(uri);
      if (token.isCancellationRequested) return cancelled({ retriggerRequest: false });
      if (documents.get(uri)?.version !== version) return superseded();
      const items = a ? documentDiagnostics(a, settings, logError, host.blockFindings, diagnosticObjects) : [];
      const resultId = createHash('sha1').update(JSON.stringify(items)).digest('hex');
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    } catch (e) {
      logError(`diagnostic failed: ${(e as Error).stack ?? String(e)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  connection.onRequest(
    'marginalia/coverage',
    guard('coverage', null, async (params: { uri: string }) => {
      const s = await snapshotOf(params.uri);
      if (!s) return null;
      const c = host.blockCoverage.figures(s);
      return { uri: params.uri, claims: c.claims, cited: c.cited, editorial: c.editorial };
    }),
  );

  // The coverage report as a webview page; the client's nonce allows its style and script.
  connection.onRequest(
    'marginalia/report',
    guard('report', null, async (params: { uri: string; nonce: string }) => {
      const s = await snapshotOf(params.uri);
      if (!s) return null;
      const html = renderReportHtml(coverageReport(await bookOf(s)), { mode: 'webview', nonce: String(params.nonce), generator: 'Marginalia 0.1.0' });
      return { uri: params.uri, html };
    }),
  );
  registerLibraryHandlers(connection, {
    snapshotOf,
    guard,
    // The open manuscripts, then the workspace folder's others (read from disk).
    async allManuscripts() {
      const open = await openSnapshots();
      if (!root) return open;
      const seen = new Set(open.map((s) => s.path));
      for (const file of await findManuscripts(root, settings.include, settings.exclude)) {
        if (seen.has(file)) continue;
        const s = await host.snapshot(file);
        if (s) open.push(s);
      }
      return open;
    },
  });
  // The preview plugin renders synchronously: the client fetches this after each analysis.
  connection.onRequest(
    'marginalia/preview',
    guard('preview', null, async (params: { uri: string }) => {
      const s = await snapshotOf(params.uri);
      return s ? { uri: params.uri, ...previewData(s, settings) } : null;
    }),
  );

  // Run only when the user invokes "Add Review Comment": the edit goes through the client's workspace/applyEdit.
  connection.onExecuteCommand(
    guard('executeCommand', { applied: false, error: 'failed' }, async (params) => {
      if (params.command !== ADD_REVIEW_COMMENT) return { applied: false, error: `unknown command ${params.command}` };
      const [arg] = (params.arguments ?? []) as { uri?: string; range?: Range; comment?: string }[];
      const s = arg?.uri ? await snapshotOf(arg.uri) : undefined;
      if (!s || !arg?.uri || !arg.range || typeof arg.comment !== 'string') return { applied: false, error: 'expected { uri, range, comment }' };
      const lines = s.manuscript.lines;
      const edits = addCommentEdits(s, { start: lines.offset(arg.range.start), end: lines.offset(arg.range.end) }, arg.comment);
      if (!Array.isArray(edits)) return { applied: false, error: edits.error };
      const result = await connection.workspace.applyEdit({
        label: 'Add review comment',
        edit: { changes: { [arg.uri]: edits.map((e) => ({ range: toRange(lines, e.range), newText: e.newText })) } },
      });
      return { applied: result.applied, ...(result.failureReason ? { error: result.failureReason } : {}) };
    }),
  );

  documents.listen(connection);
  connection.listen();
}

function isBibliographyUri(uri: string): boolean {
  return /\.(bib|bibtex|json|ya?ml)$/i.test(uri);
}
/** The server side of "Marginalia: Add Review Comment" (the client command prompts for the text). */
export const ADD_REVIEW_COMMENT = 'marginalia.server.addReviewComment';

function readSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown, d: readonly string[]) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : d);
  const diagnostics = (r['diagnostics'] ?? {}) as { severity?: unknown };
  const files = (r['files'] ?? {}) as { include?: unknown; exclude?: unknown };
  const levels = ['error', 'warning', 'information', 'hint', 'off'];
  // Unknown codes and levels are dropped: a typo in settings must not produce diagnostics without a severity.
  const severity = Object.fromEntries(
    Object.entries(diagnostics.severity && typeof diagnostics.severity === 'object' ? diagnostics.severity : {}).filter(
      ([code, level]) => isDiagnosticCode(code) && typeof level === 'string' && levels.includes(level),
    ),
  );
  return {
    citationStyle: typeof r['citationStyle'] === 'string' && r['citationStyle'] ? r['citationStyle'] : defaults.citationStyle,
    locale: typeof r['locale'] === 'string' && r['locale'] ? r['locale'] : defaults.locale,
    severity: severity as ServerSettings['severity'],
    include: strings(files.include, defaults.include),
    exclude: strings(files.exclude, defaults.exclude),
    bibliography: strings(r['bibliography'], []),
    limits: readLimits(r['limits']),
    claimSensitivity: parseSensitivity(((r['claims'] ?? {}) as { sensitivity?: unknown }).sensitivity) ?? DEFAULT_SENSITIVITY,
  };
}

/** `marginalia.limits.*`: sizes in bytes, non-negative integers (a manuscript limit above 0); others dropped. */
function readLimits(raw: unknown): Partial<Limits> {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const size = (v: unknown, min: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? v : undefined);
  const out: { -readonly [K in keyof Limits]?: number } = {};
  const manuscriptBytes = size(r['manuscriptBytes'], 1);
  const bibliographyBytes = size(r['bibliographyBytes'], 0);
  const styleBytes = size(r['styleBytes'], 0);
  if (manuscriptBytes !== undefined) out.manuscriptBytes = manuscriptBytes;
  if (bibliographyBytes !== undefined) out.bibliographyBytes = bibliographyBytes;
  if (styleBytes !== undefined) out.styleBytes = styleBytes;
  return out;
}
