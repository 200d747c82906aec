/** File access behind an interface so the core can be tested on in-memory files. */
export interface FileSystem {
  /** Returns undefined when the file does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** Identifies one version of the file (compared for equality only); undefined when missing. */
  stamp(path: string): Promise<string | undefined>;
}

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, { text: string; stamp: string }>();
  private clock = 0;

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  write(path: string, text: string): void {
    this.files.set(path, { text, stamp: String(++this.clock) });
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.files.get(path)?.text;
  }

  async stamp(path: string): Promise<string | undefined> {
    return this.files.get(path)?.stamp;
  }
}
