/** When documents are re-analysed: at once when cheap or after a pause; while typing goes on, one cost apart (at most 250 ms). */
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
    const { s, runs } = scheduler(() => 40);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(40);
    s.schedule('a'); // right after the first ended
    await vi.advanceTimersByTimeAsync(40);
    expect(runs).toEqual([
      { uri: 'a', staleAtEnd: false },
      { uri: 'a', staleAtEnd: false },
    ]);
  });

  it('analyses the first keystroke after an open at once, however long the open took', async () => {
    const { s, runs } = scheduler(() => 200);
    s.schedule('a', true); // the open, which the server also hears of as a change of content:
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(200);
    s.schedule('a'); // typed right after the open's diagnostics
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toHaveLength(2);
  });

  it('analyses an expensive document at once after a pause', async () => {
    const { s, runs } = scheduler(() => 200);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(200);
    await vi.advanceTimersByTimeAsync(1_000); // the typist pauses
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toHaveLength(2);
  });

  it('while typing goes on, starts the next run one cost after the last ended, so a burst costs one run', async () => {
    const { s, runs } = scheduler(() => 200);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(200); // the first run ends at t = 200
    for (let i = 0; i < 3; i++) {
      s.schedule('a');
      await vi.advanceTimersByTimeAsync(50);
    }
    // t = 350: still within one cost of the last run's end
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(49);
    expect(runs).toHaveLength(1); // t = 399: not started yet
    await vi.advanceTimersByTimeAsync(1 + 200);
    expect(runs).toHaveLength(2); // started at t = 400, ended at 600
  });

  it('caps the wait, and skips it when asked (an opened document, new settings)', async () => {
    const { s, runs } = scheduler(() => 5_000);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(5_000);
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(249);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1 + 5_000);
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

  it('lets a request read with the edit go before the run (the message reader hands it over on the check phase)', async () => {
    vi.useRealTimers(); // the event loop's own phases, which fake timers do not keep
    const order: string[] = [];
    const s = new Scheduler(async () => {
      order.push('run');
    });
    // A timer set before the run's, as the message reader's turn comes before it, queues the request.
    setTimeout(() => setImmediate(() => order.push('request')), 0);
    s.schedule('a');
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['request', 'run']);
  });
});

