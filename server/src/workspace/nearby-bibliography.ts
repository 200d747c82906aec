/**
 * Bibliography files beside a manuscript that declares none (no `bibliography:` in its front matter,
 * no project file, no setting). Pandoc would not read them, and neither does Marginalia: its keys stay
 * unknown. But a build often passes the file itself (`pandoc --bibliography refs.bib`, a Makefile,
 * an R Markdown output format), and 76 errors that only say "the front matter declares none" hide
 * the one fix. So the unknown-key message names the file that defines the key, and a quick fix
 * declares it (analysis/diagnostics/unknown-key.ts, analysis/code-actions.ts).
 */
import * as path from 'node:path';
import type { BibliographyLoader } from '../bibliography/load.js';
import type { FileSystem } from '../files/file-system.js';
import type { NearbyBibliography } from '../analysis/snapshot.js';

/** BibTeX by extension; CSL-JSON / CSL-YAML only when the name says so (most .json files are not references). */
function isCandidate(name: string): boolean {
  if (/\.(?:bib|bibtex|biblatex)$/i.test(name)) return true;
  return /\.(?:json|ya?ml)$/i.test(name) && /bib|ref|citation|librar/i.test(name);
}

/** At most this many files are read: a folder of exports is not a bibliography. */
const MAX_FILES = 3;

/** What the host keeps between analyses (it owns the caches). */
export interface NearbyCaches {
  /** Key sets, one per parsed file (kept while the parse is). */
  readonly keySets: WeakMap<object, ReadonlySet<string>>;
  /** Candidate names per folder, under the folder's stamp: a folder of 10,000 files is not listed per keystroke. */
  readonly candidates: Map<string, { readonly stamp: string; readonly names: readonly string[] }>;
  /** The last answer per folder, given again while its files are the same, so that it can be compared by identity. */
  readonly answers: Map<string, readonly NearbyBibliography[]>;
}

export async function nearbyBibliographies(
  fs: FileSystem,
  loader: BibliographyLoader,
  file: string,
  maxBytes: number,
  caches: NearbyCaches,
): Promise<readonly NearbyBibliography[]> {
  const dir = path.dirname(file);
  const names = await candidates(fs, dir, caches.candidates);
  const out: NearbyBibliography[] = [];
  for (const name of names) {
    const loaded = await loader.load(path.join(dir, name), { maxBytes });
    if ('missing' in loaded) continue;
    let keys = caches.keySets.get(loaded);
    if (!keys) caches.keySets.set(loaded, (keys = new Set(loaded.entries.map((e) => e.key))));
    out.push({ name, path: loaded.path, keys });
  }
  const last = caches.answers.get(dir);
  if (last && last.length === out.length && last.every((n, i) => n.keys === out[i]!.keys && n.name === out[i]!.name)) return last;
  caches.answers.set(dir, out);
  return out;
}

async function candidates(fs: FileSystem, dir: string, cache: NearbyCaches['candidates']): Promise<readonly string[]> {
  // A folder's stamp changes when a file is added, removed or renamed in it; without one, list every time.
  const stamp = await fs.stamp(dir);
  const hit = stamp === undefined ? undefined : cache.get(dir);
  if (hit && hit.stamp === stamp) return hit.names;
  const names = (await fs.list(dir))?.filter(isCandidate).slice(0, MAX_FILES) ?? [];
  if (stamp !== undefined) cache.set(dir, { stamp, names });
  return names;
}
