/**
 * The manuscript model: what the document says, independent of any editor. Built once per text
 * version from the mdast tree; analyses read it and never walk the tree again.
 */
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { parseInSlices } from '../syntax/sliced.js';
import { reparseMarkdown } from '../syntax/incremental.js';
import type { BracketedSpan, Citation, CitationItem } from '../syntax/types.js';
import { LineIndex } from '../text/line-index.js';
import { freshLineage, splicedLineage, type BlockLineage } from './block-lineage.js';
import type { OffsetRange } from '../text/range.js';
import type { ClaimVerdict } from './claims.js';
import { crossReferenceOf, type CustomCrossReferenceKinds } from '../syntax/cross-reference.js';
import { blankFenceLines, isAttributes, isNonProse } from './non-prose.js';
import { fancyListMarker } from '../syntax/fancy-list.js';
import { cueFunction, type CueFunction, type ParagraphContainer, type ParagraphSentence } from './claims/features.js';
import { judgeParagraph, type ClaimJudgement } from './claims/judge.js';
import type { ClaimModel } from './claims/model.js';
import { bundledClaimModel } from './claims/bundled.js';
import { emptyFrontMatter, readFrontMatter, type FrontMatter } from './front-matter.js';
import { project, toSource, type Projection } from './projection.js';
import { splitSentences, type SentenceRange } from './sentences.js';
import {
  definitionScope,
  footnotesAgree,
  nodeAt,
  nodePaths,
  PHRASING_PARENTS,
  type BlockResult,
  type BlockResults,
  type BlockSentence,
  type NodePath,
} from './block-results.js';

export interface Section {
  readonly title: string;
  readonly depth: number;
  /** Range of the heading line. */
  readonly headingRange: OffsetRange;
  /** From the heading to the next heading of the same or a higher level. */
  readonly range: OffsetRange;
  readonly children: Section[];
}

export interface CitationOccurrence {
  readonly item: CitationItem;
  readonly group: Citation;
  readonly groupRange: OffsetRange;
  /** Inside a `{.editorial}` span: added by the editors, not the authors. */
  readonly editorial: boolean;
  readonly section?: Section;
  /** Inside a footnote definition rather than the body text. */
  readonly inFootnote: boolean;
}

export interface Annotation {
  readonly node: BracketedSpan;
  readonly range: OffsetRange;
  readonly contentRange: OffsetRange;
  readonly classes: readonly string[];
  readonly attributes: ReadonlyMap<string, string>;
  /** The span's content as plain text. */
  readonly text: string;
  readonly section?: Section;
}

export interface ConsequenceMention {
  readonly key: string;
  readonly category: string;
  readonly domain?: string;
  readonly text: string;
  readonly annotation: Annotation;
}

export type ClaimOverride = 'claim' | 'no-claim';

export interface Sentence {
  readonly range: OffsetRange;
  /** Plain text, citations as U+FFFC. */
  readonly text: string;
  readonly section?: Section;
  readonly citations: CitationOccurrence[];
  /** True when the sentence or a footnote it references contains a citation. */
  readonly cited: boolean;
  /** The model's verdict at the default sensitivity (`claim`: score >= the `precise` threshold). */
  readonly verdict: ClaimVerdict;
  /** The model's calibrated score and the evidence behind it. */
  readonly judgement: ClaimJudgement;
  readonly override?: { readonly kind: ClaimOverride; readonly annotation: Annotation };
  /**
   * A claim: what `{.claim}` / `{.no-claim}` say, else any sentence its authors cited (they judged it
   * needs a source: the model's own training label), else the model's verdict.
   */
  readonly isClaim: boolean;
}

export interface Manuscript extends BlockLineage {
  readonly text: string;
  readonly lines: LineIndex;
  readonly tree: Root;
  readonly syntaxErrors: { readonly message: string; readonly range: OffsetRange }[];
  readonly frontMatter: FrontMatter;
  readonly hasFrontMatter: boolean;
  /** Top-level sections (nested by heading depth). */
  readonly sections: Section[];
  readonly citations: CitationOccurrence[];
  readonly annotations: Annotation[];
  readonly consequences: ConsequenceMention[];
  readonly sentences: Sentence[];
  /** Quarto's custom cross-reference kinds: the project's, then the front matter's over them. */
  readonly crossReferenceKinds: CustomCrossReferenceKinds;
  /** The top-level blocks that hold text, in order, each with its share of the lists above. */
  readonly blocks: readonly ManuscriptBlock[];
  /**
   * The share of `blocks[index]` in the lists above: the same objects as theirs. Reading it binds that
   * block alone, where reading `citations` or `sentences` binds every block (see `buildManuscript`).
   */
  partsOf(index: number): BlockParts;
  /** The cited keys of `citations`, in their order, read without binding them. */
  citationKeys(): readonly string[];
}

/** A block's citations, annotations and sentences in the manuscript's lists. */
export interface BlockParts {
  readonly citations: readonly CitationOccurrence[];
  readonly annotations: readonly Annotation[];
  readonly sentences: readonly Sentence[];
}

/**
 * A top-level block's share of the model. Its `result` is the same object in every version in which the
 * block's inputs are unchanged (block-results.ts), so what is derived from one block alone can be kept
 * by it, with positions relative to `start`. Its citations, annotations and sentences in the
 * manuscript's lists are `Manuscript.partsOf` its index.
 */
export interface ManuscriptBlock {
  readonly node: RootContent;
  readonly start: number;
  readonly result: BlockResult;
}

/** A block's empty share of a list, one array for all. */
const NONE: readonly never[] = Object.freeze([]);

const NON_PROSE_SECTION = /^(?:\d+[\s.\-–)]*)?(references|bibliography|works cited|literature( cited)?|sources|notes)\s*$/i;


/** The text-only stage: syntax tree and front matter (which names the bibliographies). */
export interface ParsedText extends BlockLineage {
  readonly text: string;
  readonly tree: Root;
  readonly lines: LineIndex;
  readonly syntaxErrors: { readonly message: string; readonly range: OffsetRange }[];
  readonly frontMatter: FrontMatter;
  readonly hasFrontMatter: boolean;
}

/** What the analysis of a manuscript may know beyond its text. */
export interface ManuscriptContext {
  /** Lower-case family names of the bibliography's first authors, for the attribution rule. */
  readonly knownAuthors?: ReadonlySet<string>;
  /** The claim rules' cues for these `knownAuthors`; computed afresh when absent. */
  readonly claimCues?: CueFunction;
  /** The citation-worthiness model; the bundled one when absent. */
  readonly claimModel?: ClaimModel;
  /**
   * Judges a paragraph with `claimModel` and `claimCues`; the host passes one memoised by its inputs
   * (workspace/claim-cues.ts), so that an edit re-judges only the paragraph it touched.
   */
  readonly judgeClaims?: (
    sentences: readonly ParagraphSentence[],
    headings: readonly string[],
    container?: ParagraphContainer,
  ) => ClaimJudgement[];
  /** Splits a paragraph's plain text into sentences; the host passes one memoised by the text. */
  readonly splitSentences?: (text: string) => readonly SentenceRange[];
  /**
   * The document's per-block results from its previous version (block-results.ts); the host passes
   * one per document and claim judge, so that an edit analyses only the blocks it changed.
   */
  readonly blockResults?: BlockResults;
  /**
   * Only what the outline reads (sections, annotations, consequences): no citations or sentences are
   * bound, blocks analysed afresh are not split into sentences nor judged, and their results are not
   * kept (they lack what a full build needs).
   */
  readonly outlineOnly?: boolean;
  /** The project's Quarto custom cross-reference kinds (`_quarto.yml`); the front matter's add to them. */
  readonly crossReferenceKinds?: CustomCrossReferenceKinds;
}

export function parseManuscript(text: string): ParsedText {
  // In slices of blocks: the parser's events for a whole book would be most of the server's peak memory.
  const { tree, errors } = parseInSlices(text);
  return withFrontMatter(text, tree, errors, freshLineage(tree.children.length));
}

/**
 * `previous` edited into `text`: only the blocks the edit touches are parsed again when that is sound
 * (syntax/incremental.ts). The front matter is read again only when its block is not the same.
 */
export function reparseManuscript(previous: ParsedText, text: string): { parsed: ParsedText; incremental: boolean } {
  const r = reparseMarkdown({ text: previous.text, tree: previous.tree, errors: previous.syntaxErrors }, text);
  const lines = LineIndex.afterEdit(previous.lines, text, r.edit);
  const lineage = r.carried ? splicedLineage(previous, r.carried) : freshLineage(r.tree.children.length);
  const sameFrontMatter = r.tree.children[0] !== undefined && r.tree.children[0] === previous.tree.children[0] && r.tree.children[0].type === 'yaml';
  const parsed: ParsedText = sameFrontMatter
    ? { text, tree: r.tree, lines, syntaxErrors: r.errors, frontMatter: previous.frontMatter, hasFrontMatter: true, ...lineage }
    : withFrontMatter(text, r.tree, r.errors, lineage, lines);
  return { parsed, incremental: r.incremental };
}

function withFrontMatter(
  text: string,
  tree: Root,
  errors: readonly { readonly message: string; readonly range: OffsetRange }[],
  lineage: BlockLineage,
  lines = new LineIndex(text),
): ParsedText {
  let frontMatter = emptyFrontMatter();
  let hasFrontMatter = false;
  const first = tree.children[0];
  if (first && first.type === 'yaml' && first.position) {
    hasFrontMatter = true;
    frontMatter = readFrontMatter(first.value, offsets(first), text);
  }
  return { text, tree, lines, syntaxErrors: [...errors], frontMatter, hasFrontMatter, ...lineage };
}

export function buildManuscript(input: string | ParsedText, context: ManuscriptContext = {}): Manuscript {
  const parsed = typeof input === 'string' ? parseManuscript(input) : input;
  const { text, tree, lines, syntaxErrors, frontMatter, hasFrontMatter, blockIds, replaced } = parsed;
  const knownAuthors = context.knownAuthors?.size ? context.knownAuthors : undefined;
  const claimCues = context.claimCues ?? cueFunction(knownAuthors);
  const claimModel = context.claimModel ?? bundledClaimModel();
  const judgeClaims =
    context.judgeClaims ??
    ((ss: readonly ParagraphSentence[], hs: readonly string[], container?: ParagraphContainer) =>
      judgeParagraph(claimModel, ss, hs, claimCues, knownAuthors, container));

  const crossReferenceKinds = mergedKinds(context.crossReferenceKinds, frontMatter.crossReferenceKinds);
  const sections = buildSections(tree, text.length);
  const sectionAt = sectionFinder(sections);
  const env: BlockEnv = {
    text,
    sectionAt,
    headingsAt: headingPathFinder(sections),
    // Footnote definitions first, so body sentences know whether a footnote they reference cites.
    footnotesWithCitations: citingFootnotes(tree, crossReferenceKinds),
    crossReferenceKinds,
    judgeClaims,
    claimModel,
    split: context.splitSentences ?? splitSentences,
    outlineOnly: context.outlineOnly === true,
  };

  // Each top-level block's result, kept from the last version when its key and footnotes agree
  // (block-results.ts), bound to this tree and these sections.
  // A block set aside (syntax/nesting.ts) is blanked for the parser depending on text before it, so
  // the same block text may parse otherwise: with one, every block is analysed afresh.
  // Which keys are cross-references decides which sentences cite: the custom kinds scope the results too.
  const kindsScope = crossReferenceKinds.size ? '\u0001' + [...crossReferenceKinds].map(([k, name]) => `${k}=${name}`).sort().join('\u0002') : '';
  const store = syntaxErrors.length ? undefined : context.blockResults?.begin(definitionScope(tree) + kindsScope, parsed);
  const around = sectionWalker(sections);
  // Annotations are bound at once (few; the outline and the consequences read them); citations and
  // sentences when first read: per block (`partsOf`, what the findings of a block analysed afresh read)
  // or all of them (`citations`, `sentences`). At 1 MB, binding every kept block's sentences at every
  // keystroke made 2.8 MB of objects that outlived the young generation (docs/performance.md).
  const annotations: Annotation[] = [];
  const blocks: ManuscriptBlock[] = [];
  // What binding block i's parts later needs besides the block: its sections and its annotations.
  const sectionOfs: ((offset: number) => Section | undefined)[] = [];
  const annotationsOf: (readonly Annotation[])[] = [];
  const share = (node: RootContent, start: number, result: BlockResult, sectionOf: (offset: number) => Section | undefined) => {
    const first = annotations.length;
    if (!bindAnnotations(result, node, sectionOf, annotations)) return false;
    blocks.push({ node, start, result });
    sectionOfs.push(sectionOf);
    annotationsOf.push(first === annotations.length ? NONE : annotations.slice(first));
    return true;
  };
  // Where each footnote is first referenced (the start of the block its reference is in), and that
  // section's key: a note read after its reference is judged in that section (analyseBlock).
  const noteAnchors = new Map<string, { readonly offset: number; readonly key: string }>();
  for (let index = 0; index < tree.children.length; index++) {
    const block = tree.children[index]!;
    if (!('children' in block)) continue; // front matter, code, HTML, definitions, breaks: nothing to say
    const start = offsets(block).start;
    const outer = around(start);
    const anchor = block.type === 'footnoteDefinition' ? noteAnchors.get(block.identifier) : undefined;
    const key = anchor ? `${outer.key}\u0003${anchor.key}` : outer.key;
    const sectionOf = (r: BlockResult) => (anchor ? () => sectionAt(anchor.offset) : r.hasHeading ? sectionAt : () => outer.section);
    const kept = store?.get(index, key);
    // A kept result that does not fit this block's tree is analysed again rather than trusted: of
    // another kind of block, or naming nodes the block lacks. The key should determine the tree, but a
    // parser that reads the same text otherwise in another document breaks that (seen once: see
    // syntax/parse.ts's unclosed front matter, a list in one version and paragraphs in the next).
    if (
      kept &&
      kept.type === block.type &&
      footnotesAgree(kept, env.footnotesWithCitations) &&
      // A result kept for this very block fits it (the check costs about 1.7 ms a keystroke at 1 MB).
      (env.outlineOnly || store!.sameBlock(index, kept) || citationsFit(kept, block)) &&
      share(block, start, kept, sectionOf(kept))
    ) {
      anchorNotes(noteAnchors, kept, start, outer.key);
      continue;
    }
    const result = analyseBlock(block, env, anchor?.offset);
    if (!env.outlineOnly) store?.set(index, key, result);
    if (!(env.outlineOnly || citationsFit(result, block)) || !share(block, start, result, sectionOf(result)))
      throw new Error('a block analysed afresh does not fit its own tree');
    anchorNotes(noteAnchors, result, start, outer.key);
  }
  const parts: (BlockParts | undefined)[] = new Array(blocks.length);
  const partsOf = (index: number): BlockParts => {
    const b = blocks[index];
    if (!b) throw new RangeError(`no block ${index} in this manuscript`);
    const own = annotationsOf[index]!;
    return (parts[index] ??= env.outlineOnly ? { citations: NONE, annotations: own, sentences: NONE } : bindParts(b.result, b.node, b.start, sectionOfs[index]!, own));
  };
  let lists: { citations: CitationOccurrence[]; sentences: Sentence[] } | undefined;
  const allParts = () => {
    if (lists) return lists;
    const citations: CitationOccurrence[] = [];
    const sentences: Sentence[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const p = partsOf(i);
      for (const c of p.citations) citations.push(c);
      for (const x of p.sentences) sentences.push(x);
    }
    return (lists = { citations, sentences });
  };

  const consequences: ConsequenceMention[] = [];
  for (const a of annotations) {
    if (!a.classes.includes('consequence')) continue;
    const key = a.attributes.get('key');
    const category = a.attributes.get('category');
    if (!key || !category) continue; // reported by the annotation diagnostics
    const domain = a.attributes.get('domain');
    consequences.push({ key, category, text: a.text, annotation: a, ...(domain ? { domain } : {}) });
  }

  return {
    text, lines, tree, syntaxErrors, frontMatter, hasFrontMatter, blockIds, ...(replaced ? { replaced } : {}),
    sections,
    get citations() {
      return allParts().citations;
    },
    annotations,
    consequences,
    get sentences() {
      return allParts().sentences;
    },
    crossReferenceKinds,
    blocks,
    partsOf,
    citationKeys: () => (env.outlineOnly ? [] : blocks.flatMap((b) => b.result.citations.map((c) => c.key))),
  };
}

/** Anchors at the block starting at `offset`, in the section keyed `key`, the notes its sentences reference that no earlier block did. */
function anchorNotes(anchors: Map<string, { readonly offset: number; readonly key: string }>, r: BlockResult, offset: number, key: string): void {
  for (const [id] of r.footnotes) if (!anchors.has(id)) anchors.set(id, { offset, key });
}

/** The project's custom kinds with the document's over them (the same map when only one has any). */
function mergedKinds(project: CustomCrossReferenceKinds | undefined, own: CustomCrossReferenceKinds): CustomCrossReferenceKinds {
  if (!project?.size) return own;
  if (!own.size) return project;
  return new Map([...project, ...own]);
}

/** What analysing a block reads besides the block. */
interface BlockEnv {
  readonly text: string;
  readonly sectionAt: (offset: number) => Section | undefined;
  readonly headingsAt: (offset: number) => string[];
  readonly footnotesWithCitations: ReadonlySet<string>;
  readonly crossReferenceKinds: CustomCrossReferenceKinds;
  readonly judgeClaims: NonNullable<ManuscriptContext['judgeClaims']>;
  readonly claimModel: ClaimModel;
  readonly split: (text: string) => readonly SentenceRange[];
  readonly outlineOnly: boolean;
}

/** Identifiers of the footnote definitions that contain a citation (definitions sit in containers only). */
function citingFootnotes(tree: Root, kinds: CustomCrossReferenceKinds): Set<string> {
  const found = new Set<string>();
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') {
      let cites = false;
      for (const child of node.children as Nodes[])
        visitAll(child, (n) => {
          if (n.type === 'citation' && n.position && n.items.some((i) => !crossReferenceOf(i.key, kinds))) cites = true;
        }, { editorial: false });
      if (cites) found.add(node.identifier);
      return false;
    }
    return !PHRASING_PARENTS.has(node.type);
  });
  return found;
}

/**
 * A block's contribution analysed afresh, as a result relative to the block (block-results.ts).
 * `noteAnchor`: for a footnote definition, where the note is first referenced; its sentences read as part
 * of that section (Pandoc places a note where it is referenced), not of the one it is written in.
 */
function analyseBlock(block: RootContent, env: BlockEnv, noteAnchor?: number): BlockResult {
  const { text, sectionAt, headingsAt, footnotesWithCitations, judgeClaims, claimModel } = env;
  const base = offsets(block).start;
  type Occurrence = { group: Citation; item: number; editorial: boolean; inFootnote: boolean };
  type Span = { node: BracketedSpan; classes: string[]; attributes: Map<string, string>; text: string };
  type Said = Omit<BlockSentence, 'citations' | 'override'> & { citations: Occurrence[]; override?: { kind: ClaimOverride; annotation: Span } };
  const citations: Occurrence[] = [];
  const annotations: Span[] = [];
  const sentences: Said[] = [];
  const footnotes = new Map<string, boolean>();
  let hasHeading = false;

  function collectInline(nodes: readonly Nodes[], inFootnote: boolean): void {
    for (const node of nodes)
      visitAll(
        node,
        (n, ctx) => {
          if (n.type === 'citation' && n.position) n.items.forEach((_, item) => citations.push({ group: n, item, editorial: ctx.editorial, inFootnote }));
        },
        { editorial: false },
      );
  }

  // A footnote's paragraphs are prose like any other (the claims model was trained on notes' sentences
  // too, in the 'note' container); a body sentence that references a note citing a source cites too.
  visit(block, (node, inFootnote, container) => {
    if (node.type === 'yaml' || node.type === 'code' || node.type === 'html') return false;
    if (node.type === 'heading') {
      hasHeading = true;
      collectInline(node.children as Nodes[], inFootnote);
      return false;
    }
    if (node.type === 'table') {
      collectInline(node.children as Nodes[], inFootnote);
      return false;
    }
    if (node.type !== 'paragraph') return true;
    analyseParagraph(node, container, inFootnote);
    return false;
  });

  function analyseParagraph(node: Paragraph, container: ParagraphContainer | undefined, inFootnote: boolean): void {
    const range = offsets(node);
    const firstCitation = citations.length;
    collectInline(node.children as Nodes[], inFootnote);
    const paragraphCitations = citations.slice(firstCitation);
    const p = project(node.children as PhrasingContent[], text, range.end, range.start);
    const paragraphAnnotations = p.spans.map((s) => toSpan(s.node, p.text.slice(s.plain.start, s.plain.end)));
    annotations.push(...paragraphAnnotations);
    // Read in every build, the outline's too: they also say where each note is anchored (buildManuscript).
    for (const f of p.footnoteRefs) footnotes.set(f.identifier, footnotesWithCitations.has(f.identifier));

    if (env.outlineOnly) return;
    const at = inFootnote && noteAnchor !== undefined ? noteAnchor : range.start;
    const section = sectionAt(at);
    if (isFenceOnly(text.slice(range.start, range.end))) return;
    if (section && NON_PROSE_SECTION.test(section.title)) return;

    const byGroup = new Map<Citation, Occurrence[]>();
    for (const c of paragraphCitations) {
      let group = byGroup.get(c.group);
      if (!group) byGroup.set(c.group, (group = []));
      group.push(c);
    }

    // A div's fence lines in the paragraph (`::: {#fig-a}` right above its content) are no prose.
    const prose = blankFenceLines(p.text);
    const split = env.split(prose).filter((plain) => !isNonProse(prose.slice(plain.start, plain.end))).map((plain) => {
      // The projection lists citations and note calls in text order: a sentence's are found by a search,
      // not a filter per sentence (a 0.9 MB paragraph of 30,000 cited sentences spent 2.5 s in filters).
      const inSentence = p.citations.slice(firstAt(p.citations, plain.start), firstAt(p.citations, plain.end));
      const sentenceCitations = inSentence.flatMap((c) => byGroup.get(c.node) ?? []);
      // A cross-reference (`@fig-map`) points to a figure, not to a source: it does not cite.
      const sources = sentenceCitations.filter((c) => !crossReferenceOf(c.group.items[c.item]!.key, env.crossReferenceKinds));
      const footnoteCited = p.footnoteRefs
        .slice(firstAt(p.footnoteRefs, plain.start), firstAt(p.footnoteRefs, plain.end + 1))
        .some((f) => footnotesWithCitations.has(f.identifier));
      const text = prose.slice(plain.start, plain.end);
      return {
        plain,
        text,
        judged: withCrossReferencesRead(text, plain.start, inSentence, env.crossReferenceKinds),
        citations: sentenceCitations,
        cited: sources.length > 0 || footnoteCited,
        authorsCited: sources.some((c) => !c.editorial) || footnoteCited,
      };
    });
    // The model reads the authors' citing habits around a sentence ("the paragraph cites"): citations an
    // edition added ({.editorial}) are not the authors', so they do not count as context.
    // Pandoc reads a paragraph that starts "a." or "(iv)" as a list; remark does not (syntax/fancy-list.ts).
    const lineEnd = text.indexOf('\n', range.start);
    const firstLine = text.slice(range.start, lineEnd < 0 || lineEnd > range.end ? range.end : lineEnd);
    const judgements = judgeClaims(
      split.map((x) => ({ text: x.judged, cited: x.authorsCited })),
      headingsAt(at),
      container ?? (fancyListMarker(firstLine) ? 'list' : undefined),
    );
    split.forEach((x, i) => {
      const judgement = judgements[i]!;
      const override = findOverride(p, x.plain, paragraphAnnotations);
      const verdict = verdictOf(claimModel, judgement);
      const source = toSource(p, x.plain);
      sentences.push({
        start: source.start - base,
        end: source.end - base,
        paragraph: range.start - base,
        text: x.text,
        citations: x.citations,
        cited: x.cited,
        verdict,
        judgement,
        ...(override ? { override } : {}),
        isClaim: override ? override.kind === 'claim' : x.cited || verdict.claim,
      });
    });
  }

  function toSpan(node: BracketedSpan, plainText: string): Span {
    return {
      node,
      classes: node.attributes.classes.map((c) => c.value),
      attributes: new Map(node.attributes.pairs.map((p) => [p.key, p.value])),
      text: plainText.replace(/\s+/g, ' ').trim(),
    };
  }

  // In the manuscript's orders (sorts are stable, as the whole document's were).
  citations.sort((a, b) => a.group.items[a.item]!.keyRange.start - b.group.items[b.item]!.keyRange.start);
  annotations.sort((a, b) => offsets(a.node).start - offsets(b.node).start);
  const paths = citations.length || annotations.length ? nodePaths(block) : new Map<Nodes, NodePath>();
  const citationIndex = new Map(citations.map((c, i) => [c, i]));
  const annotationIndex = new Map(annotations.map((a, i) => [a, i]));
  return {
    type: block.type,
    citations: citations.map((c) => ({ path: paths.get(c.group)!, item: c.item, key: c.group.items[c.item]!.key, editorial: c.editorial, inFootnote: c.inFootnote })),
    annotations: annotations.map((a) => ({ path: paths.get(a.node)!, classes: a.classes, attributes: a.attributes, text: a.text })),
    // Built property by property: objects made by rest and spread are slow to read in `bindBlock`.
    sentences: sentences.map((x) => {
      const sentence: Writable<BlockSentence> = {
        start: x.start,
        end: x.end,
        paragraph: x.paragraph,
        text: x.text,
        citations: x.citations.map((c) => citationIndex.get(c)!),
        cited: x.cited,
        verdict: x.verdict,
        judgement: x.judgement,
        isClaim: x.isClaim,
      };
      if (x.override) sentence.override = { kind: x.override.kind, annotation: annotationIndex.get(x.override.annotation)! };
      return sentence;
    }),
    footnotes: [...footnotes],
    hasHeading,
  };
}

/** Whether every citation a result names is where it says in this block's tree. */
function citationsFit(r: BlockResult, block: RootContent): boolean {
  for (const c of r.citations) {
    const group = nodeAt(block, c.path);
    if (group?.type !== 'citation' || !group.items[c.item]) return false;
  }
  return true;
}

/**
 * A block's annotations in this tree (absolute positions, this tree's nodes, this version's sections),
 * pushed to `out`; false, adding nothing, when a span is not where the result says.
 */
function bindAnnotations(r: BlockResult, block: RootContent, sectionOf: (offset: number) => Section | undefined, out: Annotation[]): boolean {
  const spans: BracketedSpan[] = [];
  for (const a of r.annotations) {
    const node = nodeAt(block, a.path);
    if (node?.type !== 'bracketedSpan') return false;
    spans.push(node);
  }
  // Objects built whole, optional fields set after (spreading them in took most of the time at 1 MB).
  r.annotations.forEach((a, i) => {
    const node = spans[i]!;
    const range = offsets(node);
    const annotation: Writable<Annotation> = { node, range, contentRange: node.contentRange, classes: a.classes, attributes: a.attributes, text: a.text };
    const section = sectionOf(range.start);
    if (section) annotation.section = section;
    out.push(annotation);
  });
  return true;
}

/** A block's citations and sentences in this tree; its `annotations` already bound, which sentences' overrides name. */
function bindParts(
  r: BlockResult,
  block: RootContent,
  base: number,
  sectionOf: (offset: number) => Section | undefined,
  annotations: readonly Annotation[],
): BlockParts {
  const citations: CitationOccurrence[] = [];
  for (const c of r.citations) {
    // Checked to fit when the block was shared (`citationsFit`).
    const group = nodeAt(block, c.path) as Citation;
    const groupRange = offsets(group);
    const occurrence: Writable<CitationOccurrence> = { item: group.items[c.item]!, group, groupRange, editorial: c.editorial, inFootnote: c.inFootnote };
    const section = sectionOf(groupRange.start);
    if (section) occurrence.section = section;
    citations.push(occurrence);
  }
  const sentences: Sentence[] = [];
  for (const s of r.sentences) {
    const sentence: Writable<Sentence> = {
      range: { start: base + s.start, end: base + s.end },
      text: s.text,
      citations: s.citations.map((i) => citations[i]!),
      cited: s.cited,
      verdict: s.verdict,
      judgement: s.judgement,
      isClaim: s.isClaim,
    };
    const section = sectionOf(base + s.paragraph);
    if (section) sentence.section = section;
    if (s.override) sentence.override = { kind: s.override.kind, annotation: annotations[s.override.annotation]! };
    sentences.push(sentence);
  }
  return { citations, annotations, sentences };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The index of the first of `sorted` (in increasing `at`) at or after `offset`. */
function firstAt(sorted: readonly { readonly at: number }[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.at < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For block starts in increasing order: the sections open before the block (as a key: depths and
 * titles) and the innermost of them, without a search per block.
 */
function sectionWalker(roots: readonly Section[]): (offset: number) => { key: string; section: Section | undefined } {
  const headings = allSections(roots);
  const open: Section[] = [];
  let next = 0;
  let current = { key: '', section: undefined as Section | undefined };
  return (offset) => {
    if (next < headings.length && headings[next]!.headingRange.start < offset) {
      while (next < headings.length && headings[next]!.headingRange.start < offset) {
        const h = headings[next++]!;
        while (open.length && open.at(-1)!.depth >= h.depth) open.pop();
        open.push(h);
      }
      current = { key: open.map((s) => `${s.depth} ${s.title}`).join('\u0001'), section: open.at(-1) };
    }
    return current;
  };
}

/** A `.claim` / `.no-claim` span overlapping the sentence decides; the innermost (smallest) wins. */
function findOverride<A extends { readonly classes: readonly string[] }>(
  p: Projection,
  plain: OffsetRange,
  annotations: readonly A[],
): { kind: ClaimOverride; annotation: A } | undefined {
  let found: { kind: ClaimOverride; annotation: A } | undefined;
  let size = Infinity;
  p.spans.forEach((span, i) => {
    if (span.plain.start >= plain.end || span.plain.end <= plain.start) return;
    const a = annotations[i]!;
    const kind = a.classes.includes('no-claim') ? 'no-claim' : a.classes.includes('claim') ? 'claim' : undefined;
    const length = span.plain.end - span.plain.start;
    if (kind && length < size) {
      found = { kind, annotation: a };
      size = length;
    }
  });
  return found;
}

function isFenceOnly(source: string): boolean {
  // Pandoc fenced divs (`::: {#refs}` ... `:::`) are not Markdown to remark: they arrive as paragraphs.
  // A paragraph's first line is not blank: most are decided by it, without splitting the paragraph.
  if (!/^\s*:{3}/.test(source)) return false;
  return source.split(/\r?\n/).every((line) => /^\s*:{3,}/.test(line) || line.trim() === '');
}

/**
 * The sentence as the claims model reads it: a cross-reference reads as Pandoc-crossref prints it
 * ("fig. 1", "tbl. 1"; the number does not matter to the model), as in the corpus it was trained on,
 * not as U+FFFC, which the model ignores as a citation: "as fig. 2 shows" is evidence of the authors' own
 * result. A group that also cites a source stays U+FFFC.
 */
function withCrossReferencesRead(text: string, start: number, citations: readonly { node: Citation; at: number }[], kinds: CustomCrossReferenceKinds): string {
  let out = text;
  for (let i = citations.length - 1; i >= 0; i--) {
    const { node, at } = citations[i]!;
    if (!node.items.length || !node.items.every((item) => crossReferenceOf(item.key, kinds))) continue;
    const read = node.items.map((item) => `${item.key.slice(0, item.key.search(/[-:]/))}. 1`).join('; ');
    out = out.slice(0, at - start) + read + out.slice(at - start + 1);
  }
  return out;
}

function offsets(node: Nodes): OffsetRange {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/**
 * Pre-order walk; the callback returns false to skip a node's children. Iterative, like every walk of
 * the tree: nesting is bounded by syntax/nesting.ts, but emphasis and links are not, and a recursive
 * walk of a deep tree overflowed the stack.
 */
function visit(root: Nodes, enter: (node: Nodes, inFootnote: boolean, container: ParagraphContainer | undefined) => boolean): void {
  const stack: [Nodes, boolean, ParagraphContainer | undefined][] = [[root, false, undefined]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, inFootnote, container] = top;
    if (!enter(node, inFootnote, container) || !('children' in node)) continue;
    const inner = inFootnote || node.type === 'footnoteDefinition';
    const within = containerOf(node) ?? container;
    const children = node.children as Nodes[];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, inner, within]);
  }
}

/** The container a node opens for the paragraphs inside it, as the claims model knows them. */
function containerOf(node: Nodes): ParagraphContainer | undefined {
  switch (node.type) {
    case 'list':
      return 'list';
    case 'blockquote':
      return 'quote';
    case 'footnoteDefinition':
      return 'note';
    default:
      return undefined;
  }
}

interface InlineContext {
  readonly editorial: boolean;
}

function visitAll(root: Nodes, enter: (node: Nodes, ctx: InlineContext) => void, ctx: InlineContext): void {
  const stack: [Nodes, InlineContext][] = [[root, ctx]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, context] = top;
    enter(node, context);
    // An image's caption may cite (see ImageData in syntax/types.ts).
    if (node.type === 'image' && node.data?.caption) {
      for (let i = node.data.caption.length - 1; i >= 0; i--) stack.push([node.data.caption[i]!, context]);
      continue;
    }
    if (!('children' in node)) continue;
    const inner =
      node.type === 'bracketedSpan' && node.attributes.classes.some((c) => c.value === 'editorial')
        ? { editorial: true }
        : context;
    const children = node.children as Nodes[];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, inner]);
  }
}

function buildSections(tree: Root, textLength: number): Section[] {
  const roots: Section[] = [];
  const stack: { section: Section & { range: { start: number; end: number } } }[] = [];
  const headings: { depth: number; title: string; range: OffsetRange }[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading') {
      headings.push({ depth: node.depth, title: withoutAttributes(plainText(node)), range: offsets(node) });
      return false;
    }
    return !PHRASING_PARENTS.has(node.type);
  });
  for (const h of headings) {
    while (stack.length && stack.at(-1)!.section.depth >= h.depth) {
      stack.pop()!.section.range.end = h.range.start;
    }
    const section = { title: h.title, depth: h.depth, headingRange: h.range, range: { start: h.range.start, end: textLength }, children: [] };
    if (stack.length) stack.at(-1)!.section.children.push(section);
    else roots.push(section);
    stack.push({ section });
  }
  return roots;
}

/**
 * A heading's title without Pandoc's trailing attributes (`# Introduction {.hide}`, `## Results
 * {#sec-results .unnumbered}`, `# References {-}`), which remark leaves in the text: the title Pandoc
 * shows, and the one the section's kind and the non-prose sections (references, notes) are read from.
 */
export function withoutAttributes(title: string): string {
  const trimmed = title.trimEnd();
  if (!trimmed.endsWith('}')) return title;
  const open = trimmed.lastIndexOf('{');
  if (open < 0) return title;
  // Only attributes: otherwise the braces are the title's own.
  if (!isAttributes(trimmed.slice(open + 1, -1))) return title;
  return trimmed.slice(0, open).trimEnd();
}

function sectionFinder(roots: readonly Section[]): (offset: number) => Section | undefined {
  return (offset) => {
    let found: Section | undefined;
    let level: readonly Section[] = roots;
    for (;;) {
      const next = level.find((s) => offset >= s.range.start && offset < s.range.end);
      if (!next) return found;
      found = next;
      level = next.children;
    }
  };
}

/** The titles of the headings enclosing an offset, outermost first. */
function headingPathFinder(roots: readonly Section[]): (offset: number) => string[] {
  return (offset) => {
    const path: string[] = [];
    let level: readonly Section[] = roots;
    for (;;) {
      const next = level.find((s) => offset >= s.range.start && offset < s.range.end);
      if (!next) return path;
      path.push(next.title);
      level = next.children;
    }
  };
}

/** The judgement as a verdict at the default sensitivity, its reason naming the strongest evidence. */
function verdictOf(model: ClaimModel, j: ClaimJudgement): ClaimVerdict {
  const claim = model.isClaim(j.score);
  const evidence = j.evidence.length ? j.evidence.join('; ') : 'no evidence either way';
  const reason = `${evidence} (score ${j.score.toFixed(2)})`;
  return j.named.length ? { claim, rule: j.rule, reason, named: [...j.named] } : { claim, rule: j.rule, reason };
}

function plainText(root: Nodes): string {
  let out = '';
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('value' in node && typeof node.value === 'string' && node.type !== 'yaml') out += node.value;
    else if (node.type === 'citation') out += node.items.map((i) => '@' + i.key).join('; ');
    else if (node.type === 'criticMark' && (node.kind === 'deletion' || node.kind === 'comment')) continue;
    else if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return out;
}

export function allSections(roots: readonly Section[]): Section[] {
  // Pushed into one array: a flatMap with spreads allocated one array per section at every keystroke.
  const out: Section[] = [];
  const walk = (sections: readonly Section[]): void => {
    for (const s of sections) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(roots);
  return out;
}

/**
 * Indices in `m.blocks` of the blocks whose source meets `range` (ends included), in order: what a
 * query about a place in the text reads, binding only those blocks' parts (`partsOf`).
 */
export function blocksMeeting(m: Manuscript, range: OffsetRange): number[] {
  const { blocks } = m;
  // The first block that does not end before the range (blocks are in order and do not overlap).
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets(blocks[mid]!.node).end < range.start) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < blocks.length && blocks[i]!.start <= range.end; i++) out.push(i);
  return out;
}

/** The citation whose key (its `@` included) holds `offset`. */
export function citationAt(m: Manuscript, offset: number): CitationOccurrence | undefined {
  for (const i of blocksMeeting(m, { start: offset, end: offset }))
    for (const c of m.partsOf(i).citations) if (offset >= c.item.keyRange.start - 1 && offset <= c.item.keyRange.end) return c;
  return undefined;
}

/** Every citation of `key`, in order, binding only the blocks that cite it. */
export function citationsOf(m: Manuscript, key: string): CitationOccurrence[] {
  const out: CitationOccurrence[] = [];
  m.blocks.forEach((b, i) => {
    if (b.result.citations.some((c) => c.key === key)) for (const c of m.partsOf(i).citations) if (c.item.key === key) out.push(c);
  });
  return out;
}
