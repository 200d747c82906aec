/**
 * When each open document is re-analysed. No fixed debounce (0.1 waited 250 ms after every keystroke,
 * 90% of its latency on small files): a cheap document (its last analysis took under 50 ms) is analysed
 * at once, and so is any document edited after a pause or just opened. While typing goes on in an
 * expensive document, the next run starts one "cost" (the time its last analysis took) after the last one ended, so the
 * server spends at most about half its time on it and hovers and completions get through; never later
 * than 0.1's fixed 250 ms. A newer request supersedes an older one: a pending run is dropped, and a
 * running one sees `stale` turn true (it checks between stages and publishes nothing).
 */
export interface Run {
  /** True once a newer run was requested for the same document (or it was cancelled). */
  readonly stale: boolean;
}

/** Analyses cheaper than this always run at once. */
const CHEAP_MS = 50;
/** The longest a document waits while typing goes on (0.1's fixed debounce). */
const MAX_WAIT_MS = 250;

export class Scheduler {
  private readonly documents = new Map<string, { generation: number; timer?: NodeJS.Timeout; costMs: number; endedAt: number; now: boolean }>();

  constructor(private readonly run: (uri: string, run: Run) => Promise<void>) {}

  /**
   * Re-analyse `uri`; `now` skips the wait (a document just opened, settings changed), also for the
   * requests that supersede it before it starts (an open is also reported as a change of content).
   */
  schedule(uri: string, now = false): void {
    const doc = this.documents.get(uri) ?? { generation: 0, costMs: 0, endedAt: -Infinity, now: false };
    this.documents.set(uri, doc);
    if (doc.timer === undefined) doc.now = false;
    clearTimeout(doc.timer);
    doc.now ||= now;
    const generation = ++doc.generation;
    const wait = doc.now || doc.costMs < CHEAP_MS ? 0 : Math.min(Math.max(0, doc.endedAt + doc.costMs - performance.now()), MAX_WAIT_MS);
    doc.timer = setTimeout(async () => {
      doc.timer = undefined;
      // Requests already read with the edit (an outline, a hover: each a few ms, and the editor waits
      // for them) go first: the run no longer waits on the disk (files/recent-stamps.ts), so it would
      // hold them for its whole length. The message reader hands them over on the event loop's check
      // phase, where this resumes after them.
      await new Promise((resolve) => setImmediate(resolve));
      if (doc.generation !== generation) return; // superseded meanwhile: the newer run is scheduled
      const urgent = doc.now;
      const started = performance.now();
      await this.run(uri, {
        get stale() {
          return doc.generation !== generation;
        },
      });
      // The cost of a run that was not superseded is what the next wait is based on; not that of an
      // open's (or new settings') run, which is no keystroke's: at an open the server's code is not yet
      // compiled and every block is analysed, several times a keystroke's cost, so the first keystroke
      // after an open waited up to 250 ms for nothing.
      doc.endedAt = performance.now();
      if (doc.generation === generation && !urgent) doc.costMs = doc.endedAt - started;
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
