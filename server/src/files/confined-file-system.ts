/**
 * Workspace trust: in a workspace the user has not trusted, a manuscript must not make Marginalia read
 * files elsewhere on the machine (`bibliography: ~/.ssh/id_rsa`, `csl: /etc/…`), since diagnostics and
 * hovers would show their content. Paths are compared after resolving symbolic links, so a link inside
 * the workspace cannot point out of it. A refused file reads as missing (as Pandoc would not find it);
 * `onRefused` tells the log why.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileRead, FileSystem, ReadOptions } from './file-system.js';

export class ConfinedFileSystem implements FileSystem {
  /** Undefined: not confined (a trusted workspace, or an editor without the notion). */
  private roots: readonly string[] | undefined;

  constructor(
    private readonly inner: FileSystem,
    private readonly onRefused: (file: string) => void = () => undefined,
    private readonly realPath: (file: string) => Promise<string> = (file) => fs.realpath(file),
  ) {}

  /** Confine reads to these folders (none: read nothing), or lift the confinement (undefined). */
  confineTo(roots: readonly string[] | undefined): void {
    this.roots = roots?.map((r) => path.resolve(r));
  }

  async read(file: string, options?: ReadOptions): Promise<FileRead> {
    return (await this.allowed(file)) ? this.inner.read(file, options) : { kind: 'missing' };
  }

  async readFile(file: string): Promise<string | undefined> {
    return (await this.allowed(file)) ? this.inner.readFile(file) : undefined;
  }

  async stamp(file: string): Promise<string | undefined> {
    return (await this.allowed(file)) ? this.inner.stamp(file) : undefined;
  }

  async list(dir: string): Promise<string[] | undefined> {
    return (await this.allowed(dir)) ? this.inner.list(dir) : undefined;
  }

  private async allowed(file: string): Promise<boolean> {
    if (!this.roots) return true;
    const inside = (p: string, roots: readonly string[]) => roots.some((r) => p === r || p.startsWith(r + path.sep));
    // The path as written first: a path outside is refused without touching the disk at all.
    if (!path.isAbsolute(file) || !inside(path.resolve(file), this.roots)) return this.refuse(file);
    let real: string;
    let realRoots: string[];
    try {
      [real, ...realRoots] = await Promise.all([this.realPath(file), ...this.roots.map((r) => this.realPath(r).catch(() => r))]);
    } catch {
      return true; // missing: the inner file system says so
    }
    return inside(real, realRoots) || this.refuse(file);
  }

  private refuse(file: string): false {
    this.onRefused(file);
    return false;
  }
}
