/**
 * When each open document is re-analysed. No fixed debounce (0.1 waited 250 ms after every keystroke,
 * 90% of its latency on small files): a document whose last analysis was cheap is analysed at once; an
 * expensive one waits about as long as its last analysis took, so a burst of typing costs one run, not
 * one per key. A newer request supersedes an older one: a pending run is dropped, and a running one
 * sees `stale` turn true (it checks between stages and publishes nothing once superseded).
 */
export interface Run {
  /** True once a newer run was requested for the same document (or it was cancelled). */
  readonly stale: boolean;
}

/** Analyses cheaper than this run at once. */
const CHEAP_MS = 30;
/** The longest a document waits for typing to pause. */
const MAX_WAIT_MS = 400;

export class Scheduler {
  private readonly documents = new Map<string, { generation: number; timer?: NodeJS.Timeout; costMs: number }>();

  constructor(private readonly run: (uri: string, run: Run) => Promise<void>) {}

  /** Re-analyse `uri`; `now` skips the wait (a document just opened, settings changed). */
  schedule(uri: string, now = false): void {
    const doc = this.documents.get(uri) ?? { generation: 0, costMs: 0 };
    this.documents.set(uri, doc);
    clearTimeout(doc.timer);
    const generation = ++doc.generation;
    const wait = now || doc.costMs < CHEAP_MS ? 0 : Math.min(doc.costMs, MAX_WAIT_MS);
    doc.timer = setTimeout(async () => {
      doc.timer = undefined;
      const started = performance.now();
      await this.run(uri, {
        get stale() {
          return doc.generation !== generation;
        },
      });
      // The cost of a run that was not superseded is what the next wait is based on.
      if (doc.generation === generation) doc.costMs = performance.now() - started;
    }, wait);
  }

  /** Forget `uri` (closed): its pending run is dropped and a running one turns stale. */
  cancel(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    clearTimeout(doc.timer);
    doc.generation++;
    this.documents.delete(uri);
  }
}
