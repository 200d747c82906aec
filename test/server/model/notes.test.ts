/**
 * Footnotes are prose: their sentences are judged like the body's (Pandoc places a note where it is
 * referenced, and the corpus's labels include notes' sentences), in the section of their first reference
 * rather than where the definition is written (R Markdown and Quarto manuscripts gather them at the end,
 * often under "References", which is not prose). A body sentence whose note cites a source is cited.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnoseManuscript } from '../../../server/src/analysis/diagnostics/index.js';
import { coverage } from '../../../server/src/analysis/coverage.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const CLAIM = 'Since 2011, sanctions have cut Iranian oil exports by 40 percent.';

async function snapshotOf(text: string, files: Record<string, string> = {}) {
  const host = new Host(new MemoryFileSystem(files));
  host.setOpen('/p.md', text);
  return (await host.snapshot('/p.md'))!;
}

describe('sentences of footnotes', () => {
  it('are judged, and an uncited claim in a note is reported', async () => {
    const s = await snapshotOf(`# Introduction\n\nTrade with Russia grew.[^a]\n\n[^a]: ${CLAIM}\n`);
    const note = s.manuscript.sentences.find((x) => x.text === CLAIM)!;
    expect(note).toBeDefined();
    expect(note.cited).toBe(false);
    const findings = diagnoseManuscript(s, { ...defaultConfig, claimSensitivity: 'thorough' }).filter((f) => f.code === 'uncited-claim');
    expect(findings.map((f) => s.manuscript.text.slice(f.range.start, f.range.end))).toContain(CLAIM);
  });

  it('read as part of the section that references them, not the references section they are written in', async () => {
    const text = `# Introduction\n\nTrade with Russia grew.[^a]\n\n# References\n\n[^a]: ${CLAIM}\n`;
    const s = await snapshotOf(text);
    const note = s.manuscript.sentences.find((x) => x.text === CLAIM);
    expect(note?.section?.title).toBe('Introduction');
    // Without a reference the note stays where it is written: a references section is not prose.
    const orphan = await snapshotOf(text.replace('grew.[^a]', 'grew.'));
    expect(orphan.manuscript.sentences.map((x) => x.text)).toEqual(['Trade with Russia grew.']);
  });

  it('cite when they hold a citation, and so does the body sentence referencing them; coverage counts both', async () => {
    const bib = '@article{katz2012russia, title={Russia and Iran}, author={Katz, Mark}, year={2012}}';
    const s = await snapshotOf(`---\nbibliography: refs.bib\n---\n\nTrade with Russia grew by 40 percent.[^a]\n\n[^a]: ${CLAIM} [@katz2012russia]\n`, { '/refs.bib': bib });
    const [body, note] = s.manuscript.sentences;
    expect(body!.cited).toBe(true);
    expect(note!.text).toBe(`${CLAIM} \uFFFC`);
    expect(note!.cited).toBe(true);
    expect(s.manuscript.citations.map((c) => [c.item.key, c.inFootnote])).toEqual([['katz2012russia', true]]);
    expect(coverage(s).cited).toBe(2);
  });
});

describe('a note kept from the last version', () => {
  it('follows its reference into another section, as a fresh analysis does', async () => {
    const before = `# Introduction\n\nTrade with Russia grew.[^a]\n\nMore text.\n\n# References\n\n[^a]: ${CLAIM}\n`;
    const after = before.replace('Trade with', '# Methods\n\nTrade with');
    const host = new Host(new MemoryFileSystem({}));
    const read = async (text: string) => {
      host.setOpen('/p.md', text);
      const s = (await host.snapshot('/p.md'))!;
      return s.manuscript.sentences.map((x) => [x.text, x.section?.title, x.judgement.score]);
    };
    const first = await read(before);
    expect(first.find(([t]) => t === CLAIM)?.[1]).toBe('Introduction');
    const second = await read(after);
    expect(second.find(([t]) => t === CLAIM)?.[1]).toBe('Methods');
    const fresh = (await snapshotOf(after)).manuscript.sentences.map((x) => [x.text, x.section?.title, x.judgement.score]);
    expect(second).toEqual(fresh);
  });
});
