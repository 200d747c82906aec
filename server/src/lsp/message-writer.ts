/**
 * The `--stdio` transport's writer: the same framing as vscode-jsonrpc's `StreamMessageWriter`
 * (`Content-Length: N\r\n\r\n` and the UTF-8 JSON body), written from one buffer that is kept between
 * messages instead of a new one per message.
 *
 * Why. The library encodes every message with `JSON.stringify` into one string and `Buffer.from` into a
 * fresh buffer, then writes the header and the body as two writes. A manuscript's diagnostics are
 * hundreds of kilobytes (a 1 MB book: 1,000 diagnostics, 337 KB): the string and the buffer are fresh
 * large allocations at every keystroke, freed only by a later garbage collection, and on the machines
 * measured (bench/keystroke.mjs) writing fresh memory costs several times the encoding itself
 * (`Buffer.from` of 250 KB: 1.5 ms; the same bytes written into a kept buffer: 0.2 ms). Here large
 * arrays (diagnostics, symbols, completion items) are encoded element by element, each a small string,
 * into the kept buffer, which is reused once the stream has taken the previous message (its write
 * callback), as the library's writer also waits for it.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Room kept before the body for the header, written once the body's length is known. */
const HEADER_ROOM = 40;
/** The buffer's size at rest; one grown past `KEEP_MAX` for an unusually large message is let go after it. */
const INITIAL = 64 * 1024;
const KEEP_MAX = 4 * 1024 * 1024;
/** Containers this deep are taken apart; below, values are encoded whole (each a small string). */
const SPLIT_DEPTH = 3;
/** Pieces are written into the buffer in strings of about this many UTF-16 units. */
const FLUSH_AT = 8192;

export class KeptBufferMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private buffer = Buffer.allocUnsafe(INITIAL);
  private length = HEADER_ROOM;
  private pending = '';
  private queue: Promise<void> = Promise.resolve();
  /** The JSON of deeply frozen values encoded whole, which cannot change (diagnostic-objects.ts sends such). */
  private readonly frozen = new WeakMap<object, string>();

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    // One message at a time: the buffer is the previous message's until the stream has taken it.
    const written = this.queue.then(() => this.send(msg));
    this.queue = written.catch(() => undefined);
    return written;
  }

  end(): void {
    this.output.end();
  }

  private send(msg: Message): Promise<void> {
    this.length = HEADER_ROOM;
    try {
      encodeInto(msg, 0, this);
      this.flush();
    } catch (error) {
      this.pending = '';
      this.fireError(error, msg);
      return Promise.reject(error);
    }
    const header = `Content-Length: ${this.length - HEADER_ROOM}\r\n\r\n`;
    const start = HEADER_ROOM - header.length;
    this.buffer.write(header, start, 'ascii');
    const bytes = this.buffer.subarray(start, this.length);
    return new Promise<void>((resolve, reject) => {
      this.output.write(bytes, (error?: Error | null) => {
        if (this.buffer.length > KEEP_MAX) this.buffer = Buffer.allocUnsafe(INITIAL);
        if (error) {
          this.fireError(error, msg);
          reject(error);
        } else resolve();
      });
    });
  }

  /**
   * Appends `text`. Small pieces are joined as a string first: each write into the buffer is a call
   * into Node's C++ (about a microsecond), a thousand diagnostics' pieces would cost more than their bytes.
   */
  put(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  /** `JSON.stringify(value)`, once per deeply frozen object. */
  whole(value: unknown): string | undefined {
    if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return JSON.stringify(value) as string | undefined;
    let json = this.frozen.get(value);
    if (json === undefined) {
      json = JSON.stringify(value) as string;
      if (deeplyFrozen(value)) this.frozen.set(value, json);
    }
    return json;
  }

  /** Writes the pending text as UTF-8, growing the buffer when it might not fit (at most 3 bytes a UTF-16 unit). */
  private flush(): void {
    const text = this.pending;
    this.pending = '';
    const needed = this.length + text.length * 3;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }
}

interface Sink {
  put(text: string): void;
  /** A value's JSON (`JSON.stringify`), which a sink may keep for values that cannot change. */
  whole?(value: unknown): string | undefined;
}

/**
 * `JSON.stringify(value)`, written piece by piece: plain objects and arrays down to `SPLIT_DEPTH` are
 * taken apart, the rest encoded whole. The same text as `JSON.stringify` for what a message holds (a
 * value with `toJSON`, or of a class, is encoded whole, so its own serialisation applies).
 */
export function encodeInto(value: unknown, depth: number, out: Sink): void {
  if (depth < SPLIT_DEPTH && Array.isArray(value)) {
    out.put('[');
    for (let i = 0; i < value.length; i++) {
      if (i) out.put(',');
      const item: unknown = value[i];
      // JSON writes `null` for what it cannot encode in an array.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') out.put('null');
      else encodeInto(item, depth + 1, out);
    }
    out.put(']');
    return;
  }
  if (depth < SPLIT_DEPTH && isPlainObject(value)) {
    out.put('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      // …and leaves out such a property of an object.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out.put(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      encodeInto(item, depth + 1, out);
    }
    out.put('}');
    return;
  }
  const text = out.whole ? out.whole(value) : (JSON.stringify(value) as string | undefined);
  out.put(text ?? 'null');
}

/**
 * Frozen, and so is every object in it, each a plain object or an array: its JSON cannot change (a
 * frozen Date, say, still can: its time is not a property).
 */
function deeplyFrozen(value: object): boolean {
  if (!Object.isFrozen(value) || !(Array.isArray(value) || isPlainObject(value))) return false;
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object' && !deeplyFrozen(v as object)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
