/**
 * Pandoc 2.17 as the oracle over every real manuscript in ../shared/data: the 37 manuscripts of
 * `corpus/` and deep-review. For each manuscript (its files joined in order, as Manubot and Quarto
 * render them), the citations we find — key, position in the order, mode, prefix and suffix with its
 * locator — must be the ones `pandoc -f markdown -t json` finds, in Pandoc's order (a footnote's
 * citations where it is referenced). One pandoc process per manuscript, two at a time.
 *
 * Read with Pandoc's default extensions, `markdown_in_html_blocks` included: Markdown between block tags
 * is Markdown (a citation in a `<td>` of an HTML table is one), as we read it (syntax/html/). All 38
 * agree; one Pandoc 2.17 bug is worked around below. `OPEN` lists a manuscript that comes to differ,
 * with the reason, until it is fixed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPandoc } from '../../pandoc.js';
import { manuscriptFiles, sharedData } from '../../shared-data.js';
import { knitrFences, oursInPandocOrder, pandocAsync, type Found } from './pandoc-citations.js';

const corpus = sharedData('corpus');
const deepReview = sharedData('deep-review');

/** Each manuscript: a folder of the corpus, or deep-review; files that render separately stay separate. */
function manuscripts(): { name: string; text: string; parts: string[] }[] {
  const out: { name: string; text: string; parts: string[] }[] = [];
  const add = (name: string, files: string[]) => {
    // Manubot concatenates content/*.md; standalone .qmd/.Rmd documents are rendered one by one.
    const joined = files.filter((f) => f.endsWith('.md')).map((f) => readFileSync(f, 'utf8'));
    if (joined.length) out.push({ name, text: joined.join('\n\n'), parts: PANDOC_BUG_PER_FILE.has(name) ? joined : [joined.join('\n\n')] });
    for (const f of files.filter((f) => !f.endsWith('.md'))) {
      const text = readFileSync(f, 'utf8');
      out.push({ name: `${name}/${path.basename(f)}`, text, parts: [text] });
    }
  };
  if (corpus.present)
    for (const name of readdirSync(corpus.path).sort())
      if (statSync(path.join(corpus.path, name)).isDirectory() && name !== 'claims') add(name, manuscriptFiles(path.join(corpus.path, name)));
  if (deepReview.present) add('deep-review', manuscriptFiles(deepReview.path));
  return out;
}

const FROM = 'markdown';

/**
 * Pandoc 2.17 loses text: an unclosed `[` in one paragraph and a `]` some paragraphs later make it drop
 * everything between (`a [b c.\n\n## Head\n\nText [@x] more d].` gives only `a [b c.].`). Where
 * that happens, each file of the manuscript is compared on its own.
 */
const PANDOC_BUG_PER_FILE = new Set(['SORTEE-Github-Hackathon__manuscript']);

/**
 * Manuscripts that still differ, each with the first difference and what causes it; the test fails
 * when one of them comes to agree (then take it off this list). See docs/robustness.md.
 */
const OPEN: Record<string, string> = {};

/** Runs `task` over `items`, `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!);
      }
    }),
  );
  return results;
}

/** The first place two citation lists part, with a few neighbours, or undefined when they agree. */
function firstDifference(name: string, mine: Found['cites'], theirs: Found['cites']): string | undefined {
  const n = Math.max(mine.length, theirs.length);
  for (let i = 0; i < n; i++)
    if (JSON.stringify(mine[i]) !== JSON.stringify(theirs[i]))
      return `${name}: citation #${i} (of ${mine.length} ours, ${theirs.length} pandoc's)\n  ours:   ${JSON.stringify(mine.slice(i, i + 3))}\n  pandoc: ${JSON.stringify(theirs.slice(i, i + 3))}`;
  return undefined;
}

const skip = !hasPandoc ? ' (skipped: pandoc not installed)' : !corpus.present && !deepReview.present ? corpus.skipNote : '';

describe('pandoc oracle over the real manuscripts', () => {
  it.skipIf(skip !== '')(`every citation of every manuscript of ../shared/data as pandoc reads it${skip}`, async () => {
    const all = manuscripts();
    const parts = all.flatMap((m, i) => m.parts.map((text) => ({ i, text })));
    const found = await pool(parts, 2, (p) => pandocAsync(knitrFences(p.text), FROM));
    const theirs = all.map((_, i) => found.filter((_, j) => parts[j]!.i === i).flatMap((f) => f.cites));
    const differences: string[] = [];
    let citations = 0;
    let agreeing = all.length;
    all.forEach((m, i) => {
      citations += theirs[i]!.length;
      const d = firstDifference(m.name, oursInPandocOrder(m.text), theirs[i]!);
      if (OPEN[m.name] === undefined) {
        if (d) differences.push(d);
      } else if (!d) differences.push(`${m.name} now agrees with pandoc: take it off OPEN`);
      else agreeing--;
    });
    expect(differences).toEqual([]);
    console.log(`pandoc corpus oracle: ${agreeing} of ${all.length} documents agree citation for citation (${citations} citations); ${all.length - agreeing} listed in OPEN`);
    // The corpus has thousands of citations: an empty parse on both sides would prove nothing.
    expect(citations).toBeGreaterThan(corpus.present ? 5000 : 800);
  }, 120_000);
});
