/**
 * The bibliography files a manuscript names, each once. Listing a file twice would load it twice and
 * make every key in it a duplicate; listing it 1,000 times took over 30 s. Repeats (same file after
 * resolving the path) are dropped and reported.
 */
import type { Located } from '../model/front-matter.js';

export interface ListedBibliography {
  readonly declared: Located<string>;
  readonly path: string;
}

export interface RepeatedBibliography extends ListedBibliography {
  /** The first listing of the same file. */
  readonly first: Located<string>;
}

export function dedupeBibliographies(
  declared: readonly Located<string>[],
  resolve: (value: string) => string,
): { unique: ListedBibliography[]; repeats: RepeatedBibliography[] } {
  const firstByPath = new Map<string, Located<string>>();
  const unique: ListedBibliography[] = [];
  const repeats: RepeatedBibliography[] = [];
  for (const d of declared) {
    const path = resolve(d.value);
    const first = firstByPath.get(path);
    if (first) repeats.push({ declared: d, path, first });
    else {
      firstByPath.set(path, d);
      unique.push({ declared: d, path });
    }
  }
  return { unique, repeats };
}
