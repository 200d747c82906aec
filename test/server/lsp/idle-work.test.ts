/** Work done ahead of need waits until the client is quiet and runs one task per turn of the event loop. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWork } from '../../../server/src/lsp/idle-work.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('IdleWork', () => {
  it('starts nothing while the client keeps sending, and runs the tasks once it has been quiet', () => {
    const work = new IdleWork(300);
    const ran: string[] = [];
    work.add('search', () => ran.push('search'));
    for (let i = 0; i < 10; i++) {
      work.activity(); // a keystroke every 150 ms
      vi.advanceTimersByTime(150);
    }
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(ran).toEqual(['search']);
    expect(work.pending).toBe(0);
  });

  it('runs one task per turn: a message arriving after the first task postpones the next', () => {
    const work = new IdleWork(300);
    const ran: string[] = [];
    work.add('a', () => {
      ran.push('a');
      // Arrives while `a` runs: read by the event loop before `b` would start.
      setImmediate(() => work.activity());
    });
    work.add('b', () => ran.push('b'));
    vi.advanceTimersByTime(300);
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a']);
    expect(work.pending).toBe(1);
    vi.advanceTimersByTime(300);
    expect(ran).toEqual(['a', 'b']);
  });

  it('keeps one task per key, and a failing task does not stop the others', () => {
    const errors: unknown[] = [];
    const work = new IdleWork(300, (e) => errors.push(e));
    const ran: string[] = [];
    work.add('x', () => ran.push('x1'));
    work.add('x', () => ran.push('x2'));
    work.add('bad', () => {
      throw new Error('broken style');
    });
    work.add('y', () => ran.push('y'));
    vi.runAllTimers();
    expect(ran).toEqual(['x2', 'y']);
    expect(errors).toHaveLength(1);
  });
});
