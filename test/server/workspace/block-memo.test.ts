/**
 * Per-block values kept between versions (workspace/block-memo.ts): found by the block's id when the
 * parse kept the block, by its text among the blocks it replaced, or among all after a whole parse.
 */
import { describe, expect, it } from 'vitest';
import { parseManuscript, reparseManuscript, type ParsedText } from '../../../server/src/model/manuscript.js';
import { BlockMemo } from '../../../server/src/workspace/block-memo.js';

const file = '/p.md';
const text = 'First paragraph.\n\nSecond paragraph.\n\n- a list\n- of two\n\nLast paragraph.\n';

/** Builds `version` in `memo`: each block's value is its text, computed on a miss; returns the misses. */
function build(memo: BlockMemo<string>, version: ParsedText, scope = ''): string[] {
  const store = memo.begin(file, version, scope);
  const misses: string[] = [];
  version.tree.children.forEach((block, i) => {
    if (store.get(i) !== undefined) return;
    const value = version.text.slice(block.position!.start.offset, block.position!.end.offset);
    misses.push(value);
    store.set(i, value);
  });
  return misses;
}

/** The values `version` reads from `memo` without changing it. */
function peek(memo: BlockMemo<string>, version: ParsedText, scope = ''): (string | undefined)[] {
  const store = memo.begin(file, version, scope, false);
  return version.tree.children.map((_, i) => store.get(i));
}

describe('BlockMemo', () => {
  it('an edit in one paragraph misses only that paragraph; the others are found by their ids', () => {
    const memo = new BlockMemo<string>();
    const first = parseManuscript(text);
    expect(build(memo, first)).toHaveLength(4);
    const next = reparseManuscript(first, text.replace('Second paragraph.', 'Second paragraph, longer.'));
    expect(next.incremental).toBe(true);
    expect(next.parsed.blockIds[0]).toBe(first.blockIds[0]);
    expect(next.parsed.blockIds[1]).not.toBe(first.blockIds[1]);
    expect(next.parsed.blockIds[3]).toBe(first.blockIds[3]);
    expect(build(memo, next.parsed)).toEqual(['Second paragraph, longer.']);
    expect(memo.size(file)).toBe(4);
  });

  it('tells a value kept for this very block (by its id) from one found by text', () => {
    const memo = new BlockMemo<string>();
    const first = parseManuscript(text);
    build(memo, first);
    // The list is parsed again with the paragraph after it: found by text, not kept for that block.
    const next = reparseManuscript(first, text.replace('Last paragraph.', 'Last paragraph, longer.'));
    const store = memo.begin(file, next.parsed);
    expect(store.byId(0)).toBe('First paragraph.');
    expect(store.get(2)).toBe('- a list\n- of two');
    expect(store.byId(2)).toBeUndefined();
    expect(store.byId(3)).toBeUndefined();
    // After a whole parse every block is new: nothing is kept by id.
    const again = new BlockMemo<string>();
    build(again, first);
    const whole = again.begin(file, parseManuscript(text));
    expect(whole.byId(0)).toBeUndefined();
    expect(whole.get(0)).toBe('First paragraph.');
  });

  it('a block parsed again with its text unchanged is found by its text among those it replaced', () => {
    const memo = new BlockMemo<string>();
    const first = parseManuscript(text);
    build(memo, first);
    // A list may go on into the next block, so an edit in the paragraph after it parses the list again.
    const next = reparseManuscript(first, text.replace('Last paragraph.', 'Last paragraph, longer.'));
    expect(next.incremental).toBe(true);
    expect(next.parsed.replaced).toEqual(first.blockIds.slice(2));
    expect(next.parsed.blockIds[2]).not.toBe(first.blockIds[2]);
    expect(build(memo, next.parsed)).toEqual(['Last paragraph, longer.']);
  });

  it('after a whole parse, every unchanged block is found by its text', () => {
    const withFrontMatter = `---\ntitle: A\n---\n\n${text}`;
    const memo = new BlockMemo<string>();
    const first = parseManuscript(withFrontMatter);
    build(memo, first);
    const next = reparseManuscript(first, withFrontMatter.replace('title: A', 'title: B'));
    expect(next.incremental).toBe(false);
    expect(next.parsed.replaced).toBeUndefined();
    expect(next.parsed.blockIds.some((id) => first.blockIds.includes(id))).toBe(false);
    expect(build(memo, next.parsed)).toEqual(['---\ntitle: B\n---']);
  });

  it('values kept under another scope are dropped, and a read-only build keeps and drops nothing', () => {
    const memo = new BlockMemo<string>();
    const first = parseManuscript(text);
    build(memo, first, 'one');
    const next = reparseManuscript(first, text.replace('Last', 'Final')).parsed;
    expect(peek(memo, next, 'one')).toEqual(['First paragraph.', 'Second paragraph.', '- a list\n- of two', undefined]);
    expect(peek(memo, next, 'two')).toEqual([undefined, undefined, undefined, undefined]);
    expect(memo.size(file)).toBe(4);
    expect(build(memo, next, 'two')).toHaveLength(4);
    memo.forget(file);
    expect(memo.size(file)).toBe(0);
  });

  it('a value a build does not accept is a miss', () => {
    const memo = new BlockMemo<string>();
    const first = parseManuscript(text);
    build(memo, first);
    const store = memo.begin(file, first);
    expect(store.get(0, (v) => v.startsWith('First'))).toBe('First paragraph.');
    expect(store.get(1, (v) => v.startsWith('First'))).toBeUndefined();
  });
});
