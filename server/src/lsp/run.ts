/** Starts the server on the connection the process was given (IPC when VS Code starts it, `--stdio` otherwise). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

export function runServer(): void {
  startServer(createConnection(ProposedFeatures.all));
}
