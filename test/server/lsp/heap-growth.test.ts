/**
 * The server fixes V8's heap growing factor when it starts (lsp/heap-growth.ts), unless the user started
 * node with their own; the figures it is for are in docs/performance.md (bench/memory-stages.mjs).
 */
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../../server/src/lsp/heap-growth.js';

function flagsSet(execArgv: string[], nodeOptions: string): string[] {
  const set: string[] = [];
  limitHeapGrowth(execArgv, nodeOptions, (flags) => set.push(flags));
  return set;
}

describe('limitHeapGrowth', () => {
  it("leaves a growing factor given on node's command line or in NODE_OPTIONS alone", () => {
    expect(flagsSet(['--heap-growing-percent=80'], '')).toEqual([]);
    expect(flagsSet(['--inspect'], '--max-old-space-size=4096 --heap_growing_percent=80')).toEqual([]);
  });

  it('sets a factor of 1.25 otherwise, whatever other flags node was given', () => {
    expect(flagsSet([], '')).toEqual(['--heap-growing-percent=25']);
    expect(flagsSet(['--max-semi-space-size=8'], '--max-old-space-size=4096')).toEqual(['--heap-growing-percent=25']);
  });
});
