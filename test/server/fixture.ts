/**
 * Multi-file fixtures, rust-analyzer style: `//- /path` lines start each file, and `‸` (U+2038, which
 * Pandoc Markdown never produces) marks a cursor, removed from the text.
 */
import type { Snapshot } from '../../server/src/analysis/snapshot.js';
import { MemoryFileSystem } from '../../server/src/files/file-system.js';
import { Host } from '../../server/src/workspace/host.js';

export const CURSOR = '\u2038';

export interface Fixture {
  readonly files: Record<string, string>;
  /** The first file's path. */
  readonly main: string;
  /** Cursor offset in the file that holds the marker. */
  readonly cursor?: { readonly file: string; readonly offset: number };
}

export function fixture(text: string): Fixture {
  const files: Record<string, string> = {};
  let cursor: Fixture['cursor'];
  const parts = text.split(/^\/\/- (\S+)[ \t]*\n/m);
  // parts: [before, path1, body1, path2, body2, ...]
  for (let i = 1; i < parts.length; i += 2) {
    const file = parts[i]!;
    let body = parts[i + 1] ?? '';
    const at = body.indexOf(CURSOR);
    if (at >= 0) {
      body = body.slice(0, at) + body.slice(at + 1);
      cursor = { file, offset: at };
    }
    files[file] = body;
  }
  const main = parts[1];
  if (!main) throw new Error('fixture has no `//- /path` header');
  return { files, main, ...(cursor ? { cursor } : {}) };
}

export async function snapshotOf(text: string): Promise<{ snapshot: Snapshot; fixture: Fixture; host: Host; fs: MemoryFileSystem }> {
  const f = fixture(text);
  const fs = new MemoryFileSystem(f.files);
  const host = new Host(fs);
  const snapshot = await host.snapshot(f.main);
  if (!snapshot) throw new Error(`no snapshot for ${f.main}`);
  return { snapshot, fixture: f, host, fs };
}

/** The text a range covers, for compact assertions. */
export function slice(snapshot: Snapshot, file: string, range: { start: number; end: number }, files: Record<string, string>): string {
  const text = file === snapshot.path ? snapshot.manuscript.text : files[file] ?? '';
  return text.slice(range.start, range.end);
}
