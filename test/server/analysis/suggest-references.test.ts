import { describe, expect, it } from 'vitest';
import { codeActions, type TextEdit } from '../../../server/src/analysis/code-actions.js';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { buildReferenceIndex } from '../../../server/src/analysis/reference-index.js';
import { citationInsertion, documentContext, rankReferences, suggestReferences } from '../../../server/src/analysis/suggest-references.js';
import { parseBibTeX } from '../../../server/src/bibliography/bibtex.js';
import { buildManuscript } from '../../../server/src/model/manuscript.js';
import { snapshotOf } from '../fixture.js';

const LIBRARY = `
@article{drezner1999sanctions, author = {Drezner, Daniel W.}, title = {The Sanctions Paradox: Economic Statecraft and International Relations}, year = {1999}}
@article{hufbauer2007trade, author = {Hufbauer, Gary and Schott, Jeffrey}, title = {Economic sanctions reconsidered: trade losses of targeted economies}, year = {2007}}
@book{waltz1979theory, author = {Waltz, Kenneth N.}, title = {Theory of International Politics}, year = {1979}}
@article{katz2012russia, author = {Katz, Mark N.}, title = {Russia and Iran}, journal = {Middle East Policy}, year = {2012}}
@report{who2023covid, author = {{World Health Organization}}, title = {Weekly epidemiological update}, year = {2023}}
@article{kozhanov2015arms, author = {Kozhanov, Nikolay}, title = {Understanding the revitalization of Russian-Iranian relations}, year = {2015},
  abstract = {Arms deliveries, the S-300 contract and nuclear diplomacy between Moscow and Tehran.}}
`;

const index = buildReferenceIndex(parseBibTeX(LIBRARY).entries);

/** Ranks sentence `i` of a paragraph list (each paragraph a list of [text, cited keys]). */
function rank(paragraphs: [string, string[]][][], at: [number, number]) {
  // Each paragraph its own section, so that paragraph and section evidence stay apart.
  const sentences = paragraphs.flatMap((p, pi) => p.map(([text, keys]) => ({ text, keys, paragraph: pi, section: pi })));
  const i = paragraphs.slice(0, at[0]).reduce((n, p) => n + p.length, 0) + at[1];
  return rankReferences(index, documentContext(sentences), i);
}

describe('ranking suggested references', () => {
  it('ranks the entry whose title shares the sentence’s words first, stemmed, and says why', () => {
    const top = rank([[['Targeted economies lose trade under sanctions.', []]]], [0, 0]);
    expect(top[0]).toMatchObject({ key: 'hufbauer2007trade', label: 'Hufbauer & Schott (2007), Economic sanctions reconsidered: trade losses of targeted economies' });
    expect(top[0]!.why).toMatch(/^title shares 'targeted', 'economies', 'lose', 'trade'|^title shares/);
    expect(top.map((s) => s.key)).toContain('drezner1999sanctions');
    // Stop words alone match nothing.
    expect(rank([[['It is what it was and will be.', []]]], [0, 0])).toEqual([]);
  });

  it('matches names in the sentence to authors, institutions included', () => {
    expect(rank([[['As Waltz argued, anarchy shapes everything.', []]]], [0, 0])[0]).toMatchObject({ key: 'waltz1979theory', why: 'by Waltz' });
    const who = rank([[['According to the World Health Organization, 7 million died.', []]]], [0, 0]);
    expect(who[0]).toMatchObject({ key: 'who2023covid', why: 'by World Health Organization' });
  });

  it('reads the abstract too', () => {
    expect(rank([[['Moscow agreed to deliver the S-300 to Tehran.', []]]], [0, 0])[0]?.key).toBe('kozhanov2015arms');
  });

  it('suggests what the same paragraph cites, nearer sentences first, and never the sentence’s own citations', () => {
    const paragraphs: [string, string[]][][] = [
      [
        ['Relations warmed after 2011.', ['katz2012russia']],
        ['Cooperation deepened quickly.', []],
        ['Exchanges multiplied.', ['kozhanov2015arms']],
        ['Ties grew.', ['waltz1979theory']],
      ],
    ];
    const top = rank(paragraphs, [0, 1]);
    expect(top.map((s) => [s.key, s.why])).toEqual([
      ['katz2012russia', 'cited in this paragraph'],
      ['kozhanov2015arms', 'cited in this paragraph'],
      ['waltz1979theory', 'cited in this paragraph'],
    ]);
    // A sentence that cites a key is never offered it again.
    expect(rank(paragraphs, [0, 0]).map((s) => s.key)).not.toContain('katz2012russia');
  });

  it('suggests what sentences saying similar things cite', () => {
    const top = rank(
      [
        [['The pipeline deal between the two governments stalled in talks.', ['katz2012russia']]],
        [['Unrelated remarks about weather.', []]],
        [['Talks on the pipeline deal stalled again.', []]],
      ],
      [2, 0],
    );
    expect(top[0]).toMatchObject({ key: 'katz2012russia', why: 'cited by a similar sentence' });
  });
});

describe('where the citation goes', () => {
  const cases: [string, string][] = [
    ['Sanctions reduce trade.', 'Sanctions reduce trade [@k].'],
    // The author's spacing is left alone.
    ['Sanctions reduce trade .', 'Sanctions reduce trade [@k] .'],
    ['Sanctions reduce trade', 'Sanctions reduce trade [@k]'],
    ['He called it “a paradox.”', 'He called it “a paradox” [@k].'],
    ['He called it "a paradox."', 'He called it "a paradox" [@k].'],
    ['He asked “is it over?”', 'He asked “is it over?” [@k]'],
    ['(Trade fell sharply.)', '(Trade fell sharply [@k].)'],
    ['Did trade fall?!', 'Did trade fall [@k]?!'],
    ['Trade fell [@a].', 'Trade fell [@a; @k].'],
    ['Trade fell [see @a, p. 3].', 'Trade fell [see @a, p. 3; @k].'],
    ['@a showed that trade fell.', '@a showed that trade fell [@k].'],
  ];
  it.each(cases)('%s', (text, expected) => {
    const m = buildManuscript(text);
    const sentence = m.sentences[0]!;
    const edit = citationInsertion(text, sentence, 'k');
    expect(text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end)).toBe(expected);
  });
});

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

const MANUSCRIPT = `//- /p.md
---
bibliography: r.bib
---
# Introduction

Since 2011, Russia has delivered ‸arms and the S-300 to Iran, and nuclear diplomacy followed.
//- /r.bib
${LIBRARY}`;

describe('quick fixes and hover', () => {
  it('offers "Cite @key — Author (Year), Title" fixes that silence the diagnostic once applied', async () => {
    const { snapshot: s, fixture: f, fs, host } = await snapshotOf(MANUSCRIPT);
    const at = f.cursor!.offset;
    const actions = codeActions(s, { start: at, end: at }).filter((a) => a.title.startsWith('Cite'));
    // The two works on Russia and Iran, before the rest.
    expect(actions.slice(0, 2).map((a) => a.title).sort()).toEqual([
      'Cite @katz2012russia — Katz (2012), Russia and Iran',
      'Cite @kozhanov2015arms — Kozhanov (2015), Understanding the revitalization of Russian-Iranian relations',
    ]);
    expect(actions.length).toBeLessThanOrEqual(5);
    expect(actions.every((a) => a.fixes?.code === 'uncited-claim')).toBe(true);
    const kozhanov = actions.find((a) => a.title.includes('@kozhanov2015arms'))!;
    const edited = apply(s.manuscript.text, kozhanov.edits);
    expect(edited).toContain('nuclear diplomacy followed [@kozhanov2015arms].\n');
    fs.write(f.main, edited);
    const after = (await host.snapshot(f.main))!;
    expect(diagnose(after, defaultConfig).filter((d) => d.code === 'uncited-claim')).toEqual([]);
  });

  it('lists the suggestions in the hover of the claim, not when the diagnostic is off', async () => {
    const { snapshot: s, fixture: f } = await snapshotOf(MANUSCRIPT);
    const h = hover(s, f.cursor!.offset, { config: defaultConfig });
    expect(h?.markdown).toContain('**Suggested references**');
    expect(h?.markdown).toContain('- `@kozhanov2015arms` — Kozhanov (2015), Understanding the revitalization of Russian-Iranian relations');
    expect(h?.range).toEqual(s.manuscript.sentences.find((x) => x.isClaim)!.range);
    expect(hover(s, f.cursor!.offset, { config: { ...defaultConfig, severity: { 'uncited-claim': 'off' } } })).toBeUndefined();
  });

  it('reads paragraphs and sections from the manuscript: a blank line or a heading starts a new one', async () => {
    const { snapshot: s } = await snapshotOf(`//- /p.md
---
bibliography: r.bib
---
# Introduction

Ties grew [@katz2012russia]. Since 2011, Moscow has helped Tehran a great deal.

Since 2015, Moscow has helped Tehran even more.

# Results

Since 2016, Moscow has helped Tehran most.
//- /r.bib
${LIBRARY}`);
    const claim = (start: string) => s.manuscript.sentences.find((x) => x.text.startsWith(start))!;
    const why = (start: string) => suggestReferences(s, claim(start)).find((x) => x.key === 'katz2012russia')?.why ?? '';
    expect(why('Since 2011')).toContain('cited in this paragraph');
    expect(why('Since 2015')).toContain('cited in this section');
    expect(why('Since 2015')).not.toContain('cited in this paragraph');
    expect(why('Since 2016')).not.toMatch(/this (paragraph|section)/);
  });

  it('suggests nothing without a bibliography', async () => {
    const { snapshot: s } = await snapshotOf(`//- /p.md
# Introduction

Since 2011, Russia has delivered arms to Iran.
`);
    expect(suggestReferences(s, s.manuscript.sentences[0]!)).toEqual([]);
  });

  it('builds the index once per bibliography: shared by manuscripts, rebuilt when the file changes', async () => {
    const { snapshot: s, fs, host } = await snapshotOf(`${MANUSCRIPT}
//- /q.md
---
bibliography: r.bib
---
Another chapter.
`);
    const other = (await host.snapshot('/q.md'))!;
    expect(other.referenceIndex!()).toBe(s.referenceIndex!());
    fs.write('/r.bib', LIBRARY.replace('Russia and Iran', 'Russia, Iran and the West'));
    const changed = (await host.snapshot('/p.md'))!;
    expect(changed.referenceIndex!()).not.toBe(s.referenceIndex!());
    expect(changed.referenceIndex!().entry('katz2012russia')?.title).toBe('Russia, Iran and the West');
  });
});
