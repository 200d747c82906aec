/**
 * What hover and definition answer from right after an edit. A full snapshot of the edited text first
 * checks the bibliographies' and project files' stamps on disk (awaited I/O, during which the scheduled
 * diagnostics run goes first), so a hover sent after a keystroke waited for that keystroke's analysis.
 * Everything in a snapshot but the manuscript model comes from the front matter, the settings and the
 * files on disk: while the front matter is the same text, the last snapshot with the current text's
 * model (`Host.manuscriptOf`, no I/O) is what the full snapshot would be, unless a file changed on disk,
 * which the server hears of (watched files, its own watcher, settled changes) and then forgets these.
 */
import type { Snapshot } from '../analysis/snapshot.js';
import type { Manuscript } from '../model/manuscript.js';

export class RecentSnapshots {
  private readonly last = new Map<string, Snapshot>();

  remember(s: Snapshot): void {
    this.last.set(s.path, s);
  }

  /** A file changed on disk or the settings did: every snapshot kept may be out of date. */
  clear(): void {
    this.last.clear();
  }

  forget(file: string): void {
    this.last.delete(file);
  }

  /** Whether a snapshot of `file` is kept (then `current` can be asked for the current text's model). */
  has(file: string): boolean {
    return this.last.has(file);
  }

  /**
   * The last snapshot of `file` with `manuscript` (the model of its current text), or undefined when
   * the front matter changed since (it decides the bibliographies, style and inline references).
   */
  current(file: string, manuscript: Manuscript): Snapshot | undefined {
    const last = this.last.get(file);
    if (!last) return undefined;
    if (last.manuscript === manuscript) return last;
    const before = last.manuscript;
    if (before.hasFrontMatter !== manuscript.hasFrontMatter || before.frontMatter.yamlText !== manuscript.frontMatter.yamlText) return undefined;
    // Suggestions' sentence contexts belong to the old model: left out (neither hover nor definition reads them).
    const { suggestionContext: _old, ...rest } = last;
    return { ...rest, manuscript };
  }
}
