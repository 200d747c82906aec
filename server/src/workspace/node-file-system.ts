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

  async stamp(path: string): Promise<number | undefined> {
    try {
      const s = await fs.stat(path);
      return s.mtimeMs + s.size;
    } catch {
      return undefined;
    }
  }
}
