/**
 * The project's real-world data lives beside the repository in ../shared/data (never copied in).
 * A user's clone has no ../shared: tests that need it skip, saying so in their names.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');

export function sharedData(relative: string): { path: string; present: boolean; skipNote: string } {
  const file = path.resolve(repoRoot, '../shared/data', relative);
  const present = existsSync(file);
  return { path: file, present, skipNote: present ? '' : ` (skipped: ../shared/data/${relative} not available)` };
}
