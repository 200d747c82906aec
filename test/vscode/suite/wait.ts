/** Waiting on conditions inside the extension host: event-driven with a time box, never a fixed sleep. */
import * as vscode from 'vscode';

export interface WaitOptions {
  /** Events after which the condition is checked again. */
  readonly on?: readonly vscode.Event<unknown>[];
  readonly timeoutMs?: number;
  /** What was awaited, for the time-out message. */
  readonly what: string;
}

type Maybe<T> = T | undefined | false | null;

/**
 * Resolves with the first truthy value of `condition`, checked now, after each event in `on`, and
 * every 100 ms for state that has no event (the coverage figure, a hover that needs the bibliography
 * loaded). Checks never overlap. Rejects when the time box is over.
 */
export function waitFor<T>(condition: () => Maybe<T> | Promise<Maybe<T>>, options: WaitOptions): Promise<T> {
  const { on = [], timeoutMs = 30_000, what } = options;
  return new Promise<T>((resolve, reject) => {
    const disposables: vscode.Disposable[] = [];
    let done = false;
    let checking = false;
    let again = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const d of disposables) d.dispose();
      settle();
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        const value = await condition();
        if (value) finish(() => resolve(value));
      } catch (e) {
        finish(() => reject(e));
      } finally {
        checking = false;
      }
      if (again && !done) {
        again = false;
        void check();
      }
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    const poll = setInterval(() => void check(), 100);
    for (const event of on) disposables.push(event(() => void check()));
    void check();
  });
}
