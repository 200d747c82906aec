/** All diagnostic rules, in the order their findings are listed. */
import { applySeverity, type Finding } from '../diagnostic.js';
import type { AnalysisConfig } from '../config.js';
import type { Snapshot } from '../snapshot.js';
import { annotationProblems } from './annotations.js';
import { bibliographiesNotFound } from './bibliography-not-found.js';
import { duplicateKeys } from './duplicate-key.js';
import { malformedInput } from './malformed-input.js';
import { uncitedClaims } from './uncited-claim.js';
import { unknownKeys } from './unknown-key.js';
import { unusedReferences } from './unused-reference.js';
import { styleNotFound } from './style-not-found.js';

/** Findings for one manuscript and the bibliographies it uses, given every manuscript sharing them. */
export function diagnose(snapshot: Snapshot, config: AnalysisConfig, peers: readonly Snapshot[] = [snapshot]): Finding[] {
  const all = [
    ...malformedInput(snapshot),
    ...bibliographiesNotFound(snapshot),
    ...styleNotFound(snapshot),
    ...unknownKeys(snapshot),
    ...annotationProblems(snapshot),
    ...uncitedClaims(snapshot),
    ...duplicateKeys(snapshot),
    ...unusedReferences(peers.includes(snapshot) ? peers : [snapshot, ...peers]).filter((f) =>
      snapshot.bibliographies.some((b) => b.file?.path === f.file),
    ),
  ];
  return applySeverity(all, config);
}
