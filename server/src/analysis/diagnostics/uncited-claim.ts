/**
 * uncited-claim (warning): a sentence asserts something a reader would need a source for (see
 * docs/claims.md for the rules) and cites nothing; or it attributes a view to a named author and
 * none of its citations is by that author. The message says which rule fired.
 */
import { finding, type Finding } from '../diagnostic.js';
import type { Sentence } from '../../model/manuscript.js';
import { lookup, type Snapshot } from '../snapshot.js';

export function uncitedClaims(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  for (const sentence of s.manuscript.sentences) {
    const problem = claimProblem(s, sentence);
    if (problem) out.push(finding('uncited-claim', s.path, sentence.range, problem));
  }
  return out;
}

/** Why a claim is unsupported, or undefined when it is not a claim or is supported. */
export function claimProblem(s: Snapshot, sentence: Sentence): string | undefined {
  if (!sentence.isClaim) return undefined;
  const reason =
    sentence.override?.kind === 'claim' ? 'marked as a claim with {.claim}' : sentence.verdict.reason;
  const named = sentence.override ? [] : (sentence.verdict.named ?? []);
  if (!sentence.cited) {
    const who = named.length ? `; no reference by ${named.join(' or ')} is cited` : '; no source is cited';
    return `Uncited claim: ${reason}${who}`;
  }
  if (!named.length) return undefined;
  const citedAuthors = sentence.citations.flatMap((c) => familyNames(s, c.item.key));
  const missing = named.filter((n) => !citedAuthors.includes(n.toLowerCase()));
  if (missing.length < named.length) return undefined;
  const keys = sentence.citations.map((c) => c.item.key).join(', ');
  return `Uncited claim: ${reason}; it cites ${keys} but no reference by ${missing.join(' or ')}`;
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
