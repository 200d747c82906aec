import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeActions, type CodeAction } from '../../../server/src/analysis/code-actions.js';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { coverage } from '../../../server/src/analysis/coverage.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { outline, type OutlineNode } from '../../../server/src/analysis/outline.js';
import { addCommentEdits, applyEdits, resolveAllMarks } from '../../../server/src/analysis/review-actions.js';
import type { Snapshot } from '../../../server/src/analysis/snapshot.js';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { buildManuscript } from '../../../server/src/model/manuscript.js';
import { reviewMarkErrors, reviewMarks } from '../../../server/src/model/review.js';
import { Host } from '../../../server/src/workspace/host.js';

const FIXTURE = path.resolve(__dirname, '../../fixtures/review/edition-two-reviewers.md');
const text = readFileSync(FIXTURE, 'utf8');

async function reviewed(): Promise<Snapshot> {
  return (await new Host(new NodeFileSystem()).snapshot(FIXTURE))!;
}

async function snapshotOf(source: string): Promise<Snapshot> {
  return (await new Host(new MemoryFileSystem({ '/p.md': source })).snapshot('/p.md'))!;
}

/** The actions on review marks (the uncited-claim fix is offered on some sentences too). */
const reviewOnly = (actions: CodeAction[]) => actions.filter((a) => a.fixes?.code !== 'uncited-claim');

const reviewMarkErrorsOf = (text: string) => reviewMarkErrors(buildManuscript(text).tree);

const at = (s: Snapshot, needle: string) => {
  const offset = s.manuscript.text.indexOf(needle);
  if (offset < 0) throw new Error(`not in the text: ${needle}`);
  return { start: offset, end: offset };
};

describe('review diagnostics', () => {
  it('each open comment is an information; nothing else in the reviewed edition is new', async () => {
    const s = await reviewed();
    const found = diagnose(s, defaultConfig).filter((f) => f.file === s.path && f.code.includes('review'));
    expect(found.map((f) => [f.severity, f.message, text.slice(f.range.start, f.range.start + 12)])).toEqual([
      ['information', 'Review comment by R1: "not new" says nothing; say how old.', '{>> R1: "not'],
      ['information', 'Review comment by @ana: a fact the argument needs; it wants a source.', '{>> @ana: a '],
      ['information', 'Review comment by R1: an unsupported claim; remove it.', '{>> R1: an u'],
      ['information', 'Review comment by @ana: which dynamics? name them.', '{==By utiliz'],
      ['information', "Review comment: Is Waltz's own book in the bibliography?", "{>> Is Waltz"],
    ]);
    // `@ana:` is a reviewer, not a citation of an unknown key.
    expect(diagnose(s, defaultConfig).filter((f) => f.code === 'unknown-key')).toEqual([]);
  });

  it('severity is configurable; off silences', async () => {
    const s = await reviewed();
    const config = { ...defaultConfig, severity: { 'review-comment': 'off' as const } };
    expect(diagnose(s, config).filter((f) => f.code === 'review-comment')).toEqual([]);
  });

  it('an unterminated mark is malformed-review-mark and swallows nothing', async () => {
    const s = await snapshotOf('# A\n\nSince 2011 {++ the cooperation grew.\n\n# B\n\nAs @katz says.\n');
    const found = diagnose(s, defaultConfig);
    expect(found.filter((f) => f.code === 'malformed-review-mark').map((f) => [f.severity, s.manuscript.text.slice(f.range.start, f.range.end)])).toEqual([
      ['warning', '{++'],
    ]);
    expect(s.manuscript.sections.map((x) => x.title)).toEqual(['A', 'B']);
    expect(s.manuscript.citations.map((c) => c.item.key)).toEqual(['katz']);
  });

  it('coverage counts a claim added by a reviewer, not one deleted', async () => {
    const base = '# Introduction\n\nThe alliance began in 2016 [@a].';
    const added = await snapshotOf(`${base} {++ Russia delivered the S-300 system in 2016. ++}\n`);
    const deleted = await snapshotOf(`${base} {-- Russia delivered the S-300 system in 2016. --}\n`);
    const plain = await snapshotOf(`${base}\n`);
    expect([coverage(plain).claims, coverage(added).claims, coverage(deleted).claims]).toEqual([1, 2, 1]);
  });
});

describe('review outline', () => {
  const names = (n: OutlineNode): unknown => (n.children.length ? { [`${n.name} (${n.detail})`]: n.children.map(names) } : `${n.name} · ${n.detail}`);

  it('a Review node: every change and comment in document order, grouped by reviewer', async () => {
    const s = await reviewed();
    const review = outline(s).find((n) => n.name === 'Review')!;
    expect(names(review)).toEqual({
      'Review (4 changes · 2 comments)': [
        {
          'R1 (2 changes · 0 comments)': [
            'Replaced: “not a new phenomenon” → “older than the Islamic Republic” · “"not new" says nothing; say how old.” · 1 Introduction',
            'Deleted: “Tehran\'s drones decided the war in Ukraine.” · “an unsupported claim; remove it.” · 1 Introduction',
          ],
        },
        {
          '@ana (1 change · 1 comment)': [
            'Added: “Russia delivered the S-300 air defence system t…” · “a fact the argument needs; it wants a source.” · 1 Introduction',
            'On “By utilizing this method, the research aims to …”: “which dynamics? name them.” · 2 Method and Theoretical Framework',
          ],
        },
        {
          '(no reviewer) (1 change · 1 comment)': [
            'Comment: “Is Waltz\'s own book in the bibliography?” · 2 Method and Theoretical Framework',
            'Added: “, as [the West\'s isolation of Iran]{.consequenc…” · 2 Method and Theoretical Framework',
          ],
        },
      ],
    });
    expect(text.slice(review.children[0]!.children[0]!.range.start, review.children[0]!.children[0]!.range.end)).toMatch(/^\{~~ not a new.*~~\}$/);
  });

  it('no Review node without marks', async () => {
    expect(outline(await snapshotOf('# A\n\nText.\n')).map((n) => n.name)).toEqual(['A']);
  });
});

describe('review code actions', () => {
  it('accept or reject one change (its comment goes with it)', async () => {
    const s = await reviewed();
    const actions = reviewOnly(codeActions(s, at(s, 'S-300')));
    expect(actions.map((a) => a.title)).toEqual([
      'Accept addition “Russia delivered the S-300 air defence …” (@ana)',
      'Reject addition “Russia delivered the S-300 air defence …” (@ana)',
      'Accept all 1 change by @ana',
      'Reject all 1 change by @ana',
      'Resolve comment “a fact the argument needs; it wants a s…” only',
    ]);
    const accepted = applyEdits(text, actions[0]!.edits);
    expect(accepted).toContain('[[@kozhanov2015understanding]]{.editorial}. Russia delivered the S-300 air defence system to Iran in 2016. However,');
    const rejected = applyEdits(text, actions[1]!.edits);
    expect(rejected).toContain('[[@kozhanov2015understanding]]{.editorial}. However,');
    expect(reviewMarks(buildManuscript(rejected)).filter((m) => m.reviewer === '@ana').map((m) => m.kind)).toEqual(['highlight', 'comment']);
  });

  it("accept all of one reviewer's changes leaves the others'", async () => {
    const s = await reviewed();
    const all = codeActions(s, at(s, 'not a new')).find((a) => a.title === 'Accept all 2 changes by R1')!;
    const after = applyEdits(text, all.edits);
    expect(after).toContain('is older than the Islamic Republic [[@jamalzadeh1993history');
    expect(after).not.toContain('drones');
    expect(reviewMarks(buildManuscript(after)).map((m) => m.reviewer ?? '-')).toEqual(['@ana', '@ana', '@ana', '@ana', '-', '-']);
  });

  it('resolve a comment; a comment on a highlight removes the highlight too', async () => {
    const s = await reviewed();
    const lone = codeActions(s, at(s, "Waltz's own"));
    expect(lone.map((a) => [a.title, a.fixes?.code])).toEqual([['Resolve comment “Is Waltz\'s own book in the bibliography?” (remove it)', 'review-comment']]);
    expect(applyEdits(text, lone[0]!.edits)).toContain('[[@ahmadi1998structuralism]]{.editorial}. Specifically,');
    const highlight = codeActions(s, at(s, 'which dynamics'));
    expect(highlight.map((a) => a.title)).toEqual(['Resolve comment “which dynamics? name them.” (remove it and the highlight)']);
    expect(applyEdits(text, highlight[0]!.edits)).toContain('{.no-claim} By utilizing this method, the research aims to provide a comprehensive understanding of the dynamics at play within the international system, as well');
  });

  it('nothing away from marks', async () => {
    const s = await reviewed();
    expect(reviewOnly(codeActions(s, at(s, 'This distrust heightens')))).toEqual([]);
  });
});

describe('resolving every mark (marginalia accept / reject)', () => {
  it.each([
    ['a {++ b ++} c.', 'a b c.', 'a c.'],
    ['a {-- b --} c.', 'a c.', 'a b c.'],
    ['a {~~ b ~> B ~~} c.', 'a B c.', 'a b c.'],
    ['a{++ b++} c.', 'a b c.', 'a c.'],
    ['a {-- b --}.', 'a.', 'a b.'],
    ['a {== b ==}{>> R1: x <<} c {>> y <<}.', 'a b c.', 'a b c.'],
    ['x {++ [@k] ++}{>> R1: source <<}.', 'x [@k].', 'x.'],
    ['a {++ stray\n\nb.', 'a {++ stray\n\nb.', 'a {++ stray\n\nb.'],
  ])('%j', (input, accepted, rejected) => {
    const marks = reviewMarks(buildManuscript(input));
    expect(resolveAllMarks(input, marks, 'accept')).toBe(accepted);
    expect(resolveAllMarks(input, marks, 'reject')).toBe(rejected);
  });

  it('the reviewed edition accepted has no marks left and reads as the edition', () => {
    const out = resolveAllMarks(text, reviewMarks(buildManuscript(text)), 'accept');
    expect(out).not.toMatch(/\{\+\+|\{--|\{~~|\{==|\{>>|\+\+\}|--\}|~~\}|==\}|<<\}/);
    expect(reviewMarks(buildManuscript(out))).toEqual([]);
  });
});

describe('add review comment', () => {
  it('wraps a selection in a highlight with the comment', async () => {
    const s = await snapshotOf('One two three.\n');
    const edits = addCommentEdits(s, { start: 4, end: 7 }, 'R1:  why\ntwo? ');
    expect(Array.isArray(edits) && applyEdits(s.manuscript.text, edits)).toBe('One {==two==}{>> R1: why two? <<} three.\n');
    const after = reviewMarks(buildManuscript('One {==two==}{>> R1: why two? <<} three.\n'));
    expect(after.map((m) => [m.kind, m.reviewer ?? '-'])).toEqual([['highlight', 'R1'], ['comment', 'R1']]);
  });

  it('inserts at an empty selection, or after a selection a highlight could not hold', async () => {
    const s = await snapshotOf('One *two three* four.\n\nFive.\n');
    const insert = (start: number, end: number) => {
      const e = addCommentEdits(s, { start, end }, 'note');
      return Array.isArray(e) ? applyEdits(s.manuscript.text, e) : e.error;
    };
    expect(insert(3, 3)).toBe('One{>> note <<} *two three* four.\n\nFive.\n');
    // Cuts the emphasis: the comment goes after the selection.
    expect(insert(0, 8)).toBe('One *two{>> note <<} three* four.\n\nFive.\n');
    // Across a blank line.
    expect(insert(16, 27)).toBe('One *two three* four.\n\nFive{>> note <<}.\n');
    // Inside or across a mark: after it (and the comment attached to it), so marks do not nest.
    const marked = await snapshotOf('One {++ two ++}{>> R1: x <<} three.\n');
    const inMark = addCommentEdits(marked, { start: 9, end: 11 }, 'note');
    expect(Array.isArray(inMark) && applyEdits(marked.manuscript.text, inMark)).toBe('One {++ two ++}{>> R1: x <<}{>> note <<} three.\n');
    expect(reviewMarkErrorsOf('One {++ two ++}{>> R1: x <<}{>> note <<} three.\n')).toEqual([]);
    expect(addCommentEdits(s, { start: 0, end: 3 }, 'a <<} b')).toEqual({ error: 'A comment cannot contain `<<}`, which would end it.' });
    expect(addCommentEdits(s, { start: 0, end: 3 }, '  ')).toEqual({ error: 'The comment is empty.' });
  });
});

describe('review hover', () => {
  it('says what a mark is, who wrote it and what they said; citations inside keep their own hover', async () => {
    const s = await reviewed();
    const on = (needle: string) => hover(s, at(s, needle).start, { config: defaultConfig })?.markdown;
    expect(on('not a new phenomenon')).toBe(
      '**Replacement** by **R1**\n\n~~not a new phenomenon~~ → older than the Islamic Republic\n\nComment: "not new" says nothing; say how old.\n\nAccept or reject it with the quick fixes (Ctrl+.).',
    );
    expect(on('which dynamics')).toBe('**Review comment** by **@ana**\n\nwhich dynamics? name them.\n\nOn the highlight: “By utilizing this method, the research aims to provide a comprehensive understa…”');
    expect(on('kozhanov2015understanding')).toContain('Kozhanov');
    expect(on('This distrust')).toBeUndefined();
  });
});
