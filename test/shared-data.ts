/**
 * The project's real-world data lives beside the repository in ../shared/data (never copied in).
 * A user's clone has no ../shared: tests that need it skip, saying so in their names.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');

export function sharedData(relative: string): { path: string; present: boolean; skipNote: string } {
  const file = path.resolve(repoRoot, '../shared/data', relative);
  const present = existsSync(file);
  return { path: file, present, skipNote: present ? '' : ` (skipped: ../shared/data/${relative} not available)` };
}

/**
 * The manuscript files under `dir` in path order (Manubot's numbered content files), through its
 * subfolders except the corpus's `claims` labels and hidden folders; README and LICENSE are no manuscripts.
 */
export function manuscriptFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === 'claims' || name.startsWith('.') ? [] : manuscriptFiles(full);
      return /\.(md|qmd|Rmd)$/.test(name) && !/^(LICENSE|README)/i.test(name) ? [full] : [];
    });
}
