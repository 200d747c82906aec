/**
 * Work the server does ahead of need on its own thread (the completion index of a library, a style's
 * engine when there is no style worker), done only once the client has sent nothing for a while, one
 * task per turn of the event loop. Run right after a document's diagnostics (0.1), it delayed the
 * keystroke typed next by as long as it took; a task cannot be interrupted, but it no longer starts
 * while the user types, and a message arriving between two tasks goes first.
 */
export class IdleWork {
  private readonly queue = new Map<string, () => void>();
  private lastActivity = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private draining = false;

  /** `quietMs`: how long the client must have been silent before a task starts. */
  constructor(
    private readonly quietMs = 300,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Something arrived from the client (an edit, a request): queued tasks wait for the next quiet spell. */
  activity(): void {
    this.lastActivity = performance.now();
    this.arm();
  }

  /** Queues `task` under `key` (a task queued again under the same key replaces the waiting one). */
  add(key: string, task: () => void): void {
    this.queue.set(key, task);
    this.arm();
  }

  /** How many tasks wait (for tests). */
  get pending(): number {
    return this.queue.size;
  }

  /** Drops every waiting task (shutdown). */
  clear(): void {
    this.queue.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.draining || !this.queue.size) return;
    clearTimeout(this.timer);
    const wait = Math.max(0, this.lastActivity + this.quietMs - performance.now());
    this.timer = setTimeout(() => this.drain(), wait);
    this.timer.unref();
  }

  private drain(): void {
    this.timer = undefined;
    this.draining = false;
    if (performance.now() - this.lastActivity < this.quietMs) return this.arm();
    const next = this.queue.entries().next().value;
    if (!next) return;
    const [key, task] = next;
    this.queue.delete(key);
    try {
      task();
    } catch (e) {
      this.onError(e);
    }
    if (!this.queue.size) return;
    // The next task after the event loop has read what arrived meanwhile (which then goes first).
    this.draining = true;
    setImmediate(() => this.drain());
  }
}
