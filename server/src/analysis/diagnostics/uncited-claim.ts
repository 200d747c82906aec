/**
 * uncited-claim (warning): a sentence reads as a claim a reader would need a source for (the
 * citation-worthiness model's calibrated score reaches the `marginalia.claims.sensitivity` threshold,
 * see docs/claims.md) and cites nothing; or it attributes a view to a named author and none of its
 * citations is by that author. The message names the strongest evidence; `data` carries the score.
 * A sentence that continues a cited one about the same work ("They trained it on…") is covered by it.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { AnalysisConfig } from '../config.js';
import type { Sentence } from '../../model/manuscript.js';
import { DEFAULT_SENSITIVITY, type Sensitivity } from '../../model/claims/model.js';
import { lookup, type Snapshot } from '../snapshot.js';
import { isPersonLike, namesOneOf, personName } from '../../model/person-names.js';

export function uncitedClaims(s: Snapshot, config?: Pick<AnalysisConfig, 'claimSensitivity'>): Finding[] {
  return uncitedClaimsIn(s, s.manuscript.sentences, config);
}

/** The findings of some of the manuscript's sentences (one block's). */
export function uncitedClaimsIn(s: Snapshot, sentences: readonly Sentence[], config?: Pick<AnalysisConfig, 'claimSensitivity'>): Finding[] {
  const sensitivity = config?.claimSensitivity ?? DEFAULT_SENSITIVITY;
  const out: Finding[] = [];
  for (const sentence of sentences) {
    const problem = claimProblem(s, sentence, sensitivity);
    if (!problem) continue;
    const j = sentence.judgement;
    const data = { score: Math.round(j.score * 1000) / 1000, sensitivity, evidence: [...j.evidence], ...(sentence.override ? { override: sentence.override.kind } : {}) };
    out.push(finding('uncited-claim', s.path, sentence.range, problem, { data }));
  }
  return out;
}

/** Whether the sentence counts as a claim at a sensitivity: `{.claim}` / `{.no-claim}` win. */
export function isClaimAt(sentence: Sentence, sensitivity: Sensitivity = DEFAULT_SENSITIVITY): boolean {
  if (sentence.override) return sentence.override.kind === 'claim';
  return sentence.judgement.claimAt[sensitivity];
}

/** Why a claim is unsupported, or undefined when it is not a claim or is supported. */
export function claimProblem(s: Snapshot, sentence: Sentence, sensitivity: Sensitivity = DEFAULT_SENSITIVITY): string | undefined {
  // A cited sentence is a claim by its authors' own judgement: whether it cites the author it names is
  // checked whatever the score.
  if (sentence.override?.kind === 'no-claim') return undefined;
  if (!sentence.cited && !isClaimAt(sentence, sensitivity)) return undefined;
  const reason =
    sentence.override?.kind === 'claim' ? 'marked as a claim with {.claim}' : sentence.verdict.reason;
  // Only a person is what a reference is "by": not a state or an institution the sentence names.
  const named = sentence.override ? [] : (sentence.verdict.named ?? []).filter(isPersonLike);
  if (!sentence.cited) {
    if (!sentence.override && sentence.judgement.coveredByPrevious) return undefined;
    const who = named.length ? `; no reference by ${named.map(personName).join(' or ')} is cited` : '; no source is cited';
    return `Uncited claim: ${reason}${who}`;
  }
  if (!named.length) return undefined;
  const cited = sentence.citations.map((c) => familyNames(s, c.item.key));
  // A cited work whose authors are unknown here (a Manubot `@doi:` key, an entry without names) may be
  // the named author's: saying it is not would be a guess.
  if (cited.some((names) => names.length === 0)) return undefined;
  const citedAuthors = cited.flat();
  const missing = named.filter((n) => !namesOneOf(n, citedAuthors));
  if (missing.length < named.length) return undefined;
  const keys = sentence.citations.map((c) => c.item.key).join(', ');
  return `Uncited claim: ${reason}; it cites ${keys} but no reference by ${missing.map(personName).join(' or ')}`;
}

function familyNames(s: Snapshot, key: string): string[] {
  const entry = lookup(s, key)?.entry;
  if (!entry) return [];
  const csl = entry.csl();
  const names: unknown[] = [csl['author'], csl['editor']].flatMap((v): unknown[] => (Array.isArray(v) ? v : []));
  return names.flatMap((n) => {
    if (!n || typeof n !== 'object') return [];
    const { family, literal } = n as { family?: unknown; literal?: unknown };
    const name = typeof family === 'string' ? family : typeof literal === 'string' ? literal : undefined;
    return name ? [name.toLowerCase()] : [];
  });
}
