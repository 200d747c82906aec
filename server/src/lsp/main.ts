/** Entry point of the bundled server (dist/server.js). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runServer } from './run.js';

// V8's full collection, for collecting in the typist's pauses (lsp/collector.ts). Exposing it is a
// start-up flag; set before any code runs, a context made afterwards has the function.
setFlagsFromString('--expose-gc');
// Where the flag has no effect (another runtime), there is no `gc` and nothing is collected by hand.
const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
runServer(process.argv, gc);
