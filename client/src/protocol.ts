/** The custom messages the Marginalia server sends besides standard LSP (see server/src/lsp/server.ts). */
import { NotificationType } from 'vscode-languageclient/node';

/** How many claims of one manuscript carry a citation, sent after each analysis. */
export interface Coverage {
  readonly claims: number;
  readonly cited: number;
}

export interface CoverageParams extends Coverage {
  readonly uri: string;
}

export const CoverageNotification = new NotificationType<CoverageParams>('marginalia/coverage');
