/**
 * All diagnostic rules, in the order their findings are listed. Findings in a manuscript depend on
 * that manuscript alone; findings in a bibliography file depend on every manuscript that uses it
 * (which entries are cited), so they are computed per bibliography file, once.
 */
import { applySeverity, type Finding } from '../diagnostic.js';
import type { AnalysisConfig } from '../config.js';
import type { Snapshot } from '../snapshot.js';
import { annotationProblems } from './annotations.js';
import { bibliographiesNotFound } from './bibliography-not-found.js';
import { duplicateKeys } from './duplicate-key.js';
import { malformedInput } from './malformed-input.js';
import { repeatedBibliographies } from './repeated-bibliography.js';
import { undecodableText } from './undecodable-text.js';
import { styleNotFound } from './style-not-found.js';
import { uncitedClaims } from './uncited-claim.js';
import { unknownKeys } from './unknown-key.js';
import { unknownCrossReferences } from './unknown-cross-reference.js';
import { unusedReferences } from './unused-reference.js';
import { reviewProblems } from './review-marks.js';

/** Rules whose findings can fall in the manuscript or in the files it names (see `inNamedFiles`). */
export function perManuscript(s: Snapshot, config?: AnalysisConfig): Finding[] {
  return [
    ...malformedInput(s),
    ...undecodableText(s),
    ...bibliographiesNotFound(s),
    ...repeatedBibliographies(s),
    ...styleNotFound(s),
    ...unknownKeys(s),
    ...unknownCrossReferences(s),
    ...annotationProblems(s),
    ...uncitedClaims(s, config),
    ...duplicateKeys(s),
    ...reviewProblems(s),
  ];
}

/**
 * The rules of `perManuscript` that can report in a file other than the manuscript (a bibliography it
 * names): the others report in the manuscript only, and are not run again for its bibliographies (at
 * 1 MB, judging every sentence again cost as much as the keystroke's own check).
 */
function inNamedFiles(s: Snapshot): Finding[] {
  return [...malformedInput(s), ...duplicateKeys(s)];
}

/** Findings in the manuscript file itself. */
export function diagnoseManuscript(s: Snapshot, config: AnalysisConfig): Finding[] {
  return applySeverity(
    perManuscript(s, config).filter((f) => f.file === s.path),
    config,
  );
}

/**
 * Findings in one bibliography file, given all the manuscripts there are (those using it are picked).
 * `unused` computes the unused-reference findings (the host passes its memoised one).
 */
export function diagnoseBibliography(
  file: string,
  snapshots: readonly Snapshot[],
  config: AnalysisConfig,
  unused: (users: readonly Snapshot[]) => Finding[] = unusedReferences,
): Finding[] {
  const users = distinct(snapshots).filter((s) => s.bibliographies.some((b) => b.file?.path === file));
  const seen = new Set<string>();
  const shared = users.flatMap((u) => inNamedFiles(u)).filter((f) => {
    if (f.file !== file) return false;
    const id = `${f.code}|${f.range.start}|${f.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  // Unused references are one finding per entry already: no identity strings for a 30,000-entry library.
  return applySeverity([...shared, ...unused(users).filter((f) => f.file === file)], config);
}

/** Both: a manuscript's findings and those in the bibliography files it names, given its peers. */
export function diagnose(snapshot: Snapshot, config: AnalysisConfig, peers: readonly Snapshot[] = []): Finding[] {
  const all = distinct([snapshot, ...peers]);
  const files = [...new Set(snapshot.bibliographies.flatMap((b) => (b.file ? [b.file.path] : [])))];
  return [...diagnoseManuscript(snapshot, config), ...files.flatMap((f) => diagnoseBibliography(f, all, config))];
}

/** One snapshot per manuscript path (the first given wins). */
function distinct(snapshots: readonly Snapshot[]): Snapshot[] {
  const byPath = new Map<string, Snapshot>();
  for (const s of snapshots) if (!byPath.has(s.path)) byPath.set(s.path, s);
  return [...byPath.values()];
}
