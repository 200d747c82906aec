/** Citation coverage: how many of the manuscript's claims are supported by a citation. */
import type { Sentence } from '../model/manuscript.js';
import { claimProblem } from './diagnostics/uncited-claim.js';
import type { Snapshot } from './snapshot.js';

export interface Coverage {
  readonly claims: number;
  readonly cited: number;
  /** Claims whose only support is an editorial citation (added by the edition, not the authors). */
  readonly editoriallyCited: number;
  readonly uncited: readonly Sentence[];
}

export function coverage(s: Snapshot): Coverage {
  const claims = s.manuscript.sentences.filter((x) => x.isClaim);
  const uncited = claims.filter((x) => claimProblem(s, x) !== undefined);
  const unsupported = new Set(uncited);
  const editoriallyCited = claims.filter(
    (x) => !unsupported.has(x) && x.citations.length > 0 && x.citations.every((c) => c.editorial),
  ).length;
  return { claims: claims.length, cited: claims.length - uncited.length, editoriallyCited, uncited };
}

export function formatCoverage(c: Coverage): string {
  const pct = c.claims ? Math.round((100 * c.cited) / c.claims) : 100;
  const editorial = c.editoriallyCited ? ` (${c.editoriallyCited} only by editorial citations)` : '';
  return `Claims cited: ${c.cited}/${c.claims} (${pct}%)${editorial}`;
}
