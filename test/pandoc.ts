/** Debian's pandoc is the oracle for the citation syntax and `--citeproc`; tests that need it skip without it. */
import { spawnSync } from 'node:child_process';

export const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;
