/** Entry point of the bundled server (dist/server.js). */
import { runServer } from './run.js';

runServer();
