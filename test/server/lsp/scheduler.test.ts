/** When documents are re-analysed: at once when cheap, after about the last run's cost when not, never stale. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type Run } from '../../../server/src/lsp/scheduler.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A scheduler whose runs take `cost` ms of (fake) time each and record whether they ended stale. */
function scheduler(cost: () => number) {
  const runs: { uri: string; staleAtEnd: boolean }[] = [];
  const s = new Scheduler(async (uri: string, run: Run) => {
    await new Promise((r) => setTimeout(r, cost()));
    runs.push({ uri, staleAtEnd: run.stale });
  });
  return { s, runs };
}

describe('Scheduler', () => {
  it('runs a cheap document at once, every time', async () => {
    const { s, runs } = scheduler(() => 5);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(5);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(5);
    expect(runs).toEqual([
      { uri: 'a', staleAtEnd: false },
      { uri: 'a', staleAtEnd: false },
    ]);
  });

  it('lets an expensive document wait about as long as its last run took, so a burst of edits costs one run', async () => {
    const { s, runs } = scheduler(() => 200);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      s.schedule('a');
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(runs).toHaveLength(1); // still typing
    await vi.advanceTimersByTimeAsync(199 - 50);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1 + 200);
    expect(runs).toHaveLength(2);
  });

  it('caps the wait, and skips it when asked (an opened document, new settings)', async () => {
    const { s, runs } = scheduler(() => 5_000);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(5_000);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(400 + 5_000);
    expect(runs).toHaveLength(2);
    s.schedule('a', true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(3);
  });

  it('marks a running analysis stale when a newer edit arrives, and not the newer one', async () => {
    const { s, runs } = scheduler(() => 10);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(5); // running
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([
      { uri: 'a', staleAtEnd: true },
      { uri: 'a', staleAtEnd: false },
    ]);
  });

  it('drops the pending run of a closed document and makes its running one stale', async () => {
    const { s, runs } = scheduler(() => 10);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(5);
    s.cancel('a');
    s.schedule('b');
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([
      { uri: 'a', staleAtEnd: true },
      { uri: 'b', staleAtEnd: false },
    ]);
  });
});
