/**
 * The CSL engines of bundled styles (apa...), built and run in a worker thread. citeproc-js builds a
 * style's engine in one synchronous call (the style's macros compiled to token lists: 100–400 ms for
 * APA on the shared machine); built on the server's thread "in the background" after an open's
 * diagnostics, it held up the keystroke, hover or completion that came next by that long, and it cannot
 * be cut into slices. Here the worker builds it, and a request that shows a formatted reference (hover,
 * completion resolve) first asks the worker for the one item and keeps the answer in the host's
 * formatter, which then answers from it as if it had formatted it itself. Without a worker (no bundled
 * script, or it failed) the formatter formats on this thread, as before. Styles given as text (a `csl:`
 * file) are compiled on this thread while the manuscript is analysed (their problems are diagnostics),
 * so they gain nothing here.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FormatOptions, FormattedReference } from '../bibliography/format.js';
import type { CslItem } from '../bibliography/types.js';
import { styleOptions, type Snapshot } from '../analysis/snapshot.js';

export interface FormatRequest {
  readonly id: number;
  readonly item: CslItem;
  readonly options: FormatOptions;
}

export interface FormatReply {
  readonly id: number;
  readonly result: FormattedReference;
  /** How long the worker took (the first item of a style includes building its engine). */
  readonly ms: number;
}

/** How long a request waits for the worker's answer before formatting on the server's thread. */
const PATIENCE_MS = 1000;

export class StyleWorker {
  private worker: Worker | undefined;
  private failed = false;
  private next = 1;
  private readonly pending = new Map<number, (reply: FormatReply | undefined) => void>();
  private readonly warmed = new Set<string>();

  /**
   * `script`: the worker's bundle (lsp/style-worker-main.ts); undefined when the server runs from
   * sources (tests in process), where everything is formatted on this thread.
   */
  constructor(
    private readonly script: string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Starts the worker, which then loads its code while the first manuscript is read and analysed; the
   * engine is built once a manuscript's diagnostics say which style it uses (`warm`).
   */
  start(): void {
    this.spawn();
  }

  /**
   * Builds the engine of `s`'s style in the worker by formatting its library's first entry, once per
   * style and locale. False when the worker cannot do it (a style given as text, no worker): the caller
   * warms the host's formatter instead.
   */
  warm(s: Snapshot, locale: string): boolean {
    const options = styleOptions(s, locale);
    if (options.cslText !== undefined || !this.available()) return false;
    const first = s.entries.values().next().value?.[0]?.entry;
    if (first) this.warmWith(options, first.csl());
    return true;
  }

  private warmWith(options: FormatOptions, item: CslItem): void {
    const style = `${options.style ?? ''}|${options.locale ?? ''}`;
    if (this.warmed.has(style) || !this.available()) return;
    this.warmed.add(style);
    void this.format(item, options).then((reply) => {
      if (reply) this.log(`style engine ready in the worker (${options.style ?? 'apa'}, ${options.locale ?? 'en-US'}): ${reply.ms.toFixed(0)} ms`);
      else this.warmed.delete(style);
    });
  }

  /**
   * Before a request formats the references of `keys` in `s` with the host's formatter: the ones it does
   * not keep yet are formatted in the worker and kept there, so that formatting them is a look-up.
   */
  async prefetch(s: Snapshot, keys: readonly string[], locale: string): Promise<void> {
    const options = styleOptions(s, locale);
    if (options.cslText !== undefined || !this.available()) return;
    await Promise.all(
      keys.map(async (key) => {
        const entry = s.entries.get(key)?.[0]?.entry;
        let item: CslItem;
        try {
          if (!entry) return;
          item = entry.csl();
        } catch {
          return; // the hover says why
        }
        if (s.formatter.hasReference(item, options)) return;
        // A worker that has not answered within a second (a machine too busy to give it a core) is not
        // waited for longer: the request formats on this thread, as 0.1 did.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), PATIENCE_MS)));
        const reply = await Promise.race([this.format(item, options), late]);
        clearTimeout(timer);
        if (reply) s.formatter.rememberReference(item, options, reply.result);
      }),
    );
  }

  /** Stops the worker (the server is shutting down). */
  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failed = true;
  }

  private available(): boolean {
    return !this.failed && this.script !== undefined;
  }

  private format(item: CslItem, options: FormatOptions): Promise<FormatReply | undefined> {
    const worker = this.spawn();
    if (!worker) return Promise.resolve(undefined);
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        worker.postMessage({ id, item, options } satisfies FormatRequest);
      } catch {
        // An item that cannot be cloned: formatted on this thread by the caller's formatter.
        this.pending.delete(id);
        resolve(undefined);
      }
    });
  }

  private spawn(): Worker | undefined {
    if (this.worker || !this.available()) return this.worker;
    try {
      // A small young generation: the engine's data lives long and little else is made, and V8's default
      // (up to 48 MB in an isolate) held 57–61 MB of heap for the worker where this holds 31 MB.
      const worker = new Worker(this.script!, { stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
      // It must not keep the server alive once the editor has gone.
      worker.unref();
      worker.on('message', (reply: FormatReply) => {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      });
      const fail = (why: string) => {
        if (this.failed) return;
        this.log(`style worker stopped (${why}); formatting on the server's thread`);
        this.failed = true;
        this.worker = undefined;
        for (const resolve of this.pending.values()) resolve(undefined);
        this.pending.clear();
      };
      worker.on('error', (e) => fail(e.message));
      worker.on('exit', (code) => fail(`exit code ${code}`));
      this.worker = worker;
      return worker;
    } catch (e) {
      this.failed = true;
      this.log(`no style worker (${(e as Error).message}); formatting on the server's thread`);
      return undefined;
    }
  }
}

/** The worker's bundle beside the server's (dist/style-worker.js); undefined when running from sources. */
export function bundledScript(): string | undefined {
  if (typeof __filename !== 'string' || !__filename.endsWith('.js')) return undefined;
  const script = path.join(path.dirname(__filename), 'style-worker.js');
  return existsSync(script) ? script : undefined;
}
