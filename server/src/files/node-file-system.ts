import { promises as fs } from 'node:fs';
import type { FileSystem } from './file-system.js';

export class NodeFileSystem implements FileSystem {
  async readFile(path: string): Promise<string | undefined> {
    try {
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  async stamp(path: string): Promise<string | undefined> {
    try {
      const s = await fs.stat(path);
      // All three, not a sum: coarse clocks (1 s on some file systems) make mtime alone ambiguous.
      return `${s.mtimeMs}:${s.size}:${s.ino}:${s.ctimeMs}`;
    } catch {
      return undefined;
    }
  }
}
