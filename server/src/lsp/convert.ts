/** The only place that maps core data (offsets, findings, outline nodes) to LSP types. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
  type Range,
} from 'vscode-languageserver';
import type { Finding, Severity } from '../analysis/diagnostic.js';
import type { OutlineKind, OutlineNode } from '../analysis/outline.js';
import type { LineIndex } from '../text/line-index.js';
import type { OffsetRange } from '../text/range.js';

export function toRange(lines: LineIndex, r: OffsetRange): Range {
  return { start: lines.position(r.start), end: lines.position(r.end) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, lines: LineIndex, linesOf: (file: string) => LineIndex | undefined): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.range),
    severity: severities[f.severity],
    code: f.code,
    codeDescription: { href: docsHref(f.code) },
    source: 'marginalia',
    message: f.message,
  };
  if (f.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
  if (f.data) d.data = f.data;
  if (f.related?.length) {
    d.relatedInformation = f.related.flatMap((r) => {
      const l = linesOf(r.file);
      return l ? [{ location: { uri: fileUri(r.file), range: toRange(l, r.range) }, message: r.message }] : [];
    });
  }
  return d;
}

const kinds: Record<OutlineKind, SymbolKind> = {
  section: SymbolKind.String,
  group: SymbolKind.Namespace,
  category: SymbolKind.Enum,
  consequence: SymbolKind.EnumMember,
  mention: SymbolKind.Event,
  reviewer: SymbolKind.Object,
  'review-mark': SymbolKind.Event,
};

export function toDocumentSymbol(node: OutlineNode, lines: LineIndex): DocumentSymbol {
  const range = toRange(lines, node.range);
  const selection = toRange(lines, node.selectionRange);
  return {
    name: node.name || ' ',
    ...(node.detail ? { detail: node.detail } : {}),
    kind: kinds[node.kind],
    range,
    // LSP requires the selection range to lie inside the range.
    selectionRange: within(selection, range) ? selection : { start: range.start, end: range.start },
    children: node.children.map((c) => toDocumentSymbol(c, lines)),
  };
}

function within(inner: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

export function fileUri(file: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? file : pathToFileURL(file).href;
}

export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

let docsRoot: string | undefined;
let docsUrl: string | undefined;

/** A link to the diagnostic's section of docs/diagnostics.md shipped with the server. */
export function docsHref(code: string): string {
  if (!docsRoot) {
    const candidates = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../..'), process.cwd()];
    docsRoot = candidates.find((c) => existsSync(path.join(c, 'docs', 'diagnostics.md'))) ?? candidates[0]!;
  }
  // Once: resolving the path and making a URL for each of a keystroke's 1,000 diagnostics took 1 MB.
  docsUrl ??= pathToFileURL(path.join(docsRoot, 'docs', 'diagnostics.md')).href;
  return `${docsUrl}#${code}`;
}
