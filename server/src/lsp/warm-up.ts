/**
 * A throwaway editing session at start-up, so that V8 has compiled the keystroke path before the user's
 * first keystroke. An open runs the whole parse and analyses every block; a keystroke runs code the open
 * never did (the text diff, the slice's splice, the blocks kept and bound, the findings kept per block,
 * the same diagnostic objects sent again), interpreted the first times, so the first keystrokes after
 * opening a large manuscript took two to three times as long as the later ones (docs/performance.md).
 * Here a small manuscript built in memory is opened and edited in a host of its own, which is then
 * dropped: nothing of it stays but the compiled code.
 */
import { defaultConfig } from '../analysis/config.js';
import { MemoryFileSystem } from '../files/file-system.js';
import { Host } from '../workspace/host.js';
import { DiagnosticObjects } from './diagnostic-objects.js';
import { documentDiagnostics } from './document-diagnostics.js';

const KEYS = ['alice2020', 'bob2019', 'carol2021', 'dan2018'];

/** A manuscript of every common kind of block, with cited and uncited claims. */
function manuscript(sections: number): string {
  const parts = [
    '---\ntitle: Warm-up\nbibliography: references.bib\nmarginalia:\n  categories:\n    - id: positive\n      label: Positive\n---\n',
  ];
  for (let s = 0; s < sections; s++) {
    const key = KEYS[s % KEYS.length]!;
    parts.push(
      `## Section ${s} {#sec-${s}}`,
      `Trade between the two states grew by 40% after 2014 [@${key}, p. 3]. They argued that sanctions shaped it. ` +
        `As @${KEYS[(s + 1) % KEYS.length]} shows, the cooperation deepened, which *most observers* expected.`,
      `Security cooperation has consequences for the region, and [several of them]{.consequence key=c${s} category=positive} are contested. ` +
        `Scholars disagree about their scale.[^n${s}]`,
      `- a first item, with a claim that needs no source\n- a second item citing [@${key}]`,
      `> A quotation of someone's view, attributed to no one.`,
      `[^n${s}]: A note that cites [@${KEYS[(s + 2) % KEYS.length]}].`,
    );
  }
  return parts.join('\n\n') + '\n';
}

function bibliography(): string {
  return KEYS.map(
    (key, i) => `@article{${key},\n  author = {Author${i}, Ann and Other, Ben},\n  title = {On cooperation and its consequences ${i}},\n  journal = {Journal},\n  year = {${2018 + i}}\n}\n`,
  ).join('\n');
}

export interface WarmUpReport {
  /** Whole and incremental parses: every keystroke should have taken the incremental path. */
  readonly parses: { readonly full: number; readonly incremental: number };
  /** Diagnostics of each analysis. */
  readonly diagnostics: readonly number[];
}

/**
 * Opens the warm-up manuscript and makes `edits` keystrokes in it, analysing and converting the
 * diagnostics after each as the server does. Small: at start-up this costs about 200 ms (most of it
 * compiling code the open of the user's manuscript would otherwise compile), the open of the edition
 * then takes 100–130 ms less, and the first keystrokes in a 100 KB manuscript about half as long
 * (docs/performance.md).
 */
export async function warmUp(edits = 6, sections = 4): Promise<WarmUpReport> {
  const file = '/warm-up/paper.md';
  const fs = new MemoryFileSystem({ '/warm-up/references.bib': bibliography() });
  const host = new Host(fs, { root: '/warm-up' });
  const objects = new DiagnosticObjects();
  let text = manuscript(sections);
  const diagnostics: number[] = [];
  const analyse = async (): Promise<void> => {
    host.setOpen(file, text);
    const a = await host.analyse(file);
    diagnostics.push(a ? documentDiagnostics(a, defaultConfig, () => undefined, host.blockFindings, objects).length : -1);
  };
  await analyse();
  // Typing in the middle of a paragraph, then a citation added and taken away again.
  let at = text.indexOf('They argued', Math.floor(text.length / 2));
  for (let i = 0; i < edits; i++, at++) {
    text = text.slice(0, at) + 'x' + text.slice(at);
    await analyse();
  }
  const citation = ' [@alice2020]';
  text = text.slice(0, at) + citation + text.slice(at);
  await analyse();
  text = text.slice(0, at) + text.slice(at + citation.length);
  await analyse();
  host.close(file);
  return { parses: { ...host.parses }, diagnostics };
}
