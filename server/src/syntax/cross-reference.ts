/**
 * Which citation keys are cross-references by their form: Quarto's `@fig-map` (and its other kinds,
 * with a hyphen) and pandoc-crossref's `@fig:map` (with a colon). Quarto and pandoc-crossref read
 * such a key as a cross-reference whatever the bibliography holds, so the model does not count one as a
 * source (a sentence that only points to a figure is not cited); analysis/cross-references.ts checks
 * their labels. Quarto also takes the kinds a document or project declares under `crossref: custom:`
 * (`key: appfig` makes `@appfig-prior` a cross-reference): `CustomCrossReferenceKinds`.
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

/**
 * Quarto's custom cross-reference kinds (`crossref: custom: [{kind: float, key: appfig, reference-prefix:
 * Figure A}]`), key to what a message calls them ("custom float 'appfig' (Figure A)"). Few: a lookup
 * by each key's prefix.
 */
export type CustomCrossReferenceKinds = ReadonlyMap<string, string>;

export const NO_CUSTOM_KINDS: CustomCrossReferenceKinds = new Map();

/**
 * The custom kinds of a `crossref:` value (front matter or `_quarto.yml`): each `custom` entry's `key`,
 * which Quarto requires to be a lowercase identifier without a hyphen (the hyphen ends the prefix).
 */
export function customCrossReferenceKinds(crossref: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const custom = crossref && typeof crossref === 'object' ? (crossref as Record<string, unknown>)['custom'] : undefined;
  if (!Array.isArray(custom)) return out;
  for (const entry of custom as unknown[]) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    const key = e['key'];
    if (typeof key !== 'string' || !/^[a-z][a-z0-9]*$/i.test(key)) continue;
    const kind = typeof e['kind'] === 'string' ? e['kind'] : 'float';
    const prefix = typeof e['reference-prefix'] === 'string' && e['reference-prefix'].trim() ? ` (${e['reference-prefix'].trim()})` : '';
    out.set(key, `custom ${kind} '${key}'${prefix}`);
  }
  return out;
}

/**
 * The cross-reference a key's form makes, or undefined for an ordinary citation key. `custom`: the
 * document's Quarto custom kinds (a custom key that is also a built-in prefix takes the custom name).
 */
export function crossReferenceOf(key: string, custom: CustomCrossReferenceKinds = NO_CUSTOM_KINDS): CrossReference | undefined {
  if (custom.size) {
    const hyphen = key.indexOf('-');
    const named = hyphen > 0 && hyphen < key.length - 1 ? custom.get(key.slice(0, hyphen)) : undefined;
    if (named) return { kind: named, tool: 'Quarto' };
  }
  const m = /^([a-z]+)([-:])./.exec(key);
  if (!m) return undefined;
  const kind = KINDS[m[1]!];
  if (!kind) return undefined;
  if (m[2] === '-') return { kind, tool: 'Quarto' };
  return CROSSREF_COLON.has(m[1]!) ? { kind, tool: 'pandoc-crossref' } : undefined;
}

