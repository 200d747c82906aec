/** Entry point of the bundled server: IPC when VS Code starts it, `--stdio` for other editors. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

startServer(createConnection(ProposedFeatures.all));
