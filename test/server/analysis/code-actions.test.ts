import { describe, expect, it } from 'vitest';
import { codeActions, type TextEdit } from '../../../server/src/analysis/code-actions.js';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';
import { fixture } from '../fixture.js';

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

async function actionsAt(text: string) {
  const f = fixture(text);
  const fs = new MemoryFileSystem(f.files);
  const host = new Host(fs);
  const s = (await host.snapshot(f.main))!;
  const at = f.cursor!.offset;
  return { s, host, fs, f, actions: codeActions(s, { start: at, end: at }) };
}

describe('code actions', () => {
  it('replaces an unknown key with the closest one, which then resolves', async () => {
    const { s, actions, fs, host, f } = await actionsAt(`//- /p.md
---
bibliography: r.bib
---
As shown [@katz2012rus‸ia].
//- /r.bib
@misc{katz2012russia, title = {Russia and Iran}}
`);
    expect(actions.map((a) => [a.title, a.preferred])).toEqual([["Replace with 'katz2012russia'", true]]);
    fs.write(f.main, apply(s.manuscript.text, actions[0]!.edits));
    const after = (await host.snapshot(f.main))!;
    expect(diagnose(after, defaultConfig).filter((d) => d.code === 'unknown-key')).toEqual([]);
  });

  it("marks an uncited claim as the authors' own position, which silences it", async () => {
    const { s, actions, fs, host, f } = await actionsAt(`//- /p.md
# Introduction

Since 2011, Iran and Russia have ‸increasingly focused on defense cooperation. This research aims to explore it.
`);
    expect(actions.map((a) => a.title)).toEqual(["Mark as the authors' own position ({.no-claim})"]);
    const edited = apply(s.manuscript.text, actions[0]!.edits);
    expect(edited).toContain('[Since 2011, Iran and Russia have increasingly focused on defense cooperation.]{.no-claim} This research');
    fs.write(f.main, edited);
    const after = (await host.snapshot(f.main))!;
    expect(diagnose(after, defaultConfig).filter((d) => d.code === 'uncited-claim')).toEqual([]);
  });

  it('offers no wrapping that would cut through emphasis', async () => {
    const { actions } = await actionsAt(`//- /p.md
# Introduction

It *is clearly. Since 2011, Russia has ‸become* the main supplier of Iran.
`);
    expect(actions.filter((a) => a.fixes?.code === 'uncited-claim')).toEqual([]);
    // The same sentence without the emphasis gets the fix: the test above is not vacuous.
    const plain = await actionsAt(`//- /p.md
# Introduction

It is clearly. Since 2011, Russia has ‸become the main supplier of Iran.
`);
    expect(plain.actions.map((a) => a.fixes?.code)).toEqual(['uncited-claim']);
  });

  it('offers nothing where nothing is wrong', async () => {
    const { actions } = await actionsAt(`//- /p.md
This research aims to ‸explore it.
`);
    expect(actions).toEqual([]);
  });
});
