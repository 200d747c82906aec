/** The custom messages the Marginalia server sends besides standard LSP (see server/src/lsp/server.ts). */
import { NotificationType, RequestType } from 'vscode-languageclient/node';

/** How many claims of one manuscript carry a citation, sent after each analysis. */
export interface Coverage {
  readonly claims: number;
  readonly cited: number;
}

export interface CoverageParams extends Coverage {
  readonly uri: string;
  /** The whole book's figures when the manuscript is a chapter of one (Quarto, bookdown, Manubot). */
  readonly book?: Coverage & { readonly chapters: number };
}

export const CoverageNotification = new NotificationType<CoverageParams>('marginalia/coverage');

export interface ReportParams {
  readonly uri: string;
  /** Allows the page's inline style and script under the webview's Content-Security-Policy. */
  readonly nonce: string;
}

export interface ReportResult {
  readonly uri: string;
  /** The coverage report as one HTML page in webview mode (server/src/analysis/report-html.ts). */
  readonly html: string;
}

/** The coverage report of one manuscript; null when the server does not analyse the document. */
export const ReportRequest = new RequestType<ReportParams, ReportResult | null, void>('marginalia/report');
