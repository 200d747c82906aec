/**
 * The manuscripts under a folder: the server's workspace folder, for features that must see every
 * manuscript (renaming a key, counting where an entry is cited), and a folder given to the CLI. A
 * bounded walk: dot folders and node_modules are skipped, and it stops after `limit` files.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { matchesAny } from '../workspace/glob.js';

/** The defaults of `marginalia.files.include` and `exclude` (package.json), for the server and the CLI. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.md', '**/*.qmd', '**/*.Rmd'];
export const DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**'];

export async function findManuscripts(root: string, include: readonly string[], exclude: readonly string[], limit = 5000): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 12 || seen > limit) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > limit) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') await walk(full, depth + 1);
      } else if (e.isFile() && matchesAny(full, include) && !matchesAny(full, exclude)) found.push(full);
    }
  };
  await walk(root, 0);
  return found.sort();
}
