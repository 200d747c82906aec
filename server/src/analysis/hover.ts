/**
 * Hover on a citation key: the reference formatted by the CSL processor, its language when it is not
 * English, DOI/URL links, where it is cited and whether the citation is editorial. On an unknown key:
 * says so and names the closest keys. On a consequence annotation: its category and every mention.
 * On an uncited claim: the references suggested for it (suggest-references.ts).
 * On a review mark: its kind, reviewer and comment (review-hover.ts).
 */
import { languageTag } from '../bibliography/bibtex-to-csl.js';
import type { CslItem } from '../bibliography/types.js';
import { citationAt, citationsOf, type CitationOccurrence } from '../model/manuscript.js';
import type { OffsetRange } from '../text/range.js';
import type { AnalysisConfig } from './config.js';
import { describeSources, droppedEntry, nearbyDefining, suggestions } from './diagnostics/unknown-key.js';
import { crossReferenceOf } from '../syntax/cross-reference.js';
import { crossReferenceLabelRanges } from './cross-references.js';
import { manubotAliases, manubotHover, manubotKey, manubotProblem } from './manubot-keys.js';
import { consequencesByCategory } from './outline.js';
import { claimProblem } from './diagnostics/uncited-claim.js';
import { suggestReferences } from './suggest-references.js';
import { styleOptions, type Snapshot } from './snapshot.js';
import { reviewHover } from './review-hover.js';

export interface HoverResult {
  readonly range: OffsetRange;
  readonly markdown: string;
}

export interface HoverOptions {
  readonly config: AnalysisConfig;
}

export function hover(s: Snapshot, offset: number, options: HoverOptions): HoverResult | undefined {
  const at = citationAt(s.manuscript, offset);
  if (at) return citationHover(s, at, options);
  const annotation = [...s.manuscript.annotations]
    .reverse()
    .find((a) => a.classes.includes('consequence') && offset >= a.range.start && offset <= a.range.end);
  if (annotation) return consequenceHover(s, annotation.range, annotation.attributes.get('key'));
  const review = reviewHover(s, offset);
  if (review) return review;
  if (options.config.severity['uncited-claim'] !== 'off') return suggestionHover(s, offset);
  return undefined;
}

/** The references suggested for the uncited claim under the cursor. */
function suggestionHover(s: Snapshot, offset: number): HoverResult | undefined {
  const sentence = s.manuscript.sentences.find((x) => offset >= x.range.start && offset <= x.range.end);
  if (!sentence || !claimProblem(s, sentence)) return undefined;
  const suggested = suggestReferences(s, sentence);
  if (!suggested.length) return undefined;
  const lines = suggested.map((x) => `- \`@${x.key}\` — ${escapeMarkdown(x.label)} · *${escapeMarkdown(x.why)}*`);
  return { range: sentence.range, markdown: ['**Suggested references** for this claim (quick fix: *Cite @key*):', lines.join('\n')].join('\n\n') };
}

/** The line that defines a label (a figure's image and caption, a heading, a div's fence), as code, cut. */
function labelLine(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end < 0 ? text.length : end).trim();
  const cut = line.length > 120 ? line.slice(0, 119) + '…' : line;
  return '`` ' + cut.replace(/`/g, "'") + ' ``';
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

function citationHover(s: Snapshot, at: CitationOccurrence, options: HoverOptions): HoverResult {
  const key = at.item.key;
  const range = at.item.keyRange;
  const defs = s.entries.get(key);
  if (!defs?.length) {
    const ref = crossReferenceOf(key, s.manuscript.crossReferenceKinds);
    if (ref) {
      const label = crossReferenceLabelRanges(s.manuscript.text).get(key);
      const where = label
        ? ` Labelled on line ${s.manuscript.lines.position(label.start).line + 1}: ${labelLine(s.manuscript.text, label.start)}`
        : (s.project?.chapters.length ?? 0) > 1
          ? ' Its label is not in this chapter.'
          : ' This document defines no such label.';
      return { range, markdown: `Cross-reference to the ${ref.kind} labelled \`${key}\` (${ref.tool}), not a citation.${where}` };
    }
    const manubot = manubotKey(s, key, manubotAliases(s));
    if (manubot) {
      const problem = manubotProblem(s, manubot);
      return { range, markdown: problem ? `**Unknown key** \`${key}\`: ${problem}.` : manubotHover(manubot) };
    }
    const dropped = droppedEntry(s, key);
    if (dropped)
      return { range, markdown: `**Unreadable entry** \`${key}\`: ${dropped.name} has it, but the entry could not be read (line ${dropped.line + 1}): ${dropped.error.message}.` };
    const beside = nearbyDefining(s, key);
    if (beside)
      return {
        range,
        markdown: `**Unknown key** \`${key}\`: not in ${describeSources(s)}. \`${beside.name}\` beside the manuscript defines it; Pandoc reads it only when the front matter declares it (\`bibliography: ${beside.name}\`) or the build passes \`--bibliography\`.`,
      };
    const near = suggestions(s, key);
    const suggestion = near.length ? `\n\nClosest keys: ${near.map((k) => `\`${k}\``).join(', ')}` : '';
    return { range, markdown: `**Unknown key** \`${key}\`: not in ${describeSources(s)}.${suggestion}` };
  }
  const entry = defs[0]!.entry;
  const csl = safeCsl(() => entry.csl(), key);
  const formatted = s.formatter.formatReference(csl, styleOptions(s, options.config.locale));
  const parts = [formatted.markdown];
  const language = languageNote(csl);
  if (language) parts.push(language);
  const links = linkLine(csl);
  if (links) parts.push(links);

  const uses = citationsOf(s.manuscript, key);
  const bySection = new Map<string, number>();
  for (const u of uses) {
    const title = u.section?.title ?? '(before the first heading)';
    bySection.set(title, (bySection.get(title) ?? 0) + 1);
  }
  const where = [...bySection].map(([t, n]) => (n > 1 ? `${t} (${n})` : t)).join('; ');
  const times = uses.length === 1 ? 'once' : `${uses.length} times`;
  parts.push('---');
  parts.push(`\`@${key}\` · ${entry.entryType} · cited ${times} in this document: ${where}`);
  if (at.editorial)
    parts.push('*Editorial citation*: added by the editors of this edition, not by the authors.');
  if (defs.length > 1) parts.push(`**Warning:** ${defs.length} entries define this key; the first is shown.`);
  return { range, markdown: parts.join('\n\n') };
}

function consequenceHover(s: Snapshot, range: OffsetRange, key: string | undefined): HoverResult | undefined {
  for (const cat of consequencesByCategory(s)) {
    const group = cat.groups.find((g) => g.key === key);
    if (!group) continue;
    const domain = group.mentions[0]?.domain;
    const domainLabel = domain ? (s.manuscript.frontMatter.domains.find((d) => d.id === domain)?.label ?? domain) : undefined;
    const lines = group.mentions.map((m) => `- “${m.text}” (${m.annotation.section?.title ?? 'no section'})`);
    const head = `**${cat.label}** · \`${group.key}\`${domainLabel ? ` · ${domainLabel}` : ''}`;
    const count = `${group.mentions.length} mention${group.mentions.length === 1 ? '' : 's'}:`;
    return { range, markdown: [head, count + '\n' + lines.join('\n')].join('\n\n') };
  }
  return undefined;
}

function safeCsl(get: () => CslItem, key: string): CslItem {
  try {
    return get();
  } catch {
    return { id: key, type: 'document', title: key };
  }
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });

function languageNote(csl: CslItem): string | undefined {
  const raw = typeof csl['language'] === 'string' ? csl['language'].trim() : '';
  if (!raw) return undefined;
  // BibLaTeX names (`persian`) and BCP 47 tags (`fa`) alike: the bibliography layer knows the mapping.
  const code = languageTag(raw) ?? raw;
  if (/^en\b/i.test(code)) return undefined;
  let name = raw;
  try {
    name = displayNames.of(code) ?? raw;
  } catch {
    // Not a BCP 47 tag (e.g. a free-form BibLaTeX langid): show it as written.
  }
  return `Language: ${name}.`;
}

function linkLine(csl: CslItem): string | undefined {
  const links: string[] = [];
  if (typeof csl['DOI'] === 'string' && csl['DOI']) {
    const doi = csl['DOI'].replace(/^https?:\/\/(dx\.)?doi\.org\//, '');
    links.push(`[doi:${doi}](https://doi.org/${encodeURI(doi)})`);
  }
  if (typeof csl['URL'] === 'string' && /^https?:\/\//.test(csl['URL'])) links.push(`[${csl['URL']}](${csl['URL']})`);
  return links.length ? links.join(' · ') : undefined;
}
