import { describe, expect, it } from 'vitest';
import { matchesAny } from '../../../server/src/workspace/glob.js';

describe('file globs of the include/exclude settings', () => {
  it.each([
    ['/home/u/paper/document/paper.md', ['**/*.md'], true],
    ['/home/u/paper/document/paper.txt', ['**/*.md'], false],
    ['/home/u/p/node_modules/x/README.md', ['**/node_modules/**'], true],
    ['/home/u/p/chapters/01.intro.md', ['chapters/*.md'], true],
    ['/home/u/p/notes.qmd', ['**/*.{md,qmd}'], true],
    ['/home/u/p/draft.md', ['draft.md'], true],
    ['/home/u/p/final.md', ['draft.md'], false],
  ])('%s against %j is %s', (file, globs, expected) => {
    expect(matchesAny(file, globs)).toBe(expected);
  });
});
