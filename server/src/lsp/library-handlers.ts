/**
 * LSP handlers for the library workflow: rename a citation key (prepareRename + rename), code lenses
 * in bibliography files, document links in front matter, document highlight of a key. Each finds the
 * snapshots, asks the core (analysis/rename.ts, citation-lens.ts, document-links.ts,
 * document-highlight.ts) and converts.
 */
import {
  DocumentHighlightKind,
  ErrorCodes,
  ResponseError,
  type Connection,
  type Position,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { citationLenses } from '../analysis/citation-lens.js';
import { documentHighlights } from '../analysis/document-highlight.js';
import { documentLinks } from '../analysis/document-links.js';
import { renameKey, renameTarget, type RenameTarget } from '../analysis/rename.js';
import { linesOf, type Snapshot } from '../analysis/snapshot.js';
import type { LineIndex } from '../text/line-index.js';
import { fileUri, toRange, uriToPath } from './convert.js';

/** The client command a code lens runs to show an entry's citations (VS Code's client maps it to its references view). */
export const SHOW_REFERENCES = 'marginalia.showReferences';

export interface LibraryContext {
  /** The snapshot of an open manuscript, undefined for other documents. */
  snapshotOf(uri: string): Promise<Snapshot | undefined>;
  /** Every manuscript: the open ones and those of the workspace folder. */
  allManuscripts(): Promise<Snapshot[]>;
  guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => Promise<R> | R): (...args: A) => Promise<R | ResponseError<void>>;
}

export function registerLibraryHandlers(connection: Connection, ctx: LibraryContext): void {
  /** The manuscript the request is about and the key under the cursor, from a manuscript or a bibliography file. */
  async function targetAt(uri: string, position: Position): Promise<{ origin: Snapshot; target: RenameTarget; all: Snapshot[] } | undefined> {
    const own = await ctx.snapshotOf(uri);
    const all = await ctx.allManuscripts();
    if (own) {
      const target = renameTarget(own, own.path, own.manuscript.lines.offset(position));
      return target ? { origin: own, target, all } : undefined;
    }
    const file = uriToPath(uri);
    for (const s of all) {
      const lines = linesOf(s, file);
      const target = lines && renameTarget(s, file, lines.offset(position));
      if (target) return { origin: s, target, all };
    }
    return undefined;
  }

  const linesIn = (snapshots: readonly Snapshot[], file: string): LineIndex | undefined =>
    snapshots.map((s) => linesOf(s, file)).find((l) => l);

  connection.onPrepareRename(
    ctx.guard('prepareRename', null, async (params) => {
      const at = await targetAt(params.textDocument.uri, params.position);
      if (!at) return null;
      const lines = at.origin.path === uriToPath(params.textDocument.uri) ? at.origin.manuscript.lines : linesIn([at.origin], uriToPath(params.textDocument.uri));
      return lines ? { range: toRange(lines, at.target.range), placeholder: at.target.key } : null;
    }),
  );

  connection.onRenameRequest(
    ctx.guard('rename', null, async (params) => {
      const at = await targetAt(params.textDocument.uri, params.position);
      if (!at) return new ResponseError(ErrorCodes.InvalidRequest, 'Place the cursor on a citation key or an entry key to rename it.');
      const result = renameKey(at.origin, at.all, at.target.key, params.newName.replace(/^@/, ''));
      if (!result.ok) return new ResponseError(ErrorCodes.InvalidRequest, `Cannot rename @${at.target.key}: ${result.reason}.`);
      const changes: Record<string, LspTextEdit[]> = {};
      for (const [file, edits] of result.edits) {
        const lines = linesIn(at.all, file);
        if (lines) changes[fileUri(file)] = edits.map((e) => ({ range: toRange(lines, e.range), newText: e.newText }));
      }
      return { changes };
    }),
  );

  connection.onCodeLens(
    ctx.guard('codeLens', [], async (params) => {
      // Only bibliography files have lenses; manuscripts are answered at once.
      if (await ctx.snapshotOf(params.textDocument.uri)) return [];
      const file = uriToPath(params.textDocument.uri);
      const all = await ctx.allManuscripts();
      const lines = linesIn(all, file);
      if (!lines) return [];
      return citationLenses(file, all).map((lens) => {
        const range = toRange(lines, lens.range);
        const locations = lens.citations.flatMap((c) => {
          const l = linesIn(all, c.file);
          return l ? [{ uri: fileUri(c.file), range: toRange(l, c.range) }] : [];
        });
        return { range, command: { title: lens.title, command: SHOW_REFERENCES, arguments: [params.textDocument.uri, range.start, locations] } };
      });
    }),
  );

  connection.onDocumentLinks(
    ctx.guard('documentLinks', [], async (params) => {
      const s = await ctx.snapshotOf(params.textDocument.uri);
      if (!s) return [];
      return documentLinks(s).map((l) => ({ range: toRange(s.manuscript.lines, l.range), target: fileUri(l.target) }));
    }),
  );

  connection.onDocumentHighlight(
    ctx.guard('documentHighlight', [], async (params) => {
      const s = await ctx.snapshotOf(params.textDocument.uri);
      if (!s) return [];
      return documentHighlights(s, s.manuscript.lines.offset(params.position)).map((h) => ({
        range: toRange(s.manuscript.lines, h.range),
        kind: h.kind === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      }));
    }),
  );
}
