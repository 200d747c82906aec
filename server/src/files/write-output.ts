/**
 * Writing a file the user named on the command line (`marginalia report -o report.html`). The
 * language server never writes files; only the CLI does, and only where the user says.
 */
import { promises as fs } from 'node:fs';

export async function writeOutput(path: string, text: string): Promise<void> {
  await fs.writeFile(path, text, 'utf8');
}
