/**
 * `marginalia accept FILE` / `marginalia reject FILE`: print the manuscript with every review mark
 * resolved (changes accepted or rejected, comments and highlights stripped), for `pandoc`. Stray
 * markers are left as written and reported on stderr.
 */
import * as path from 'node:path';
import { resolveAllMarks, type Resolution } from '../analysis/review-actions.js';
import { NodeFileSystem } from '../files/node-file-system.js';
import { buildManuscript } from '../model/manuscript.js';
import { reviewMarkErrors, reviewMarks } from '../model/review.js';

export async function resolveMarksCommand(how: Resolution, files: readonly string[], usage: string): Promise<number> {
  const file = files[0];
  if (!file || files.length > 1) {
    process.stderr.write(`marginalia ${how} takes exactly one file\n${usage}`);
    return 2;
  }
  const text = await new NodeFileSystem().readFile(path.resolve(file));
  if (text === undefined) {
    process.stderr.write(`marginalia: cannot read ${file}\n`);
    return 2;
  }
  const manuscript = buildManuscript(text);
  for (const e of reviewMarkErrors(manuscript.tree)) {
    const p = manuscript.lines.position(e.range.start);
    process.stderr.write(`${file}:${p.line + 1}:${p.character + 1} warning malformed-review-mark ${e.message}\n`);
  }
  process.stdout.write(resolveAllMarks(text, reviewMarks(manuscript), how));
  return 0;
}
