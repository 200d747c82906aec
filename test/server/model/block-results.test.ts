/**
 * Per-block results that do not fit the block's tree (naming nodes it lacks, or from another kind of
 * block) are analysed again, not trusted, and a document with a block set aside (too deeply nested) is
 * analysed without kept results.
 */
import { describe, expect, it } from 'vitest';
import type { BlockResult, BlockResults } from '../../../server/src/model/block-results.js';
import { buildManuscript, parseManuscript, type Manuscript } from '../../../server/src/model/manuscript.js';

const text = '# Intro\n\nTrade grew by 40 percent after 2011 [@a].\n\nSee [the span]{.claim} and [@b; @c].\n';

function facts(m: Manuscript) {
  return {
    citations: m.citations.map((c) => [c.item.key, c.groupRange, c.section?.title]),
    annotations: m.annotations.map((a) => [a.range, a.classes]),
    sentences: m.sentences.map((s) => [s.range, s.text, s.cited, s.isClaim, s.citations.map((c) => c.item.key)]),
  };
}

/** A store that answers every key with `result`, and counts what it is asked and given. */
function storeAnswering(result: BlockResult | undefined) {
  const counts = { begun: 0, got: 0, set: 0 };
  const results: BlockResults = {
    begin: () => {
      counts.begun++;
      return { get: () => (counts.got++, result), set: () => void counts.set++, sameBlock: () => false };
    },
  };
  return { results, counts };
}

describe('kept block results', () => {
  it('a result naming nodes the block does not have is replaced by a fresh analysis', () => {
    const wrong: BlockResult = {
      type: 'paragraph',
      citations: [{ path: [7, 3], item: 0, key: 'x', editorial: false, inFootnote: false }],
      annotations: [],
      sentences: [],
      footnotes: [],
      hasHeading: false,
    };
    const { results, counts } = storeAnswering(wrong);
    const m = buildManuscript(parseManuscript(text), { blockResults: results });
    expect(facts(m)).toEqual(facts(buildManuscript(text)));
    expect(counts.set).toBe(3);
  });

  it('a result kept from another kind of block is replaced by a fresh analysis', () => {
    // The same text read as a list in one version and as paragraphs in another (as an unclosed front
    // matter fence once made the parser do): the list's sentences, bound to a paragraph, fit its
    // (absent) citations and spans, and only the block's kind tells them apart.
    const listed = '- trade grew by 40 percent\n- after 2011\n';
    const kept = buildManuscript(listed).blocks[0]!.result;
    expect(kept.type).toBe('list');
    const { results, counts } = storeAnswering(kept);
    const paragraph = 'Trade grew by 40 percent after 2011, as everyone knows.\n';
    const m = buildManuscript(parseManuscript(paragraph), { blockResults: results });
    expect(counts.got).toBe(1);
    expect(counts.set).toBe(1);
    expect(facts(m)).toEqual(facts(buildManuscript(paragraph)));
  });

  it('a document with a block set aside is analysed without the store', () => {
    const { results, counts } = storeAnswering(undefined);
    const deep = text + '\n' + '> '.repeat(40) + 'deep\n';
    const m = buildManuscript(parseManuscript(deep), { blockResults: results });
    expect(m.syntaxErrors).toHaveLength(1);
    expect(counts).toEqual({ begun: 0, got: 0, set: 0 });
    expect(facts(m)).toEqual(facts(buildManuscript(deep)));
  });
});
