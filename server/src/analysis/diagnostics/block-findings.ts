/**
 * A manuscript's findings assembled from findings kept per top-level block, so that after an edit only
 * the blocks it changed are checked again (issue #13), as texlab's diagnostics manager keeps each
 * document's findings and Microsoft's markdown language service keeps per-file results keyed by their
 * inputs.
 *
 * The rules that read one block at a time (unknown keys, cross-references, annotations, uncited claims,
 * review marks) run per block, their findings kept with positions relative to the block's start. They
 * depend on the block's model result (model/block-results.ts: the same object while the block's text,
 * sections, definitions, cited footnotes and claim judge are unchanged) and on a few document-level
 * inputs (`DocumentInputs`: the key index, the bibliographies' names, the labels the document defines,
 * the vocabularies of its front matter, the settings). The caller keeps them by both (the host's
 * workspace/block-findings.ts). The rules about the whole document (front matter, encoding,
 * bibliographies, duplicate keys) are cheap and run every time. The result is exactly
 * `mostSevere(diagnoseManuscript(s, config), max)`: the same findings in the same order.
 */
import type { Root } from 'mdast';
import { blockSourceRange } from '../../syntax/block-boundaries.js';
import { detached } from '../../text/detached.js';
import type { BlockResult } from '../../model/block-results.js';
import type { BlockParts, ManuscriptBlock } from '../../model/manuscript.js';
import { crossReferenceLabels, includesOtherFiles } from '../cross-references.js';
import type { AnalysisConfig } from '../config.js';
import { applySeverity, type Finding, type Severity } from '../diagnostic.js';
import { manubotAliases } from '../manubot-keys.js';
import type { Snapshot } from '../snapshot.js';
import { annotationProblemsIn } from './annotations.js';
import { bibliographiesNotFound } from './bibliography-not-found.js';
import { duplicateKeys } from './duplicate-key.js';
import { malformedInput } from './malformed-input.js';
import { repeatedBibliographies } from './repeated-bibliography.js';
import { reviewComments, reviewMarkProblems } from './review-marks.js';
import { styleNotFound } from './style-not-found.js';
import { uncitedClaimsIn } from './uncited-claim.js';
import { undecodableText } from './undecodable-text.js';
import { crossReferencesChecked, unknownCrossReferencesIn } from './unknown-cross-reference.js';
import { describeSources, unknownKeysIn } from './unknown-key.js';

/**
 * What a block's findings read besides the block, each compared by value (strings, numbers) or by
 * identity (the key index, which the host keeps while no bibliography changes). Findings kept under
 * other inputs are not used.
 */
export interface DocumentInputs {
  readonly path: string;
  /** Which keys exist, their entries' authors (uncited claims) and closest keys (unknown keys). */
  readonly entries: Snapshot['entries'];
  /** The bibliographies named in unknown-key messages. */
  readonly sources: string;
  /** Bibliography files beside a manuscript that declares none (the same array while they are unchanged). */
  readonly nearby: Snapshot['nearby'];
  /** Manubot's project kind and aliases, one string. */
  readonly manubot: string;
  /** Whether cross-references are checked, and the labels the document defines. */
  readonly crossReferences: boolean;
  readonly labels: string;
  /** The front matter's declared categories and domains. */
  readonly vocabularies: string;
  readonly sensitivity: string;
  readonly severity: string;
}

/** One top-level node's cross-reference labels and whether it includes other files. */
export interface NodeLabels {
  readonly labels: readonly string[];
  readonly includes: boolean;
}

/** A block's findings, relative to its start, after the severity settings. */
export interface BlockFindings {
  /** Per rule group, in `diagnoseManuscript`'s order (see `GROUPS`). */
  readonly groups: readonly (readonly Finding[])[];
  /** All of them by start (ties in the groups' order), with each one's group. */
  readonly byStart: readonly { readonly finding: Finding; readonly group: number }[];
}

/** Where the findings of a document's blocks are kept between versions (the host's cache). */
export interface BlockFindingStore {
  /** The findings kept for a block's result under these inputs. */
  get(result: BlockResult): BlockFindings | undefined;
  set(result: BlockResult, findings: BlockFindings): void;
}

/**
 * The labels of the top-level node at `index` of the manuscript's tree, kept for its text (the host's
 * cache: by the block's id or text, workspace/block-memo.ts), computed on a miss.
 */
export type NodeLabelStore = (index: number, compute: () => NodeLabels) => NodeLabels;

/**
 * The order of the findings in `diagnoseManuscript`: the document rules before them (0), unknown keys (1),
 * cross-references (2), annotations (3), uncited claims (4), duplicate keys (5), malformed review marks (6),
 * review comments (7).
 */
const BEFORE = 0;
const DUPLICATES = 5;
const REVIEW_MARKS = 6;
const BLOCK_GROUPS = [1, 2, 3, 4, REVIEW_MARKS, 7] as const;

/**
 * The document-level inputs of `s`'s block findings. Labels and includes are read per top-level node
 * (kept for its text in `store`), so an edit scans its own blocks, not the whole text; with syntax errors
 * some text is in no node (set aside, syntax/nesting.ts), and the whole text is read.
 */
export function documentInputs(s: Snapshot, config: AnalysisConfig, labelsOf: NodeLabelStore): DocumentInputs {
  const m = s.manuscript;
  const labels = new Set<string>();
  let includes = false;
  if (m.syntaxErrors.length) {
    for (const l of crossReferenceLabels(m.text)) labels.add(l);
    includes = includesOtherFiles(m.text);
  } else
    for (let i = 0; i < m.tree.children.length; i++) {
      const node = m.tree.children[i]!;
      // Copied out: the labels are kept across versions, and a slice would keep this version's whole text.
      const found = labelsOf(i, () => {
        const { start, end } = blockSourceRange(m.text, node);
        const source = m.text.slice(start, end);
        return { labels: [...crossReferenceLabels(source)].map(detached), includes: includesOtherFiles(source) };
      });
      for (const l of found.labels) labels.add(l);
      includes ||= found.includes;
    }
  const vocabulary = (terms: readonly { readonly id: string }[]) => terms.map((t) => t.id).join('\u0000');
  return {
    path: s.path,
    entries: s.entries,
    sources: describeSources(s),
    nearby: s.nearby,
    manubot: s.project?.kind === 'manubot' ? [...manubotAliases(s)].map(([a, t]) => `${a}\u0000${t}`).join('\u0001') : (s.project?.kind ?? ''),
    crossReferences: crossReferencesChecked(s, includes),
    labels: [...labels].sort().join('\u0000'),
    vocabularies: `${vocabulary(m.frontMatter.categories)}\u0001${vocabulary(m.frontMatter.domains)}`,
    sensitivity: config.claimSensitivity ?? '',
    severity: JSON.stringify(config.severity),
  };
}

export function sameInputs(a: DocumentInputs, b: DocumentInputs): boolean {
  return (Object.keys(a) as (keyof DocumentInputs)[]).every((k) => a[k] === b[k]);
}

const RANKS: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * Findings as `placeByBlock` places them: each block's kept finding as it is kept, relative to its
 * block's start `bases[i]`, and the document's own findings with base -1 (already absolute).
 */
export interface PlacedFindings {
  readonly findings: readonly Finding[];
  readonly bases: readonly number[];
}

/** `f` where `placeByBlock` placed it: shifted by its block's start, or itself for a document-level finding. */
export function placedAt(f: Finding, base: number): Finding {
  return base < 0 ? f : { ...f, range: { start: f.range.start + base, end: f.range.end + base } };
}

/**
 * The manuscript's findings, at most `max`, as `mostSevere(diagnoseManuscript(s, config), max)` gives
 * them, each block's taken from `store` when kept under `inputs`, else computed and kept. Each block's
 * finding is placed as kept, relative to its block: the kept objects themselves, the same while their
 * block and the inputs are unchanged, so that the LSP adapter can keep what it derives from them and
 * shift only those it converts again (lsp/diagnostic-objects.ts). Shifting every finding at every
 * keystroke (an object spread each) took 0.1 ms at 100 KB, 0.3 ms at 1 MB (bench/publication.mjs).
 */
export function placeByBlock(
  s: Snapshot,
  config: AnalysisConfig,
  inputs: DocumentInputs,
  store: BlockFindingStore,
  max: number,
): PlacedFindings {
  const m = s.manuscript;
  const own = (fs: Finding[]) => applySeverity(fs.filter((f) => f.file === s.path), config);
  const before = own([...malformedInput(s), ...undecodableText(s), ...bibliographiesNotFound(s), ...repeatedBibliographies(s), ...styleNotFound(s)]);
  const duplicates = own(duplicateKeys(s));
  const labels = new Set(inputs.labels.split('\u0000'));
  let aliases: ReadonlyMap<string, string> | undefined;
  const aliasesOf = () => (aliases ??= s.project?.kind === 'manubot' ? manubotAliases(s) : new Map<string, string>());
  const blocks = m.blocks.map((b, i) => {
    let found = store.get(b.result);
    if (!found) store.set(b.result, (found = blockFindings(s, config, inputs, labels, aliasesOf(), b, m.partsOf(i))));
    return found;
  });

  let total = before.length + duplicates.length;
  for (const b of blocks) total += b.byStart.length;
  const out: Finding[] = [];
  const bases: number[] = [];
  const place = (f: Finding, base: number) => {
    out.push(f);
    bases.push(base);
  };

  if (total <= max) {
    for (const f of before) place(f, -1);
    BLOCK_GROUPS.forEach((g, group) => {
      if (g === REVIEW_MARKS) for (const d of duplicates) place(d, -1); // between uncited claims and review marks
      for (let i = 0; i < blocks.length; i++) {
        const base = m.blocks[i]!.start;
        for (const f of blocks[i]!.groups[group]!) place(f, base);
      }
    });
    return { findings: out, bases };
  }

  // The most severe first, in document order within a severity; ties at one start in the groups' order.
  const documentLevel = [...before.map((finding) => ({ finding, group: BEFORE })), ...duplicates.map((finding) => ({ finding, group: DUPLICATES }))];
  for (const severity of RANKS) {
    const doc = documentLevel.filter((d) => d.finding.severity === severity).sort((a, b) => a.finding.range.start - b.finding.range.start || a.group - b.group);
    let next = 0;
    const emit = (f: Finding, base: number) => out.length < max && place(f, base);
    for (let i = 0; i < blocks.length && out.length < max; i++) {
      const base = m.blocks[i]!.start;
      for (const { finding, group } of blocks[i]!.byStart) {
        if (finding.severity !== severity) continue;
        const start = finding.range.start + base;
        while (next < doc.length && (doc[next]!.finding.range.start < start || (doc[next]!.finding.range.start === start && doc[next]!.group < group)))
          emit(doc[next++]!.finding, -1);
        emit(finding, base);
      }
    }
    while (next < doc.length) emit(doc[next++]!.finding, -1);
    if (out.length >= max) break;
  }
  return { findings: out, bases };
}

/** One block's findings, computed afresh, relative to its start. */
function blockFindings(
  s: Snapshot,
  config: AnalysisConfig,
  inputs: DocumentInputs,
  labels: ReadonlySet<string>,
  aliases: ReadonlyMap<string, string>,
  block: ManuscriptBlock,
  { citations, annotations, sentences }: BlockParts,
): BlockFindings {
  const root: Root = { type: 'root', children: [block.node] };
  const raw = [
    unknownKeysIn(s, citations, inputs.sources, aliases),
    inputs.crossReferences ? unknownCrossReferencesIn(s, citations, () => labels) : [],
    annotationProblemsIn(s, annotations),
    uncitedClaimsIn(s, sentences, config),
    reviewMarkProblems(s, root),
    reviewComments(s, root),
  ];
  const base = block.start;
  const groups = raw.map((fs) =>
    applySeverity(fs.filter((f) => f.file === s.path), config).map((f) => ({ ...f, range: { start: f.range.start - base, end: f.range.end - base } })),
  );
  const byStart = groups
    .flatMap((fs, i) => fs.map((finding) => ({ finding, group: BLOCK_GROUPS[i]! })))
    .sort((a, b) => a.finding.range.start - b.finding.range.start); // stable: ties keep the groups' order
  return { groups, byStart };
}
