/** `marginalia accept|reject FILE`, run as users run it, and rendered by Pandoc as the README shows. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasPandoc } from '../pandoc.js';
import { ensureBuilt, root, runCli } from './built-cli.js';

const fixtureDir = path.join(root, 'test/fixtures/review');
const FIXTURE = 'edition-two-reviewers.md';

const run = runCli;


const MARKERS = /\{\+\+|\{--|\{~~|\{==|\{>>|\+\+\}|--\}|~~\}|==\}|<<\}/;

beforeAll(ensureBuilt);

describe('marginalia accept / reject', () => {
  it('accept prints the manuscript with the changes made and the comments gone', () => {
    const r = run(['accept', FIXTURE], fixtureDir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).not.toMatch(MARKERS);
    expect(r.stdout).toContain('is older than the Islamic Republic [[@jamalzadeh1993history');
    expect(r.stdout).toContain('Russia delivered the S-300 air defence system to Iran in 2016.');
    expect(r.stdout).not.toContain('drones');
    // Everything outside the marks is as written.
    const source = readFileSync(path.join(fixtureDir, FIXTURE), 'utf8');
    expect(r.stdout.slice(0, source.indexOf('# 1 Introduction'))).toBe(source.slice(0, source.indexOf('# 1 Introduction')));
    expect(r.stdout.endsWith('# 5 References\n\n::: {#refs}\n:::\n')).toBe(true);
  });

  it('reject keeps the original text', () => {
    const r = run(['reject', FIXTURE], fixtureDir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(MARKERS);
    expect(r.stdout).toContain('is not a new phenomenon [[@jamalzadeh1993history');
    expect(r.stdout).toContain("Tehran's drones decided the war in Ukraine.");
    expect(r.stdout).not.toContain('S-300');
  });

  it('reports a stray marker on stderr and leaves it as written', () => {
    const r = run(['accept', 'test/fixtures/review/unterminated-addition.md']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'test/fixtures/review/unterminated-addition.md:3:10 warning malformed-review-mark Unterminated addition: `{++` has no `++}` in the same paragraph; the text is read as written\n',
    );
    expect(r.stdout).toBe(readFileSync(path.join(fixtureDir, 'unterminated-addition.md'), 'utf8').replace('{-- old --}', '').replace('  ', ' '));
  });

  it('takes exactly one file', () => {
    expect(run(['accept']).code).toBe(2);
    expect(run(['reject', 'a.md', 'b.md']).code).toBe(2);
    expect(run(['accept', 'no-such-file.md']).code).toBe(2);
  });

  it.skipIf(!hasPandoc)(`pandoc --citeproc renders the accepted text with no review marker left${hasPandoc ? '' : ' (skipped: pandoc not installed)'}`, () => {
    const accepted = run(['accept', FIXTURE], fixtureDir).stdout;
    const html = execFileSync('pandoc', ['-f', 'markdown', '-t', 'html', '--citeproc', '--wrap=none'], { cwd: fixtureDir, input: accepted, encoding: 'utf8' });
    expect(html).not.toMatch(MARKERS);
    expect(html).toContain('older than the Islamic Republic');
    // citeproc resolved the citations and filled the reference list.
    expect(html).toContain('id="refs"');
    expect(html).toMatch(/Katz/);
    // Without resolving, Pandoc would print the markers (the reason for the command).
    const raw = execFileSync('pandoc', ['-f', 'markdown', '-t', 'html', '--wrap=none'], { cwd: fixtureDir, input: readFileSync(path.join(fixtureDir, FIXTURE), 'utf8'), encoding: 'utf8' });
    expect(raw).toMatch(/\{\+\+|\{~~/);
  });
});
