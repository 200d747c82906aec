/** The start-up editing session (lsp/warm-up.ts) runs the keystroke path itself, not whole parses. */
import { describe, expect, it } from 'vitest';
import { warmUp } from '../../../server/src/lsp/warm-up.js';

describe('warmUp', () => {
  it('opens once, then every edit takes the incremental parse, and each analysis gives diagnostics', async () => {
    const report = await warmUp(6, 4);
    expect(report.parses).toEqual({ full: 1, incremental: 8 }); // 6 keys, a citation added and removed
    expect(report.diagnostics).toHaveLength(9);
    for (const n of report.diagnostics) expect(n).toBeGreaterThan(0);
    // Adding the citation and taking it away again leaves what the keystrokes left.
    expect(report.diagnostics.at(-1)).toBe(report.diagnostics.at(-3));
  });

  it('grows with what it is asked for', async () => {
    const report = await warmUp(2, 8);
    expect(report.parses).toEqual({ full: 1, incremental: 4 });
  });
});
