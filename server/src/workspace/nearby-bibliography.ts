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
const CANDIDATE = /\.(?:bib|bibtex|biblatex)$|^[^.]*(?:bib|ref|citation|librar)[^/]*\.(?:json|ya?ml)$/i;

/** At most this many files are read: a folder of exports is not a bibliography. */
const MAX_FILES = 3;

export async function nearbyBibliographies(
  fs: FileSystem,
  loader: BibliographyLoader,
  file: string,
  maxBytes: number,
  /** The host's key sets, one per parsed file (kept while the parse is). */
  keySets: WeakMap<object, ReadonlySet<string>>,
): Promise<NearbyBibliography[]> {
  const dir = path.dirname(file);
  const names = (await fs.list(dir))?.filter((n) => CANDIDATE.test(n)).slice(0, MAX_FILES) ?? [];
  const out: NearbyBibliography[] = [];
  for (const name of names) {
    const loaded = await loader.load(path.join(dir, name), { maxBytes });
    if ('missing' in loaded) continue;
    let keys = keySets.get(loaded);
    if (!keys) keySets.set(loaded, (keys = new Set(loaded.entries.map((e) => e.key))));
    out.push({ name, path: loaded.path, keys });
  }
  return out;
}
