/**
 * Per-block model results (issue #13): after an edit the host binds the unchanged blocks' results to the
 * new tree instead of analysing them again, and what it gives is what a fresh host gives, also when the
 * edit changes what a block's result depends on outside the block.
 */
import type { Paragraph } from 'mdast';
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import type { Manuscript } from '../../../server/src/model/manuscript.js';
import { Host } from '../../../server/src/workspace/host.js';

const file = '/p.md';

async function manuscriptOf(host: Host, text: string): Promise<Manuscript> {
  host.setOpen(file, text);
  return (await host.snapshot(file))!.manuscript;
}

/** What a fresh host says about `text`. */
async function fresh(text: string): Promise<Manuscript> {
  return manuscriptOf(new Host(new MemoryFileSystem({})), text);
}

function sentences(m: Manuscript) {
  return m.sentences.map((s) => ({ range: s.range, text: s.text, cited: s.cited, isClaim: s.isClaim, section: s.section?.title, citations: s.citations.map((c) => c.item.keyRange) }));
}

/** Analyses `before`, then `after` in the same host: checks it against a fresh host and returns both versions. */
async function edit(before: string, after: string) {
  const host = new Host(new MemoryFileSystem({}));
  const first = await manuscriptOf(host, before);
  const second = await manuscriptOf(host, after);
  expect(sentences(second)).toEqual(sentences(await fresh(after)));
  expect(second.citations.map((c) => [c.item.key, c.item.keyRange, c.section?.title])).toEqual(
    (await fresh(after)).citations.map((c) => [c.item.key, c.item.keyRange, c.section?.title]),
  );
  return { first, second, host };
}

describe('per-block model results', () => {
  it('an edit above a block moves its result without analysing it again', async () => {
    const tail = '\n\n# Results\n\nTrade grew by 40 percent after 2011 [@a].\n\nSince 1990 wars have declined.\n';
    const { first, second, host } = await edit('# Intro\n\nShort.' + tail, '# Intro\n\nShort, and now\nlonger.' + tail);
    const moved = second.sentences.at(-1)!;
    const was = first.sentences.at(-1)!;
    expect(moved.range.start - was.range.start).toBe(' and now\nlonger'.length + 1);
    // The same verdict object: bound from the kept result, not judged again.
    expect(moved.verdict).toBe(was.verdict);
    expect(second.sentences[0]!.verdict).not.toBe(first.sentences[0]!.verdict);
    // Bound to the new tree's nodes, whose positions moved.
    expect(second.citations[0]!.group).toBe((second.tree.children[3] as Paragraph).children[1]);
    expect(host.blockResults.size(file)).toBe(5);
  });

  it("a block's parts are the manuscript's own objects, whichever is read first", async () => {
    const text = '# Intro\n\nTrade grew by 40 percent after 2011 [@a].\n\n[Wars]{.claim} have declined [@b; @c].\n\nShort.\n';
    const { second } = await edit(text, text.replace('Short.', 'Short, and longer.'));
    // `edit` read the lists first; a manuscript whose parts are read first gives the same objects to both.
    const host = new Host(new MemoryFileSystem({}));
    await manuscriptOf(host, text);
    const m = await manuscriptOf(host, text.replace('Short.', 'Short, and longer.'));
    const parts = m.blocks.map((_, i) => m.partsOf(i));
    expect(parts.flatMap((p) => p.sentences)).toEqual(m.sentences.map((x) => x));
    parts.flatMap((p) => p.sentences).forEach((x, i) => expect(x).toBe(m.sentences[i]));
    parts.flatMap((p) => p.citations).forEach((x, i) => expect(x).toBe(m.citations[i]));
    parts.flatMap((p) => p.annotations).forEach((x, i) => expect(x).toBe(m.annotations[i]));
    expect(m.sentences[1]!.override?.annotation).toBe(m.annotations[0]);
    expect(m.citationKeys()).toEqual(['a', 'b', 'c']);
    expect(sentences(m)).toEqual(sentences(second));
    expect(() => m.partsOf(m.blocks.length)).toThrow(RangeError);
  });

  it('a footnote that gains a citation makes the sentences referencing it cited', async () => {
    const before = 'Trade grew by 40 percent after 2011.[^n]\n\nOther text.\n\n[^n]: A note.\n';
    const { first, second } = await edit(before, before.replace('A note.', 'A note [@a].'));
    expect(first.sentences[0]!.cited).toBe(false);
    expect(second.sentences[0]!.cited).toBe(true);
  });

  it('a definition added elsewhere changes what a reference in an unchanged block reads', async () => {
    const before = 'See [the report] for trade figures.\n\nOther text.\n';
    const { first, second } = await edit(before, before + '\n[the report]: https://example.org\n');
    expect(first.sentences[0]!.text).toContain('[the report]');
    expect(second.sentences[0]!.text).toBe('See the report for trade figures.');
  });

  it('a heading renamed changes the section of the blocks after it, and whether they are prose', async () => {
    const before = '# Notes on trade\n\nTrade grew by 40 percent after 2011.\n';
    const { first, second } = await edit(before, before.replace('Notes on trade', 'References'));
    expect(first.sentences).toHaveLength(1);
    expect(second.sentences).toHaveLength(0);
  });

  it('a block holding headings has its parts in their own sections', async () => {
    const before = '# One\n\n> Trade grew by 40 percent [@a].\n>\n> ## Two\n>\n> Wars have declined [@b].\n\nAfter.\n';
    const { second } = await edit(before, before.replace('After.', 'After, later.'));
    expect(second.citations.map((c) => c.section?.title)).toEqual(['One', 'Two']);
    expect(second.sentences.map((s) => s.section?.title)).toEqual(['One', 'Two', 'Two']);
  });
});
