/**
 * How Manubot resolves a citation key that no local bibliography defines: a persistent identifier it
 * fetches when it builds (`@doi:…`) or an alias defined by a `[@alias]: doi:…` line (its pandoc-xnos
 * cross-references, `@fig:…`, are cross-references.ts's). Only in a Manubot project
 * (workspace/manubot.ts): elsewhere Pandoc would print `(doi:…?)`, and such a key is unknown.
 */
import { citationAliases, persistentId, type PersistentId } from '../bibliography/manubot-citekeys.js';
import type { Snapshot } from './snapshot.js';

export type ManubotKey =
  | { readonly kind: 'identifier'; readonly id: PersistentId }
  /** `target` is what the alias stands for: an identifier (`id`), or a key of the bibliography. */
  | { readonly kind: 'alias'; readonly target: string; readonly id?: PersistentId }
  /** `@tag:name` that no alias line or citation-tags.tsv defines. */
  | { readonly kind: 'undefined-tag' };

/** The aliases of a Manubot manuscript: its own lines first, then the other chapters'. */
export function manubotAliases(s: Snapshot): ReadonlyMap<string, string> {
  if (s.project?.kind !== 'manubot') return new Map();
  const own = citationAliases(s.manuscript.text);
  for (const [alias, target] of s.project.aliases ?? []) if (!own.has(alias)) own.set(alias, target);
  return own;
}

/** What Manubot makes of `key`, when the snapshot is a Manubot chapter and the key is one of its kinds. */
export function manubotKey(s: Snapshot, key: string, aliases: ReadonlyMap<string, string>): ManubotKey | undefined {
  if (s.project?.kind !== 'manubot') return undefined;
  const target = aliases.get(key);
  if (target !== undefined) {
    const id = persistentId(target);
    return { kind: 'alias', target, ...(id ? { id } : {}) };
  }
  if (/^tag:/i.test(key)) return { kind: 'undefined-tag' };
  const id = persistentId(key);
  return id ? { kind: 'identifier', id } : undefined;
}

/**
 * Why Manubot could not resolve `k`, or undefined when it can (as far as can be told offline: the
 * identifier has the right form; whether it exists is Manubot's to find out when it builds).
 */
export function manubotProblem(s: Snapshot, k: ManubotKey): string | undefined {
  switch (k.kind) {
    case 'undefined-tag':
      return 'no `[@tag:…]: …` line in the manuscript and no row of a citation-tags.tsv beside the chapters defines this tag';
    case 'identifier':
      return k.id.problem ? `Manubot cannot resolve this ${k.id.label}: ${k.id.problem}` : undefined;
    case 'alias':
      if (k.id) return k.id.problem ? `its alias target '${k.target}' is no valid ${k.id.label}: ${k.id.problem}` : undefined;
      return s.entries.has(k.target) || s.entries.has(k.target.replace(/^raw:/, ''))
        ? undefined
        : `its alias target '${k.target}' is neither a persistent identifier nor in ${s.bibliographies.length ? 'the manual references' : 'any bibliography'}`;
  }
}

/** A line for the hover: what the key stands for and where it resolves (a link; nothing is fetched). */
export function manubotHover(k: ManubotKey): string {
  const link = (id: PersistentId) => (id.url ? ` — <${id.url}>` : '');
  switch (k.kind) {
    case 'undefined-tag':
      return 'An undefined Manubot tag.';
    case 'identifier':
      return `**${k.id.label}** \`${k.id.accession}\`${link(k.id)}\n\nManubot fetches this reference's metadata when it builds the manuscript. Marginalia does not look identifiers up online: the manuscript stays on this machine.`;
    case 'alias':
      return k.id
        ? `Alias of the **${k.id.label}** \`${k.id.accession}\`${link(k.id)}, defined by a \`[@…]: ${k.target}\` line.\n\nManubot fetches its metadata when it builds the manuscript; Marginalia does not look it up online.`
        : `Alias of \`${k.target}\`, defined by a \`[@…]: ${k.target}\` line.`;
  }
}
