/**
 * unused-reference (hint): an entry of a bibliography file that no manuscript using that file
 * cites in its text. Reported on the entry's key in the bibliography file, across all the manuscripts
 * given (a multi-file manuscript shares one bibliography). An entry that `nocite` lists (`@*` lists
 * all) is not reported: Pandoc's nocite is the author saying "list it without citing it", and a hint the
 * author cannot act on without undoing that choice would only teach them to turn the code off.
 */
import { basename as baseName } from 'node:path';
import { finding, type Finding } from '../diagnostic.js';
import type { BibEntry } from '../../bibliography/types.js';
import type { Manuscript } from '../../model/manuscript.js';
import type { BibliographyFile, Snapshot } from '../snapshot.js';

export function unusedReferences(snapshots: readonly Snapshot[]): Finding[] {
  return [...usersByFile(snapshots)].flatMap(([path, users]) => unusedIn(path, users));
}

function usersByFile(snapshots: readonly Snapshot[]): Map<string, Snapshot[]> {
  const byFile = new Map<string, Snapshot[]>();
  for (const s of snapshots)
    for (const b of s.bibliographies) if (b.file) byFile.set(b.file.path, [...(byFile.get(b.file.path) ?? []), s]);
  return byFile;
}

function libraryOf(path: string, users: readonly Snapshot[]): BibliographyFile {
  return users[0]!.bibliographies.find((b) => b.file?.path === path)!.file!;
}

function unusedIn(path: string, users: readonly Snapshot[]): Finding[] {
  const { names, entries } = unusedEntries(path, users, Infinity);
  return findingsOf(path, names, entries);
}

/** The entries of one file that its users neither cite nor list, in file order; at most `limit` (the first ones). */
function unusedEntries(path: string, users: readonly Snapshot[], limit: number): { names: string; entries: BibEntry[] } {
  const used = new Set<string>();
  const listed = new Set<string>();
  for (const u of users) {
    for (const k of u.manuscript.citationKeys()) used.add(k);
    for (const k of u.manuscript.frontMatter.nocite) listed.add(k);
  }
  const names = users.map((u) => baseName(u.path)).join(', ');
  const out: BibEntry[] = [];
  if (listed.has('*')) return { names, entries: out };
  for (const entry of libraryOf(path, users).entries) {
    if (out.length >= limit) break;
    if (used.has(entry.key) || listed.has(entry.key)) continue;
    out.push(entry);
  }
  return { names, entries: out };
}

function findingsOf(path: string, names: string, entries: readonly BibEntry[]): Finding[] {
  return entries.map((entry) =>
    finding('unused-reference', path, entry.keyRange, `Reference '${entry.key}' is never cited in ${names}`, {
      unnecessary: true,
    }),
  );
}

/**
 * `unusedReferences`, recomputed for a bibliography file only when its entries (the parsed file) or
 * what its manuscripts cite (their names, cited keys and `nocite`) change: typing a word changes
 * neither, and a 30,000-entry library would otherwise be walked on every keystroke. Owned by the host.
 *
 * With a `limit`, it keeps only the first `limit` findings of each file: all have one code, so one
 * severity, and the most severe first then by position (how a client's cap picks them) never reaches
 * past them; a 30,000-entry library cited twice would otherwise keep 30,000 findings alive (megabytes)
 * to publish 1,000.
 */
export class UnusedReferenceMemo {
  private readonly byFile = new Map<
    string,
    { entries: readonly BibEntry[]; cites: string; limit: number; names: string; unused: readonly BibEntry[]; findings: Finding[] }
  >();
  private readonly citesOf = new WeakMap<Manuscript, string>();

  findings(snapshots: readonly Snapshot[], limit = Infinity): Finding[] {
    const out: Finding[] = [];
    for (const [path, users] of usersByFile(snapshots)) {
      const entries = libraryOf(path, users).entries;
      const cites = users.map((u) => `${u.path}\u0000${this.cites(u.manuscript)}`).join('\u0001');
      let hit = this.byFile.get(path);
      if (!hit || hit.entries !== entries || hit.cites !== cites || hit.limit !== limit) {
        const { names, entries: unused } = unusedEntries(path, users, limit);
        // Citing a key the library lacks (every prefix typed after `[@`) leaves the same entries unused:
        // the same findings then, which the server need not compare, sort or send again.
        const same = hit && hit.entries === entries && hit.limit === limit && hit.names === names && sameEntries(hit.unused, unused);
        hit = { entries, cites, limit, names, unused, findings: same ? hit!.findings : findingsOf(path, names, unused) };
        this.byFile.set(path, hit);
      }
      for (const f of hit.findings) out.push(f);
    }
    return out;
  }

  /** The keys a manuscript cites and lists in `nocite`, as one string, once per manuscript. */
  private cites(m: Manuscript): string {
    let s = this.citesOf.get(m);
    if (s === undefined) {
      const keys = [...new Set(m.citationKeys())].sort().join('\n');
      s = `${keys}\u0000${[...m.frontMatter.nocite].sort().join('\n')}`;
      this.citesOf.set(m, s);
    }
    return s;
  }
}

function sameEntries(a: readonly BibEntry[], b: readonly BibEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
