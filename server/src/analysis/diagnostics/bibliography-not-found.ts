/**
 * bibliography-not-found (error): the front matter names a bibliography file that does not exist or
 * cannot be read (paths are relative to the manuscript, as Pandoc resolves them).
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function bibliographiesNotFound(s: Snapshot): Finding[] {
  return s.bibliographies
    .filter((b) => !b.file)
    .map((b) => finding('bibliography-not-found', s.path, b.declared.range, `Bibliography '${b.declared.value}' not found (looked for ${b.path})`));
}
