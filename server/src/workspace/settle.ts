/**
 * Files read while they are being written. A change notification can arrive mid-write, and when the
 * editor or file watcher coalesces the rest of the write into it, nothing tells us the file changed
 * again: the half-written file's parse errors would stick. So after each fresh read the file's stamp
 * is checked again after a short interval, then after doubling intervals (0.5, 1, 2, 4 s: a slow
 * writer or a busy machine still gets caught, at the cost of four stats); if it moved, the listener
 * hears of it (and re-reads, which watches again) until the file holds still.
 */
import type { FileSystem } from '../files/file-system.js';

export class SettleWatch {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private listener: ((path: string) => void) | undefined;

  constructor(
    private readonly fs: FileSystem,
    readonly delayMs = 500,
    readonly checks = 4,
  ) {}

  /** Who to tell when a file read earlier turns out to have changed since; none: nothing is watched. */
  onChange(listener: (path: string) => void): void {
    this.listener = listener;
  }

  /** The file was just read at `stamp`. */
  watch(path: string, stamp: string, check = 0): void {
    if (!this.listener) return;
    clearTimeout(this.timers.get(path));
    const timer = setTimeout(() => {
      this.timers.delete(path);
      void this.fs.stamp(path).then((now) => {
        if (now !== stamp) this.listener?.(path);
        else if (check + 1 < this.checks && !this.timers.has(path)) this.watch(path, stamp, check + 1);
      });
    }, this.delayMs * 2 ** check);
    // A CLI run must not stay alive for this.
    timer.unref();
    this.timers.set(path, timer);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
