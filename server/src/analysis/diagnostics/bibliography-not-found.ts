/**
 * bibliography-not-found (error): the front matter names a bibliography file that does not exist or
 * cannot be read (paths are relative to the manuscript, as Pandoc resolves them); when it exists, the
 * message says why it was not read (a directory or FIFO, over `marginalia.limits.bibliographyBytes`...).
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';
import { isKnitrInline, KNITR_INLINE_REASON } from '../../model/knitr-inline.js';

export function bibliographiesNotFound(s: Snapshot): Finding[] {
  return s.bibliographies
    .filter((b) => !b.file)
    .map((b) =>
      finding(
        'bibliography-not-found',
        s.path,
        b.declared.range,
        b.problem
          ? `Bibliography '${b.declared.value}' ${b.problem} (${b.path})`
          : isKnitrInline(b.declared.value)
            ? `Bibliography '${b.declared.value}' ${KNITR_INLINE_REASON}: set marginalia.bibliography (CLI --bibliography) to the file it names`
            : `Bibliography '${b.declared.value}' not found (looked for ${b.path})`,
      ),
    );
}
