/**
 * Which citation keys are cross-references by their form: Quarto's `@fig-map` (and its other kinds,
 * with a hyphen) and pandoc-crossref's `@fig:map` (with a colon). Quarto and pandoc-crossref read
 * such a key as a cross-reference whatever the bibliography holds, so the model does not count one as a
 * source (a sentence that only points to a figure is not cited); analysis/cross-references.ts checks
 * their labels.
 */

/** What the label names, by prefix: Quarto's (`fig-`) and pandoc-crossref's (`fig:`). */
const KINDS: Record<string, string> = {
  fig: 'figure',
  tbl: 'table',
  sec: 'section',
  eq: 'equation',
  lst: 'listing',
  thm: 'theorem',
  lem: 'lemma',
  cor: 'corollary',
  prp: 'proposition',
  cnj: 'conjecture',
  def: 'definition',
  exm: 'example',
  exr: 'exercise',
  sol: 'solution',
  rem: 'remark',
  tip: 'tip',
  nte: 'note',
  wrn: 'warning',
  imp: 'important callout',
  cau: 'caution',
};
/** pandoc-crossref's prefixes (with a colon); Quarto takes every kind above (with a hyphen). */
const CROSSREF_COLON = new Set(['fig', 'tbl', 'sec', 'eq', 'lst']);

export interface CrossReference {
  /** "figure", "table", … */
  readonly kind: string;
  readonly tool: 'Quarto' | 'pandoc-crossref';
}

/** The cross-reference a key's form makes, or undefined for an ordinary citation key. */
export function crossReferenceOf(key: string): CrossReference | undefined {
  const m = /^([a-z]+)([-:])./.exec(key);
  if (!m) return undefined;
  const kind = KINDS[m[1]!];
  if (!kind) return undefined;
  if (m[2] === '-') return { kind, tool: 'Quarto' };
  return CROSSREF_COLON.has(m[1]!) ? { kind, tool: 'pandoc-crossref' } : undefined;
}

