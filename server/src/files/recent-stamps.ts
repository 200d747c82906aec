/**
 * File stamps and folder listings answered from memory, so that a keystroke never waits on the file
 * system. Every snapshot of a manuscript asks whether its bibliographies, style, project file and
 * nearby folder changed; at 100 KB those stats were a tenth of a keystroke's time, each awaited
 * through libuv's thread pool. Editors report file changes (`workspace/didChangeWatchedFiles`, or the
 * server's own folder watcher): they call `forget`, and the next question is asked of the disk. For
 * changes nobody reports (a project file edited by another program), an answer older than `windowMs`
 * is still given at once but asked again in the background, and `onChange` hears of a difference, so
 * the document is analysed again: stale for one analysis at most, never for longer.
 */
import * as path from 'node:path';
import type { FileRead, FileSystem, ReadOptions } from './file-system.js';

interface Answer<T> {
  readonly value: Promise<T>;
  readonly at: number;
  refreshing: boolean;
}

export class RecentStamps implements FileSystem {
  private readonly stamps = new Map<string, Answer<string | undefined>>();
  private readonly listings = new Map<string, Answer<string[] | undefined>>();
  private listener: ((path: string) => void) | undefined;

  constructor(
    private readonly inner: FileSystem,
    readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Who to tell when a background check finds a stamp or listing changed. */
  onChange(listener: (path: string) => void): void {
    this.listener = listener;
  }

  /** Forget what is known of `file` and its folder's listing, or of everything. */
  forget(file?: string): void {
    if (file === undefined) {
      this.stamps.clear();
      this.listings.clear();
      return;
    }
    this.stamps.delete(file);
    this.listings.delete(file);
    this.listings.delete(path.dirname(file));
  }

  read(file: string, options?: ReadOptions): Promise<FileRead> {
    return this.inner.read(file, options);
  }

  readFile(file: string): Promise<string | undefined> {
    return this.inner.readFile(file);
  }

  stamp(file: string): Promise<string | undefined> {
    return this.recent(this.stamps, file, (f) => this.inner.stamp(f), (a, b) => a === b);
  }

  list(dir: string): Promise<string[] | undefined> {
    return this.recent(this.listings, dir, (d) => this.inner.list(d), sameNames);
  }

  private recent<T>(memo: Map<string, Answer<T>>, key: string, ask: (key: string) => Promise<T>, same: (a: T, b: T) => boolean): Promise<T> {
    const known = memo.get(key);
    const now = this.now();
    if (!known || this.windowMs <= 0) {
      const answer: Answer<T> = { value: ask(key), at: now, refreshing: false };
      memo.set(key, answer);
      return answer.value;
    }
    if (now - known.at >= this.windowMs && !known.refreshing) {
      known.refreshing = true;
      void Promise.all([known.value, ask(key)]).then(([before, after]) => {
        // Forgotten or replaced meanwhile: whoever did that asked the disk afresh.
        if (memo.get(key) !== known) return;
        memo.set(key, { value: Promise.resolve(after), at: this.now(), refreshing: false });
        if (!same(before, after)) this.listener?.(key);
      });
    }
    return known.value;
  }
}

function sameNames(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
