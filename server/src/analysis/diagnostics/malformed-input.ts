/**
 * malformed-front-matter (error): the YAML front matter, or the book's project file (`_quarto.yml`,
 * `_bookdown.yml`), has a syntax error or a field of the wrong shape; the parser's reason is quoted.
 * malformed-bibliography (error or warning): a bibliography entry could not be read; the other
 * entries still load. Reported in the bibliography file (or in the front matter for inline references).
 * malformed-markdown (error): the Markdown parser gave up on part of the text.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function malformedInput(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  for (const e of s.manuscript.frontMatter.errors)
    out.push(finding('malformed-front-matter', s.path, e.range, `Front matter: ${e.message}`));
  if (s.project?.problem)
    out.push(
      finding('malformed-front-matter', s.path, s.manuscript.frontMatter.range, `${s.project.problem}; the book's bibliography and style are not used`),
    );
  for (const e of s.manuscript.syntaxErrors) out.push(finding('malformed-markdown', s.path, e.range, e.message));
  for (const b of s.bibliographies) {
    if (!b.file) continue;
    for (const e of b.file.errors)
      out.push({ ...finding('malformed-bibliography', b.file.path, e.range, e.message), severity: e.severity });
  }
  for (const e of s.inline.errors)
    out.push({ ...finding('malformed-bibliography', s.path, e.range, `Inline references: ${e.message}`), severity: e.severity });
  return out;
}
