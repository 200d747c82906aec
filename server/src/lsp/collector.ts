/**
 * Major garbage collections where they cost the user nothing: in the typist's pauses, and right after a
 * large text's whole parse.
 *
 * Every keystroke leaves a version's worth of garbage in V8's old generation: the flattened text (2 MB
 * at 1 MB of two-byte text) goes straight to its large-object space, and the last version's tree copies
 * and model arrays are promoted before they die. V8 collects it when the old generation reaches a limit
 * of up to four times what was live after its last collection: at 1 MB the process grew from 250 to 370
 * MB over 40 keystrokes before it did, and that collection's pause then fell on a keystroke. Here a
 * collection runs once the old generation has grown by half of what it held after the last one (and by
 * `minBytes`), in the first gap of `quietMs` after a publication in which nothing came from the client:
 * a typist's keys are 100–200 ms apart, a collection at 1 MB takes 30–40 ms. Anything from the client
 * cancels a collection not yet started. The server skips the pause after a document's first analysis
 * (a typist starts right after an open, and a collection there made the first keystroke slower). An
 * open parses the whole text, and the parse's garbage (micromark's
 * events) would otherwise sit in the heap while the model is built; `nowIfGrown` collects it there.
 *
 * Lowering V8's growth factor (`--heap-growing-percent`) bounds the memory as well, but its collections
 * then fall on keystrokes (docs/performance.md has both measured).
 *
 * A pause that needs no full collection collects the young generation instead: a keystroke then starts
 * with it empty, and its own allocation (7 MB at 1 MB, under the 16 MB semi-space) does not trigger a
 * scavenge in the middle of its analysis (keystroke p95 at 100 KB 21–32 → 22–24 ms, six alternating pairs).
 */
import { getHeapSpaceStatistics } from 'node:v8';

/** The old generation: what survived young collections, large objects included. */
const OLD_SPACES = new Set(['old_space', 'large_object_space', 'code_space', 'code_large_object_space']);

export function oldGenerationBytes(): number {
  let used = 0;
  for (const s of getHeapSpaceStatistics()) if (OLD_SPACES.has(s.space_name)) used += s.space_used_size;
  return used;
}

export interface CollectorOptions {
  /** How long nothing must arrive after a publication before collecting. */
  readonly quietMs: number;
  /** Collect once the old generation has grown by this share of what it held after the last collection… */
  readonly growth: number;
  /** …and by at least this many bytes (a small document's edits never collect on their own account). */
  readonly minBytes: number;
}

/** V8's `gc` as `--expose-gc` gives it: a full collection, or with `type: 'minor'` the young generation's. */
export type GarbageCollection = (options?: { readonly type: 'major' | 'minor' }) => void;

export const DEFAULT_COLLECTOR: CollectorOptions = { quietMs: 40, growth: 0.5, minBytes: 24 * 1024 * 1024 };

export class Collector {
  private baseline: number;
  private timer: NodeJS.Timeout | undefined;
  /** The collection the last publication asked for, until it runs or an edit comes. */
  private pending: 'major' | 'minor' | undefined;

  /**
   * `gc`: V8's full collection (undefined where it is not exposed, as in tests run from the sources:
   * nothing is done then). `measure`: the old generation's size; `report`: each collection's pause.
   */
  constructor(
    private readonly gc: GarbageCollection | undefined,
    private readonly options: CollectorOptions = DEFAULT_COLLECTOR,
    private readonly measure: () => number = oldGenerationBytes,
    private readonly report: (ms: number, before: number, after: number) => void = () => undefined,
  ) {
    this.baseline = gc ? measure() : 0;
  }

  /** Something arrived from the client: a collection not yet started waits for the next pause. */
  activity(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * A request was answered: the collection the last publication asked for, if it has not run, takes
   * the next pause. VS Code asks for the occurrences to highlight and the code actions at the cursor
   * right after each publication, so the pause that follows the publication itself is rarely quiet.
   */
  answered(): void {
    if (this.pending) this.arm();
  }

  /** The document was edited: nothing is collected until its analysis has been published. */
  edited(): void {
    this.activity();
    this.pending = undefined;
  }

  /**
   * A publication went out: collect in the coming pause, all of the heap if enough garbage may have
   * built up, else the young generation, so that the next keystroke starts with it empty and its own
   * allocation does not fill it (a scavenge, 3–10 ms, fell on about every other keystroke at 1 MB).
   */
  published(): void {
    if (!this.gc) return;
    this.pending = this.grown() ? 'major' : 'minor';
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.pending === 'major' ? this.now() : this.young()), this.options.quietMs);
    this.timer.unref();
  }

  /** Collect the young generation at once. */
  private young(): void {
    this.activity();
    this.pending = undefined;
    this.gc?.({ type: 'minor' });
  }

  /**
   * Collect at once if enough garbage may have built up: after a whole parse, whose garbage would
   * otherwise sit in the heap while the model is built. (A document every edit of which is parsed whole
   * pays a collection per edit only while that much garbage comes of it; its parse is many times longer.)
   */
  nowIfGrown(): void {
    if (this.grown()) this.now();
  }

  private grown(): boolean {
    if (!this.gc) return false;
    return this.measure() - this.baseline >= Math.max(this.options.minBytes, this.baseline * this.options.growth);
  }

  /** Collect at once. */
  now(): void {
    this.activity();
    this.pending = undefined;
    if (!this.gc) return;
    const before = this.measure();
    const started = performance.now();
    this.gc();
    this.baseline = this.measure();
    this.report(performance.now() - started, before, this.baseline);
  }

  dispose(): void {
    this.activity();
  }
}
