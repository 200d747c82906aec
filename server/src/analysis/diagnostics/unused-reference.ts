/**
 * unused-reference (hint): an entry of a bibliography file that no manuscript using that file
 * cites in its text. Reported on the entry's key in the bibliography file, across all the manuscripts
 * given (a multi-file manuscript shares one bibliography). An entry that `nocite` lists is still
 * reported, saying so: it appears in the reference list, but no sentence rests on it, which is what an
 * editor checking citation coverage needs to see. Turn the code off to silence it.
 */
import { basename as baseName } from 'node:path';
import { finding, type Finding } from '../diagnostic.js';
import type { Snapshot } from '../snapshot.js';

export function unusedReferences(snapshots: readonly Snapshot[]): Finding[] {
  const usersByFile = new Map<string, Snapshot[]>();
  for (const s of snapshots)
    for (const b of s.bibliographies) if (b.file) usersByFile.set(b.file.path, [...(usersByFile.get(b.file.path) ?? []), s]);

  const out: Finding[] = [];
  for (const [path, users] of usersByFile) {
    const used = new Set<string>();
    const listed = new Set<string>();
    for (const u of users) {
      for (const c of u.manuscript.citations) used.add(c.item.key);
      for (const k of u.manuscript.frontMatter.nocite) listed.add(k);
    }
    const file = users[0]!.bibliographies.find((b) => b.file?.path === path)!.file!;
    const names = users.map((u) => baseName(u.path)).join(', ');
    for (const entry of file.entries) {
      if (used.has(entry.key)) continue;
      const why = listed.has(entry.key) || listed.has('*') ? ' (it is listed only through nocite)' : '';
      out.push(
        finding('unused-reference', path, entry.keyRange, `Reference '${entry.key}' is never cited in ${names}${why}`, {
          unnecessary: true,
        }),
      );
    }
  }
  return out;
}

