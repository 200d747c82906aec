/**
 * Document links on the front matter's `bibliography:` and `csl:` paths, to the files they name
 * (resolved as Pandoc does, relative to the manuscript). A path to a missing file gets no link: it
 * has a diagnostic instead.
 */
import type { OffsetRange } from '../text/range.js';
import type { Snapshot } from './snapshot.js';

export interface DocumentLink {
  readonly range: OffsetRange;
  /** Absolute path of the target file. */
  readonly target: string;
}

export function documentLinks(s: Snapshot): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const b of s.bibliographies) {
    // Bibliographies from settings carry the front matter's range, not a path written in it.
    if (b.file && s.manuscript.frontMatter.bibliography.includes(b.declared)) links.push({ range: unquoted(s, b.declared.range), target: b.path });
  }
  if (s.style.kind === 'file' && s.style.declared && s.style.text !== undefined)
    links.push({ range: unquoted(s, s.style.declared.range), target: s.style.path });
  return links;
}

/** The path without the quotes YAML may put around it. */
function unquoted(s: Snapshot, r: OffsetRange): OffsetRange {
  const text = s.manuscript.text;
  const quote = text[r.start];
  return (quote === '"' || quote === "'") && text[r.end - 1] === quote && r.end - r.start >= 2 ? { start: r.start + 1, end: r.end - 1 } : r;
}
