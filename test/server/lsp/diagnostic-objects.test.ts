/**
 * Diagnostics of kept findings sent again as the same objects (lsp/diagnostic-objects.ts): after an edit,
 * a finding whose block is unchanged and whose line did not move is the same frozen object as before;
 * one on a line that moved, or in the edited block, is converted again; all equal a fresh conversion.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { DiagnosticObjects } from '../../../server/src/lsp/diagnostic-objects.js';
import { documentDiagnostics } from '../../../server/src/lsp/document-diagnostics.js';
import { Host } from '../../../server/src/workspace/host.js';

const file = '/p.md';
const text = [
  'Trade grew by 40 percent after 2011 [@missing1].',
  'Wars have declined since 1990, as the literature shows.',
  'See [@missing2] for the trade figures of 2012.',
  '- a list [@missing3]\n- of two',
].join('\n\n') + '\n';

async function publish(host: Host, objects: DiagnosticObjects, version: string) {
  host.setOpen(file, version);
  const a = (await host.analyse(file))!;
  const kept = documentDiagnostics(a, defaultConfig, () => {}, host.blockFindings, objects);
  // What a host and converter that keep nothing publish for the same text.
  const fresh = new Host(new MemoryFileSystem({}));
  fresh.setOpen(file, version);
  expect(kept).toEqual(documentDiagnostics((await fresh.analyse(file))!, defaultConfig, () => {}));
  return kept;
}

describe('DiagnosticObjects', () => {
  it('typing within a line sends the kept findings after it as the same objects', async () => {
    const host = new Host(new MemoryFileSystem({}));
    const objects = new DiagnosticObjects();
    const before = await publish(host, objects, text);
    const after = await publish(host, objects, text.replace('grew by', 'grew quickly by'));
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(after.length).toBe(before.length);
    const edited = before.filter((d) => d.range.start.line === 0).length;
    expect(edited).toBeGreaterThan(0);
    // The edited paragraph's findings are new; every later one is the very object sent before.
    after.forEach((d, i) => {
      if (d.range.start.line === 0) expect(d).not.toBe(before[i]);
      else expect(d).toBe(before[i]);
    });
    expect(Object.isFrozen(after.at(-1))).toBe(true);
    expect(Object.isFrozen(after.at(-1)!.range.start)).toBe(true);
  });

  it('a new line above a kept finding converts it again, at its new line', async () => {
    const host = new Host(new MemoryFileSystem({}));
    const objects = new DiagnosticObjects();
    const before = await publish(host, objects, text);
    const after = await publish(host, objects, text.replace('grew by', 'grew\nby'));
    const last = (ds: typeof before) => ds.find((d) => d.message.includes('missing3'))!;
    expect(last(after)).not.toBe(last(before));
    expect(last(after).range.start.line).toBe(last(before).range.start.line + 1);
  });

  it('does not freeze the finding data the host keeps', async () => {
    const host = new Host(new MemoryFileSystem({}));
    const objects = new DiagnosticObjects();
    const sent = await publish(host, objects, text);
    const withData = sent.find((d) => d.data !== undefined);
    expect(withData && Object.isFrozen(withData.data)).toBe(true);
    const a = (await host.analyse(file))!;
    if (a.kind !== 'analysed') throw new Error('not analysed');
    const { findings, bases } = host.blockFindings.place(a.snapshot, defaultConfig, 1000);
    expect(bases).toHaveLength(findings.length);
    expect(bases.some((b) => b > 0)).toBe(true);
    expect(findings.filter((f) => f.data !== undefined).some((f) => Object.isFrozen(f.data))).toBe(false);
  });
});

describe('DiagnosticObjects over random edits', () => {
  const repo = path.resolve(__dirname, '../../..');
  for (const name of ['document/paper.md', 'test/fixtures/incremental/block-kinds.md'])
    it(`sends what a fresh conversion sends, edit after edit: ${name}`, async () => {
      const original = readFileSync(path.join(repo, name), 'utf8');
      const insert = fc.constantFrom('x', ' word', '\n', '\n\n', '[@missing]', ' [@k]', 'Trade grew by 40 percent. ', '# H\n', '- ');
      const edit = fc.record({ at: fc.nat(), insert, remove: fc.constantFrom(0, 0, 1, 5) });
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
          const host = new Host(new MemoryFileSystem({}));
          const objects = new DiagnosticObjects();
          let version = original;
          await publish(host, objects, version);
          for (const e of edits) {
            const at = e.at % (version.length + 1);
            version = version.slice(0, at) + e.insert + version.slice(at + e.remove);
            await publish(host, objects, version); // checks against a fresh host
          }
        }),
        { numRuns: 6, seed: 20261202 },
      );
    }, 120_000);
});
