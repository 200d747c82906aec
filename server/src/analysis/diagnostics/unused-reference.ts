/**
 * unused-reference (hint): an entry of a bibliography file that no manuscript using that file
 * cites in its text. Reported on the entry's key in the bibliography file, across all the manuscripts
 * given (a multi-file manuscript shares one bibliography). An entry that `nocite` lists (`@*` lists
 * all) is not reported: Pandoc's nocite is the author saying "list it without citing it", and a hint the
 * author cannot act on without undoing that choice would only teach them to turn the code off.
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
    if (listed.has('*')) continue;
    const file = users[0]!.bibliographies.find((b) => b.file?.path === path)!.file!;
    const names = users.map((u) => baseName(u.path)).join(', ');
    for (const entry of file.entries) {
      if (used.has(entry.key) || listed.has(entry.key)) continue;
      out.push(
        finding('unused-reference', path, entry.keyRange, `Reference '${entry.key}' is never cited in ${names}`, {
          unnecessary: true,
        }),
      );
    }
  }
  return out;
}

