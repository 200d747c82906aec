/**
 * `marginalia citations FILE…`: every citation of each file, in document order. Fenced like `check`:
 * each file goes through `Host.analyse`, so a file that cannot be analysed (a throw, or over the size
 * limit) prints its one finding (`analysis-failed`, `manuscript-too-large`) and the others still print.
 */
import { cliHost } from './cli-host.js';
import * as path from 'node:path';
import { listCitations } from '../syntax/citations.js';
import type { LineIndex } from '../text/line-index.js';
import type { OffsetRange } from '../text/range.js';
import type { Finding } from '../analysis/diagnostic.js';

export interface CitationsOptions {
  readonly files: readonly string[];
  readonly format: 'text' | 'json';
  readonly bibliography: readonly string[];
  readonly manuscriptBytes?: number;
}

/** Exit status: 0, 1 when a file could not be analysed, 2 when one cannot be read. */
export async function citationsCommand(o: CitationsOptions): Promise<number> {
  const host = cliHost(o);
  const json: object[] = [];
  let exit = 0;
  for (const file of o.files) {
    const a = await host.analyse(path.resolve(file));
    if (!a) {
      process.stderr.write(`marginalia: cannot read ${file}\n`);
      return 2;
    }
    if (a.kind === 'not-analysed') {
      if (a.error !== undefined) process.stderr.write(`marginalia: could not analyse ${rel(a.path)}: ${(a.error as Error).stack ?? String(a.error)}\n`);
      if (a.finding.severity === 'error') exit = 1;
      // In JSON the output stays a list of citations: the finding goes to stderr, in the text format.
      (o.format === 'json' ? process.stderr : process.stdout).write(findingLine(a.lines, a.finding) + '\n');
      continue;
    }
    const lines = a.snapshot.manuscript.lines;
    const list = listCitations(a.snapshot.manuscript.tree);
    if (o.format === 'json') {
      for (const c of list)
        json.push({ file: rel(a.snapshot.path), ...c, keyRange: offsetAndLines(lines, c.keyRange), groupRange: offsetAndLines(lines, c.groupRange) });
      continue;
    }
    const out: string[] = [];
    for (const c of list) {
      const p = lines.position(c.keyRange.start);
      const extra = [c.prefix && `prefix “${c.prefix}”`, c.locator && `${c.locator.label} ${c.locator.value}`, c.suffix && `suffix “${c.suffix}”`]
        .filter(Boolean)
        .join(', ');
      out.push(`${rel(a.snapshot.path)}:${p.line + 1}:${p.character + 1} @${c.key} ${c.mode}${extra ? ` (${extra})` : ''}\n`);
    }
    process.stdout.write(out.join(''));
  }
  if (o.format === 'json') process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  return exit;
}

function findingLine(lines: LineIndex, f: Finding): string {
  const p = lines.position(f.range.start);
  return `${rel(f.file)}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message}`;
}

function offsetAndLines(lines: LineIndex, r: OffsetRange) {
  return { start: r.start, end: r.end, position: { start: lines.position(r.start), end: lines.position(r.end) } };
}

function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}
