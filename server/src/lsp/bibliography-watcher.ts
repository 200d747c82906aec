/**
 * Watches the bibliography files in use, for editors that do not report file changes themselves
 * (VS Code's client does, through `workspace/didChangeWatchedFiles`; then this is not started).
 *
 * It watches each file's folder, not the file: Zotero's Better BibTeX exports by writing a temporary
 * file and renaming it over the old one, which replaces the inode a watch on the file would hold.
 * Bursts of events (write, rename) are reported once, a few milliseconds after the last one.
 */
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';

export class BibliographyWatcher {
  private readonly folders = new Map<string, { watcher: FSWatcher; names: Set<string> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: () => void,
    private readonly quietMs = 30,
  ) {}

  /** Watches exactly these files from now on (folders no longer needed are released). */
  watch(files: Iterable<string>): void {
    const wanted = new Map<string, Set<string>>();
    for (const file of files) {
      const dir = path.dirname(file);
      wanted.set(dir, (wanted.get(dir) ?? new Set()).add(path.basename(file)));
    }
    for (const [dir, folder] of this.folders)
      if (!wanted.has(dir)) {
        folder.watcher.close();
        this.folders.delete(dir);
      }
    for (const [dir, names] of wanted) {
      const folder = this.folders.get(dir);
      if (folder) {
        folder.names.clear();
        for (const n of names) folder.names.add(n);
        continue;
      }
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (name === null || this.folders.get(dir)?.names.has(name.toString())) this.changed();
        });
        // A folder that goes away (or cannot be watched) is simply no longer watched.
        watcher.on('error', () => {
          watcher.close();
          this.folders.delete(dir);
        });
        this.folders.set(dir, { watcher, names });
      } catch {
        // Missing folder or no more watches available: the stamps still catch changes at the next analysis.
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const folder of this.folders.values()) folder.watcher.close();
    this.folders.clear();
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onChange(), this.quietMs);
  }
}
