import { describe, expect, it } from 'vitest';
import { unusedReferences } from '../../../../server/src/analysis/diagnostics/unused-reference.js';
import { mostSevere } from '../../../../server/src/lsp/document-diagnostics.js';
import { snapshotOf } from '../../fixture.js';

const files = `//- /paper.md
---
bibliography: refs.bib
---
Cited [@a]. Some text.
//- /refs.bib
@misc{a, title = {A}}
@misc{b, title = {B}}
@misc{c, title = {C}}
`;

const keys = (findings: readonly { message: string }[]) => findings.map((f) => /'([^']+)'/.exec(f.message)![1]);

describe('unused references, memoised by the host', () => {
  it('are the same findings, recomputed only when the cited keys or the library change', async () => {
    const { snapshot, host, fs } = await snapshotOf(files);
    const memo = host.unusedReferences;
    const first = memo.findings([snapshot]);
    expect(first).toEqual(unusedReferences([snapshot]));
    expect(keys(first)).toEqual(['b', 'c']);

    // Typing that cites nothing new: the very same findings, not a new walk over the library.
    host.setOpen('/paper.md', snapshot.manuscript.text.replace('Some text.', 'Some more text.'));
    const typed = (await host.snapshot('/paper.md'))!;
    expect(typed.manuscript).not.toBe(snapshot.manuscript);
    const again = memo.findings([typed]);
    expect(again).toEqual(first);
    again.forEach((f, i) => expect(f).toBe(first[i]));

    // Citing a key the library lacks (a key being typed) leaves the same entries unused: the same findings.
    host.setOpen('/paper.md', typed.manuscript.text.replace('Some more text.', 'Some more text [@ka].'));
    const typing = (await host.snapshot('/paper.md'))!;
    const whileTyping = memo.findings([typing]);
    whileTyping.forEach((f, i) => expect(f).toBe(first[i]));
    expect(whileTyping).toHaveLength(first.length);

    // A new citation changes the key set.
    host.setOpen('/paper.md', typed.manuscript.text.replace('Some more text.', 'See [@b].'));
    const cited = (await host.snapshot('/paper.md'))!;
    const afterCite = memo.findings([cited]);
    expect(keys(afterCite)).toEqual(['c']);
    expect(afterCite).toEqual(unusedReferences([cited]));

    // The library changes on disk.
    fs.write('/refs.bib', '@misc{a, title = {A}}\n@misc{b, title = {B}}\n@misc{d, title = {D}}\n');
    const edited = (await host.snapshot('/paper.md'))!;
    expect(keys(memo.findings([edited]))).toEqual(['d']);
  });

  it('keeps only the first findings of a capped list: the ones a client capped at that many is sent', async () => {
    const bib = Array.from({ length: 1500 }, (_, i) => `@misc{k${i}, title = {T${i}}}`).join('\n');
    const { snapshot, host } = await snapshotOf(`//- /paper.md\n---\nbibliography: refs.bib\n---\nCited [@k3] and [@k1200].\n//- /refs.bib\n${bib}\n`);
    const all = unusedReferences([snapshot]);
    expect(all).toHaveLength(1498);
    const kept = host.unusedReferences.findings([snapshot], 1000);
    expect(kept).toHaveLength(1000);
    expect(kept).toEqual(mostSevere(all, 1000));
    expect(keys(kept).slice(0, 4)).toEqual(['k0', 'k1', 'k2', 'k4']);
  });
});
