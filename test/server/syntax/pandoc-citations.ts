/**
 * Citations and spans as Pandoc sees them (`pandoc -f markdown -t json`, its `Cite` and `Span`
 * nodes) and as we do, in one comparable shape: key, mode, prefix and suffix (the suffix holds the
 * locator, as in Pandoc's AST) in document order; citations nested in a suffix come after their container.
 * Shared by the oracle tests (fixed inputs, the corpus, differential fuzzing).
 */
import { execFile, execFileSync } from 'node:child_process';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';
import { listCitations } from '../../../server/src/syntax/citations.js';
import type { Nodes } from 'mdast';
import { spans } from './helpers.js';

export interface Found {
  cites: { key: string; mode: string; prefix: string; suffix: string }[];
  spans: { id: string; classes: string[]; pairs: [string, string][] }[];
}

const modeName = { normal: 'NormalCitation', 'author-in-text': 'AuthorInText', 'suppress-author': 'SuppressAuthor' } as const;

/** Text as compared: Pandoc's AST has its smart typography (quotes, dashes, ellipses) applied, our source text not. */
function normalise(text: string): string {
  return text
    .replace(/[\u00a0\s]+/gu, ' ')
    .replace(/[‘’]/gu, "'")
    .replace(/[“”]/gu, '"')
    .replace(/—/gu, '---')
    .replace(/–/gu, '--')
    .replace(/…/gu, '...')
    .trim();
}

export function ours(input: string): Found {
  const { tree } = parseMarkdown(input);
  return {
    cites: listCitations(tree).map((c) => ({ key: c.key, mode: modeName[c.mode], prefix: normalise(c.prefix), suffix: normalise(c.suffix) })),
    spans: spans(tree).map((s) => ({
      id: s.attributes.id?.value ?? '',
      classes: s.attributes.classes.map((c) => c.value),
      pairs: s.attributes.pairs.map((p): [string, string] => [p.key, p.value]),
    })),
  };
}

// Pandoc's JSON AST, loosely typed: only the parts read below.
export interface PandocNode {
  t: string;
  c?: unknown;
}

function stringify(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes
    .map((node: PandocNode) => {
      switch (node.t) {
        case 'Str':
          return node.c as string;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Code':
          return (node.c as [unknown, string])[1];
        case 'Emph':
        case 'Strong':
        case 'Strikeout':
          return stringify(node.c);
        case 'Quoted': {
          const [kind, inner] = node.c as [{ t: string }, unknown];
          const mark = kind.t === 'DoubleQuote' ? '"' : "'";
          return mark + stringify(inner) + mark;
        }
        case 'Cite':
        case 'Link':
        case 'Span':
          return stringify((node.c as [unknown, unknown])[1]);
        default:
          return '';
      }
    })
    .join('');
}

export function collect(value: unknown, found: Found): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, found);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const node = value as PandocNode;
  if (node.t === 'Cite') {
    const [citations] = node.c as [{ citationId: string; citationMode: { t: string }; citationPrefix: unknown; citationSuffix: unknown }[]];
    for (const citation of citations) {
      found.cites.push({
        key: citation.citationId,
        mode: citation.citationMode.t,
        prefix: normalise(stringify(citation.citationPrefix)),
        suffix: normalise(stringify(citation.citationSuffix)),
      });
      // Citations nested in suffixes come after their container, as in `listCitations`.
      collect(citation.citationPrefix, found);
      collect(citation.citationSuffix, found);
    }
    return;
  }
  if (node.t === 'Span') {
    const [[id, classes, pairs]] = node.c as [[string, string[], [string, string][]]];
    found.spans.push({ id, classes, pairs });
  }
  collect(node.c, found);
}

export function pandoc(all: string[], from = 'markdown'): Found[] {
  const separator = '\n\n* * * * *\n\n';
  const json = execFileSync('pandoc', ['-f', from, '-t', 'json'], { input: all.join(separator), encoding: 'utf8', maxBuffer: 1 << 28 });
  const blocks = (JSON.parse(json) as { blocks: PandocNode[] }).blocks;
  const results: Found[] = [{ cites: [], spans: [] }];
  for (const block of blocks) {
    if (block.t === 'HorizontalRule') results.push({ cites: [], spans: [] });
    else collect(block, results[results.length - 1]!);
  }
  return results;
}


/** The citations and spans Pandoc finds in one document, from a `pandoc` process of its own. */
export function pandocAsync(text: string, from = 'markdown'): Promise<Found> {
  return new Promise((resolve, reject) => {
    const child = execFile('pandoc', ['-f', from, '-t', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 }, (error, stdout) => {
      if (error) return reject(error);
      const found: Found = { cites: [], spans: [] };
      collect((JSON.parse(stdout) as { blocks: PandocNode[] }).blocks, found);
      resolve(found);
    });
    child.stdin!.end(text);
  });
}

/**
 * What knitr and Quarto hand to pandoc: a chunk header such as "```{r setup, include=FALSE}" becomes a
 * plain fence. Pandoc 2.17 never sees such headers and does not read them as fences (its attribute
 * syntax has no commas), so from the raw .Rmd it would take the rest of the document for code up to the
 * next bare fence. We read them as fences, as knitr does (a documented difference, docs/robustness.md).
 */
export function knitrFences(text: string): string {
  return text.replace(/^([ \t]*(?:`{3,}|~{3,}))[ \t]*\{[^}\n]*\}[ \t]*$/gm, '$1 chunk');
}

/**
 * Our citations in the order Pandoc's AST has them: a footnote's content sits at each reference to it
 * (repeated when referenced twice), an unreferenced footnote is dropped, and a table's caption (`Table:`
 * after it) comes before its rows. We list citations in source order, notes included where they are
 * written (an editor wants every citation, also in an unused note).
 */
export function oursInPandocOrder(input: string): Found['cites'] {
  const { tree } = parseMarkdown(input);
  const notes = new Map<string, { start: number; end: number }>();
  const references: { id: string; at: number }[] = [];
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'footnoteDefinition' && !notes.has(node.identifier))
      notes.set(node.identifier, { start: node.position!.start.offset!, end: node.position!.end.offset! });
    if (node.type === 'footnoteReference') references.push({ id: node.identifier, at: node.position!.start.offset! });
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  // A `Table: …` paragraph right after a table is its caption, which Pandoc's Table node holds first.
  const captions: { start: number; end: number; at: number }[] = [];
  tree.children.forEach((node, i) => {
    const next = tree.children[i + 1];
    if (node.type !== 'table' || next?.type !== 'paragraph') return;
    const text = input.slice(next.position!.start.offset!, next.position!.end.offset!);
    if (/^(?:Table)?:/.test(text)) captions.push({ start: next.position!.start.offset!, end: next.position!.end.offset!, at: node.position!.start.offset! });
  });
  const placed: { at: number; order: number; cite: Found['cites'][number] }[] = [];
  const cites = ours(input).cites;
  listCitations(tree).forEach((c, i) => {
    const at = c.keyRange.start;
    const note = [...notes].find(([, r]) => at >= r.start && at < r.end);
    const caption = captions.find((r) => at >= r.start && at < r.end);
    if (caption) return placed.push({ at: caption.at, order: at - caption.start - input.length, cite: cites[i]! });
    if (!note) return placed.push({ at, order: at, cite: cites[i]! });
    for (const ref of references) if (ref.id === note[0]) placed.push({ at: ref.at, order: at, cite: cites[i]! });
  });
  return placed.sort((a, b) => a.at - b.at || a.order - b.order).map((p) => p.cite);
}
