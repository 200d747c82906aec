/** Starts the server on the connection the process was given (IPC when VS Code starts it, `--stdio` otherwise). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { GarbageCollection } from './collector.js';
import { startServer } from './server.js';
import { stdioTransport } from './stdio-transport.js';

/**
 * V8's full collection, for collecting in the typist's pauses (lsp/collector.ts). Exposing it is a
 * start-up flag, but a context made after it is set has the function; where the flag has no effect
 * (another runtime), there is none and nothing is collected by hand.
 */
function exposedGc(): GarbageCollection | undefined {
  setFlagsFromString('--expose-gc');
  return runInNewContext('typeof gc === "function" ? gc : undefined') as GarbageCollection | undefined;
}

/** The language server as a process runs it: `dist/server.js`, and `marginalia lsp` for other editors. */
export function runServer(argv: readonly string[] = process.argv): void {
  const gc = exposedGc();
  // Robustness tests make documents fail on purpose (see HostOptions.failOn).
  const failOn = process.env['MARGINALIA_FAIL_ON'];
  // The built server warms its keystroke path up before answering `initialize` (lsp/warm-up.ts).
  const options = { ...(failOn ? { failOn } : {}), ...(gc ? { gc } : {}), warmUp: true };
  if (argv.includes('--stdio')) {
    const [reader, writer] = stdioTransport();
    startServer(createConnection(ProposedFeatures.all, reader, writer), options);
  } else startServer(createConnection(ProposedFeatures.all), options);
}
