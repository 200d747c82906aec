/**
 * The document outline: the heading tree, then a "Consequences" node grouping every annotated
 * consequence by its declared category (in declared order), each with its mentions as children;
 * then a "Review" node with the review marks by reviewer (review-outline.ts).
 */
import { allSections, type ConsequenceMention, type Manuscript, type Section } from '../model/manuscript.js';
import type { OffsetRange } from '../text/range.js';
import { reviewOutline } from './review-outline.js';

export type OutlineKind = 'section' | 'group' | 'category' | 'consequence' | 'mention' | 'reviewer' | 'review-mark';

export interface OutlineNode {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  readonly range: OffsetRange;
  readonly selectionRange: OffsetRange;
  readonly children: readonly OutlineNode[];
}

/** What the outline reads of the manuscript model (no citations or sentences: host.ts `outlineOf`). */
export type OutlineModel = Pick<Manuscript, 'text' | 'lines' | 'tree' | 'frontMatter' | 'sections' | 'consequences'>;

/** What the outline reads: the manuscript model alone (not its bibliography). */
export interface Outlined {
  readonly manuscript: OutlineModel;
}

export function outline(s: Outlined): OutlineNode[] {
  const nodes = s.manuscript.sections.map(sectionNode);
  const consequences = consequenceOutline(s);
  if (consequences) nodes.push(consequences);
  const review = reviewOutline(s);
  if (review) nodes.push(review);
  return nodes;
}

function sectionNode(section: Section): OutlineNode {
  return {
    name: section.title || '(untitled)',
    kind: 'section',
    range: section.range,
    selectionRange: section.headingRange,
    children: section.children.map(sectionNode),
  };
}

export interface ConsequenceGroup {
  readonly key: string;
  readonly category: string;
  readonly mentions: readonly ConsequenceMention[];
}

/** Consequences by category in declared order; undeclared categories follow, in order of appearance. */
export function consequencesByCategory(s: Outlined): { id: string; label: string; groups: ConsequenceGroup[] }[] {
  const declared = s.manuscript.frontMatter.categories;
  const order = [...declared.map((c) => c.id)];
  for (const m of s.manuscript.consequences) if (!order.includes(m.category)) order.push(m.category);
  return order.map((id) => {
    const groups = new Map<string, ConsequenceMention[]>();
    for (const m of s.manuscript.consequences) {
      if (m.category !== id) continue;
      groups.set(m.key, [...(groups.get(m.key) ?? []), m]);
    }
    return {
      id,
      label: declared.find((c) => c.id === id)?.label ?? `${id} (undeclared)`,
      groups: [...groups].map(([key, mentions]) => ({ key, category: id, mentions })),
    };
  });
}

function consequenceOutline(s: Outlined): OutlineNode | undefined {
  if (!s.manuscript.consequences.length) return undefined;
  const sections = allSections(s.manuscript.sections);
  const categories: OutlineNode[] = consequencesByCategory(s).map((cat) => {
    const children = cat.groups.map((g): OutlineNode => {
      const first = g.mentions[0]!;
      const mentions = g.mentions.map(
        (m): OutlineNode => ({
          name: m.text,
          detail: m.annotation.section?.title ?? '',
          kind: 'mention',
          range: m.annotation.range,
          selectionRange: m.annotation.contentRange,
          children: [],
        }),
      );
      const domain = first.domain ? `${first.domain} · ` : '';
      return {
        name: first.text,
        detail: `${domain}${g.key} · ${g.mentions.length} mention${g.mentions.length === 1 ? '' : 's'}`,
        kind: 'consequence',
        range: cover(mentions.map((m) => m.range)),
        selectionRange: first.annotation.contentRange,
        children: mentions,
      };
    });
    const range = children.length ? cover(children.map((c) => c.range)) : emptyAt(sections);
    return {
      name: cat.label,
      detail: `${children.length} consequence${children.length === 1 ? '' : 's'}`,
      kind: 'category',
      range,
      selectionRange: children[0]?.selectionRange ?? range,
      children,
    };
  });
  const range = cover(categories.map((c) => c.range));
  return {
    name: 'Consequences',
    detail: `${s.manuscript.consequences.length} mentions`,
    kind: 'group',
    range,
    selectionRange: categories.find((c) => c.children.length)?.selectionRange ?? range,
    children: categories,
  };
}

function cover(ranges: readonly OffsetRange[]): OffsetRange {
  return { start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) };
}

function emptyAt(sections: readonly Section[]): OffsetRange {
  const at = sections[0]?.headingRange.start ?? 0;
  return { start: at, end: at };
}
