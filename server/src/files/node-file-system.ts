/**
 * The disk. Only regular files are read: a FIFO or character device named as a bibliography would
 * block a libuv thread forever (four of them stall every file operation of the process). The file is
 * opened non-blocking, checked with fstat on the open descriptor (no race with a rename), read up to
 * its limit, and the whole read is bounded in time.
 */
import { constants, promises as fs } from 'node:fs';
import { decode } from './decode.js';
import { textOf, type FileRead, type FileSystem, type ReadOptions } from './file-system.js';

/** Without a limit of their own, reads stop here: no text file we analyse is this large. */
const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export interface NodeFileSystemOptions {
  /** A read that takes longer (a hung network mount) gives up with a reason. */
  readonly timeoutMs?: number;
}

export class NodeFileSystem implements FileSystem {
  private readonly timeoutMs: number;

  constructor(options: NodeFileSystemOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async read(path: string, options: ReadOptions = {}): Promise<FileRead> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<FileRead>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'unreadable', reason: `could not be read within ${this.timeoutMs / 1000} s` }), this.timeoutMs);
    });
    try {
      return await Promise.race([readRegularFile(path, options.maxBytes ?? DEFAULT_MAX_BYTES), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async readFile(path: string): Promise<string | undefined> {
    return textOf(await this.read(path));
  }

  async list(dir: string): Promise<string[] | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.timeoutMs);
    });
    const listing = fs
      .readdir(dir, { withFileTypes: true })
      .then((entries) => entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name).sort()) // a link is read (and checked) like any file
      .catch(() => undefined);
    try {
      return await Promise.race([listing, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stamp(path: string): Promise<string | undefined> {
    try {
      const s = await fs.stat(path);
      // All three, not a sum: coarse clocks (1 s on some file systems) make mtime alone ambiguous.
      return `${s.mtimeMs}:${s.size}:${s.ino}:${s.ctimeMs}`;
    } catch {
      return undefined;
    }
  }
}

async function readRegularFile(path: string, maxBytes: number): Promise<FileRead> {
  // stat first: opening some devices has side effects, and it is the cheap way to see a directory.
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (e) {
    return failure(e);
  }
  if (!stat.isFile()) return { kind: 'unreadable', reason: notRegular(stat) };
  if (stat.size > maxBytes) return { kind: 'too-large', size: stat.size, limit: maxBytes };
  let handle;
  try {
    // O_NONBLOCK: if the path became a FIFO since the stat, open returns at once instead of waiting for a writer.
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return failure(e);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { kind: 'unreadable', reason: notRegular(opened) };
    if (opened.size > maxBytes) return { kind: 'too-large', size: opened.size, limit: maxBytes };
    // Read at most maxBytes + 1: a file that grows while we read is caught, never read without bound.
    const buffer = Buffer.allocUnsafe(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { kind: 'too-large', size: length, limit: maxBytes };
    return { kind: 'text', ...decode(buffer.subarray(0, length)) };
  } catch (e) {
    return failure(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function notRegular(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (s.isDirectory()) return 'is a directory, not a file';
  if (s.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (s.isSocket()) return 'is a socket, not a regular file';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'is a device, not a regular file';
  return 'is not a regular file';
}

function failure(e: unknown): FileRead {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'unreadable', reason: 'cannot be read (permission denied)' };
  return { kind: 'unreadable', reason: `cannot be read (${typeof code === 'string' ? code : String(e)})` };
}
