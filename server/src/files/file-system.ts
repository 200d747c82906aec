/** File access behind an interface so the core can be tested on in-memory files. */
import { decode, type DecodeProblem, type Encoding } from './decode.js';

/** Limits on one read; a file over `maxBytes` is not read at all. */
export interface ReadOptions {
  readonly maxBytes?: number;
}

/** The outcome of reading a text file. Reads never throw and never wait on a FIFO or device. */
export type FileRead =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: Encoding; readonly problem?: DecodeProblem }
  | { readonly kind: 'missing' }
  /** Exists but cannot be read as a file: a directory, FIFO, device, no permission, or the read timed out. */
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'too-large'; readonly size: number; readonly limit: number };

export interface FileSystem {
  read(path: string, options?: ReadOptions): Promise<FileRead>;
  /** The text, or undefined when the file does not exist or cannot be read as text (any reason). */
  readFile(path: string): Promise<string | undefined>;
  /** Identifies one version of the file (compared for equality only); undefined when missing. */
  stamp(path: string): Promise<string | undefined>;
  /** The names of the files (and links) directly in `dir`, sorted; undefined when it is no readable folder. */
  list(dir: string): Promise<string[] | undefined>;
}

export function textOf(r: FileRead): string | undefined {
  return r.kind === 'text' ? r.text : undefined;
}

/** Why a read gave no text, in words for a diagnostic ("is a directory", "is 3.2 MB, over the 2 MB limit"). */
export function describeFailure(r: Exclude<FileRead, { kind: 'text' }>, setting?: string): string {
  switch (r.kind) {
    case 'missing':
      return 'does not exist';
    case 'unreadable':
      return r.reason;
    case 'too-large':
      return `is ${formatBytes(r.size)}, over the limit of ${formatBytes(r.limit)}${setting ? ` (${setting})` : ''}; not read`;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

type MemoryFile =
  | { readonly read: Extract<FileRead, { kind: 'text' }>; readonly size: number; readonly stamp: string }
  | { readonly special: string; readonly stamp: string };

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, MemoryFile>();
  private clock = 0;

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  /** Text as an editor would have saved it (a leading BOM is dropped, as decoding drops it); kept as given otherwise. */
  write(path: string, text: string): void {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.files.set(path, { read: { kind: 'text', text: body, encoding: 'utf-8' }, size: Buffer.byteLength(text), stamp: String(++this.clock) });
  }

  /** Raw bytes, decoded on read as a file on disk would be. */
  writeBytes(path: string, bytes: Uint8Array): void {
    this.files.set(path, { read: { kind: 'text', ...decode(bytes) }, size: bytes.length, stamp: String(++this.clock) });
  }

  /** Something that exists but is not a regular file (`reason` as the node file system words it). */
  writeSpecial(path: string, reason: string): void {
    this.files.set(path, { special: reason, stamp: String(++this.clock) });
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  async read(path: string, options: ReadOptions = {}): Promise<FileRead> {
    const f = this.files.get(path);
    if (!f) return { kind: 'missing' };
    if ('special' in f) return { kind: 'unreadable', reason: f.special };
    if (options.maxBytes !== undefined && f.size > options.maxBytes) return { kind: 'too-large', size: f.size, limit: options.maxBytes };
    return f.read;
  }

  async readFile(path: string): Promise<string | undefined> {
    return textOf(await this.read(path));
  }

  async stamp(path: string): Promise<string | undefined> {
    return this.files.get(path)?.stamp;
  }

  async list(dir: string): Promise<string[] | undefined> {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const names = [...this.files]
      .filter(([p, f]) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/') && !('special' in f))
      .map(([p]) => p.slice(prefix.length));
    return names.length ? names.sort() : undefined;
  }
}
