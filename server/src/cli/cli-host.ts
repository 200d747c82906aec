/** The host every CLI command analyses through: files from disk, `--bibliography`, the size limit. */
import * as path from 'node:path';
import { NodeFileSystem } from '../files/node-file-system.js';
import { Host } from '../workspace/host.js';

export interface CliHostOptions {
  readonly bibliography: readonly string[];
  readonly manuscriptBytes?: number;
}

export function cliHost(o: CliHostOptions): Host {
  // MARGINALIA_FAIL_ON injects a fault into the analysis of a file containing that text (tests of fencing).
  const failOn = process.env['MARGINALIA_FAIL_ON'];
  return new Host(new NodeFileSystem(), {
    defaultBibliography: o.bibliography.map((b) => path.resolve(b)),
    ...(o.manuscriptBytes ? { limits: { manuscriptBytes: o.manuscriptBytes } } : {}),
    ...(failOn ? { failOn } : {}),
  });
}
