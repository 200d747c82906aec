/**
 * The manuscript's bibliography in the host's claim judgements (workspace/claim-bibliography.ts): the
 * scale is a quantised median that an ordinary edit leaves alone, so an edit re-judges only the paragraph
 * it touched; an incremental analysis gives what a fresh host gives, also when an edit moves the scale.
 * On the edition's real bibliography (document/references.bib, 41 works).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatForPath, parseBibliography } from '../../../server/src/bibliography/load.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { claimBibliographyMatcher } from '../../../server/src/analysis/claim-bibliography.js';
import { MAX_ENTRIES, medianScore } from '../../../server/src/model/claims/bibliography-match.js';
import { proseSentences } from '../../../server/src/model/claims/manuscript-scale.js';
import { parseManuscript, type Manuscript } from '../../../server/src/model/manuscript.js';
import { splitSentences } from '../../../server/src/model/sentences.js';
import { ClaimBibliographyCache } from '../../../server/src/workspace/claim-bibliography.js';
import { Host } from '../../../server/src/workspace/host.js';

const bib = readFileSync(path.resolve(__dirname, '../../../document/references.bib'), 'utf8');
const entries = parseBibliography(bib, formatForPath('refs.bib')).entries;
const matcher = claimBibliographyMatcher(entries)!;

const paragraphs = [
  'Historically, Iran and Russia have engaged in defense-security cooperation, despite fluctuations in their bilateral relations.',
  'Since 2011, Iran and Russia have increasingly focused on military cooperation in Syria.',
  'The theoretical framework of this research is structural realism.',
  'Waltz argues that the international structure shapes the behaviour of states.',
  'The crisis in Ukraine changed the relations between the two countries.',
  'We collected the data from libraries and documents.',
  'The weather was cold that winter.',
  'Public opinion in Iran about the war in Ukraine is divided.',
  'This section closes the argument.',
];
const doc = (ps: readonly string[]) => `---\nbibliography: refs.bib\n---\n\n# Introduction\n\n${ps.join('\n\n')}\n`;

/** The exact median of the document's sentence matches, before quantisation. */
const exactMedian = (text: string) => {
  const parsed = parseManuscript(text);
  const bests: number[] = [];
  for (const b of parsed.tree.children)
    if ('children' in b && b.type !== 'heading')
      for (const s of proseSentences(text.slice(b.position!.start.offset, b.position!.end.offset), splitSentences)) bests.push(matcher.match(s).best);
  return medianScore(bests);
};
const scaleOf = (text: string) => new ClaimBibliographyCache(splitSentences).forManuscript('p.md', parseManuscript(text), [entries])!.scale;

async function open(host: Host, text: string): Promise<Manuscript> {
  host.setOpen('/p.md', text);
  return (await host.snapshot('/p.md'))!.manuscript;
}
const judged = (m: Manuscript) => m.sentences.map((s) => [s.text, s.judgement.score, s.judgement.evidence, s.isClaim]);

describe('the bibliography in the host\'s claim judgements', () => {
  it('reads the manuscript\'s bibliography: a sentence that reads like a title says so', async () => {
    const m = await open(new Host(new MemoryFileSystem({ '/refs.bib': bib })), doc(paragraphs));
    const first = m.sentences[0]!.judgement;
    expect(first.evidence.join('; ')).toMatch(/reads like the title of [A-Z][\w-]+.* \(\d{4}\), '/);
    // Without a bibliography with titles, no sentence is said to read like one.
    const bare = await open(new Host(new MemoryFileSystem({ '/refs.bib': '@misc{a, title={A}}' })), doc(paragraphs));
    expect(bare.sentences.flatMap((s) => s.judgement.evidence).some((e) => e.includes('reads like'))).toBe(false);
    expect(bare.sentences[0]!.judgement.score).not.toBe(first.score);
  });

  it('an edit that moves the median within its step re-judges only the paragraph it touched', async () => {
    // The edition (42 sentences): one sentence of its Conclusion made to match the bibliography.
    const before = readFileSync(path.resolve(__dirname, '../../../document/paper.md'), 'utf8');
    const sentence = 'Pursuing these unproven claims through legal channels is also necessary.';
    const after = before.replace(sentence, sentence.replace(/\.$/, ', Iran and Russia security cooperation in Ukraine.'));
    // What makes the test: the exact median moved, its quantised step did not.
    expect(exactMedian(after)).not.toBe(exactMedian(before));
    expect(scaleOf(after)).toBe(scaleOf(before));

    const files = () => new MemoryFileSystem({ '/references.bib': bib });
    const host = new Host(files());
    const first = await open(host, before);
    const second = await open(host, after);
    expect(second.sentences).toHaveLength(first.sentences.length);
    // The edited paragraph's sentences: those between the blank lines around the edit.
    const at = after.indexOf('legal channels');
    const paragraph = { start: after.lastIndexOf('\n\n', at), end: after.indexOf('\n\n', at) };
    let kept = 0;
    second.sentences.forEach((s, i) => {
      const edited = s.range.start > paragraph.start && s.range.start < paragraph.end;
      if (edited) expect(s.judgement).not.toBe(first.sentences[i]!.judgement);
      else (expect(s.judgement).toBe(first.sentences[i]!.judgement), kept++);
    });
    expect(kept).toBeGreaterThan(20);
    expect(judged(second)).toEqual(judged(await open(new Host(files()), after)));
  });

  it('an edit that moves the scale to another step re-judges every paragraph, as a fresh host judges them', async () => {
    const before = doc(paragraphs);
    // Most sentences now match the bibliography strongly: the manuscript's typical match rises.
    const after = doc(paragraphs.map((p, i) => (i % 3 === 2 ? p : `${p.slice(0, -1)}, as in the Iran-Russia security cooperation after the Ukraine crisis.`)));
    expect(scaleOf(after)).not.toBe(scaleOf(before));
    const host = new Host(new MemoryFileSystem({ '/refs.bib': bib }));
    const first = await open(host, before);
    const second = await open(host, after);
    const kept = second.sentences.findIndex((s, i) => s.text === first.sentences[i]!.text);
    expect(kept).toBeGreaterThanOrEqual(0);
    expect(second.sentences[kept]!.judgement).not.toBe(first.sentences[kept]!.judgement);
    expect(judged(second)).toEqual(judged(await open(new Host(new MemoryFileSystem({ '/refs.bib': bib })), after)));
    // And back: the first version's judgements again.
    expect(judged(await open(host, before))).toEqual(judged(first));
  });

  it('names a bibliography by what the match reads: pages edited keep the judgements, an abstract edited does not', () => {
    const text = doc(paragraphs);
    const idOf = (source: string) => new ClaimBibliographyCache(splitSentences).forManuscript('p.md', parseManuscript(text), [parseBibliography(source, formatForPath('refs.bib')).entries])!.id;
    const katz = bib.indexOf('@article{katz2012russia');
    const pages = bib.slice(0, katz) + bib.slice(katz).replace('54--64', '54--65');
    const abstract = bib.slice(0, katz) + bib.slice(katz).replace('pages   = {54--64},', 'pages   = {54--64},\n  abstract = {Arms sales and nuclear talks.},');
    expect(abstract).not.toBe(bib);
    expect(idOf(pages)).toBe(idOf(bib));
    expect(idOf(abstract)).not.toBe(idOf(bib));
  });

  it('says nothing from a whole library (more entries than any manuscript cites), and does not read it', () => {
    const text = doc(paragraphs);
    const cache = new ClaimBibliographyCache(splitSentences);
    expect(cache.forManuscript('p.md', parseManuscript(text), [entries])).toBeDefined();
    // The edition's works and as many more as make a library: the same titles, so a match if it were read.
    const library = Array.from({ length: Math.ceil((MAX_ENTRIES + 1) / entries.length) }, () => entries).flat();
    expect(library.length).toBeGreaterThan(MAX_ENTRIES);
    let read = 0;
    const counted = library.map((e) => new Proxy(e, { get: (target, key, receiver) => (key === 'field' && read++, Reflect.get(target, key, receiver)) }));
    expect(cache.forManuscript('p.md', parseManuscript(text), [counted])).toBeUndefined();
    expect(read).toBe(0);
  });
});
