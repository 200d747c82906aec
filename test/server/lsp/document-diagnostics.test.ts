/**
 * What the server publishes for a manuscript: at most MAX_DIAGNOSTICS, the most severe first (VS Code
 * keeps no more), so that a big manuscript's keystrokes do not encode megabytes of findings.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnoseManuscript } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { documentDiagnostics, MAX_DIAGNOSTICS } from '../../../server/src/lsp/document-diagnostics.js';
import { Host } from '../../../server/src/workspace/host.js';

async function published(text: string) {
  const host = new Host(new MemoryFileSystem({}));
  host.setOpen('/p.md', text);
  const a = (await host.analyse('/p.md'))!;
  if (a.kind !== 'analysed') throw new Error('not analysed');
  return { diagnostics: documentDiagnostics(a, defaultConfig, () => {}), findings: diagnoseManuscript(a.snapshot, defaultConfig) };
}

describe('published diagnostics', () => {
  it(`keeps the ${MAX_DIAGNOSTICS} most severe, errors first, then in document order`, async () => {
    // Uncited claims (warnings) first in the text, unknown keys (errors) after them.
    const claims = Array.from({ length: 700 }, (_, i) => `[Trade grew by ${i + 10} percent.]{.claim}`);
    const cites = Array.from({ length: 600 }, (_, i) => `As shown before [@missing${i}].`);
    const { diagnostics, findings } = await published([...claims, ...cites].join('\n\n') + '\n');
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    expect(errors).toHaveLength(600);
    expect(warnings.length).toBeGreaterThan(MAX_DIAGNOSTICS - 600);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(diagnostics.slice(0, 600).every((d) => d.code === 'unknown-key')).toBe(true);
    // The first 400 claims, one paragraph every other line.
    expect(diagnostics.slice(600).map((d) => [d.code, d.range.start.line])).toEqual(
      Array.from({ length: MAX_DIAGNOSTICS - 600 }, (_, i) => ['uncited-claim', 2 * i]),
    );
  });

  it('sends every finding when there are fewer', async () => {
    const { diagnostics, findings } = await published('Trade grew by 40 percent after 2011.\n\nSee [@missing].\n');
    expect(diagnostics.map((d) => d.code)).toEqual(findings.map((f) => f.code));
  });
});
