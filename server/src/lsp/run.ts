/** Starts the server on the connection the process was given (IPC when VS Code starts it, `--stdio` otherwise). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';
import { stdioTransport } from './stdio-transport.js';

export function runServer(argv: readonly string[] = process.argv, gc?: () => void): void {
  // Robustness tests make documents fail on purpose (see HostOptions.failOn).
  const failOn = process.env['MARGINALIA_FAIL_ON'];
  // The built server warms its keystroke path up before answering `initialize` (lsp/warm-up.ts).
  const options = { ...(failOn ? { failOn } : {}), ...(gc ? { gc } : {}), warmUp: true };
  if (argv.includes('--stdio')) {
    const [reader, writer] = stdioTransport();
    startServer(createConnection(ProposedFeatures.all, reader, writer), options);
  } else startServer(createConnection(ProposedFeatures.all), options);
}
