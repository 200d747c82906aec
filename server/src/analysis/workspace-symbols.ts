/** Workspace symbols for bibliography entries: `#katz` (or `katz`) finds `katz2012russia`. */
import { summarise, summaryLine } from '../bibliography/summary.js';
import type { BibEntry } from '../bibliography/types.js';
import type { OffsetRange } from '../text/range.js';
import type { Snapshot } from './snapshot.js';

export interface ReferenceSymbol {
  readonly key: string;
  readonly file: string;
  readonly range: OffsetRange;
  /** "Katz 2012 · Russia and Iran" (entry type when the entry has no author, year or title). */
  readonly detail: string;
}

export function referenceSymbols(snapshots: readonly Snapshot[], query: string, limit = 200): ReferenceSymbol[] {
  const q = query.replace(/^[#@]/, '').toLowerCase();
  const seen = new Set<string>();
  const out: { symbol: ReferenceSymbol; score: number; entry: BibEntry }[] = [];
  for (const s of snapshots) {
    for (const [key, defs] of s.entries) {
      for (const d of defs) {
        const id = `${d.file}\u0000${d.entry.range.start}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const score = match(key.toLowerCase(), q);
        if (score < 0) continue;
        out.push({ symbol: { key, file: d.file, range: d.entry.keyRange, detail: '' }, score, entry: d.entry });
      }
    }
  }
  out.sort((a, b) => a.score - b.score || a.symbol.key.localeCompare(b.symbol.key));
  // Summaries only for the symbols returned: a query over a big library stays cheap.
  return out.slice(0, limit).map((o) => ({ ...o.symbol, detail: summaryLine(summarise(o.entry)) || o.entry.entryType }));
}

/** Lower is better; -1 is no match. Substring beats prefix-less subsequence. */
function match(key: string, q: string): number {
  if (!q) return 0;
  const i = key.indexOf(q);
  if (i === 0) return 0;
  if (i > 0) return 1;
  let k = 0;
  for (const ch of q) {
    k = key.indexOf(ch, k);
    if (k < 0) return -1;
    k++;
  }
  return 2;
}
