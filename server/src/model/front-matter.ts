/**
 * The YAML front matter of a manuscript: the fields Marginalia uses, each with the range of its value
 * in the document, and the YAML parser's errors. Never throws.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { OffsetRange } from '../text/range.js';
import { customCrossReferenceKinds, NO_CUSTOM_KINDS, type CustomCrossReferenceKinds } from '../syntax/cross-reference.js';

export interface Located<T> {
  readonly value: T;
  readonly range: OffsetRange;
}

export interface VocabularyTerm {
  readonly id: string;
  readonly label: string;
  readonly range: OffsetRange;
}

export interface FrontMatter {
  /** Range of the whole block including the `---` fences. */
  readonly range: OffsetRange;
  /** Offset in the document where the YAML text (after the opening fence) starts. */
  readonly yamlOffset: number;
  readonly yamlText: string;
  readonly data: Record<string, unknown>;
  readonly title?: string;
  readonly lang?: string;
  readonly bibliography: Located<string>[];
  /** `csl:` style path, if the document names one. */
  readonly csl?: Located<string>;
  /** Keys listed in `nocite` (`@*` included verbatim). */
  readonly nocite: string[];
  /** Range of the `references:` value, when the document carries inline references. */
  readonly references?: OffsetRange;
  readonly categories: VocabularyTerm[];
  readonly domains: VocabularyTerm[];
  /** Quarto's custom cross-reference kinds (`crossref: custom:`), by key. */
  readonly crossReferenceKinds: CustomCrossReferenceKinds;
  readonly errors: { readonly message: string; readonly range: OffsetRange }[];
}

export function emptyFrontMatter(): FrontMatter {
  return {
    range: { start: 0, end: 0 },
    yamlOffset: 0,
    yamlText: '',
    data: {},
    bibliography: [],
    nocite: [],
    categories: [],
    domains: [],
    crossReferenceKinds: NO_CUSTOM_KINDS,
    errors: [],
  };
}

/**
 * @param yamlText the text between the fences, as remark-frontmatter gives it
 * @param blockRange range of the whole front-matter block in the document
 * @param documentText used to find where the YAML text starts (after `---` and its line break)
 */
export function readFrontMatter(yamlText: string, blockRange: OffsetRange, documentText: string): FrontMatter {
  const yamlOffset = findYamlStart(documentText, blockRange, yamlText);
  const at = (r: readonly number[] | null | undefined, fallback: OffsetRange): OffsetRange =>
    r ? { start: yamlOffset + r[0]!, end: yamlOffset + (r[1] ?? r[0]!) } : fallback;
  const errors: { message: string; range: OffsetRange }[] = [];
  // The parser's own duplicate-key check compares each key with every earlier one (3 MB of front
  // matter took 23 s); `duplicateKeys` does the same check with a set.
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
  const positioned = [...doc.errors, ...doc.warnings].map((e) => ({ message: firstLine(e.message), pos: e.pos }));
  for (const e of [...positioned, ...duplicateKeys(doc)].sort((a, b) => a.pos[0] - b.pos[0])) {
    const start = yamlOffset + Math.min(e.pos[0], yamlText.length);
    const end = yamlOffset + Math.min(Math.max(e.pos[1], e.pos[0] + 1), yamlText.length);
    errors.push({ message: e.message, range: { start, end: Math.max(end, start) } });
  }
  let data: Record<string, unknown> = {};
  try {
    const js: unknown = doc.toJS({ maxAliasCount: 100 });
    if (js && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
    else if (js !== null && js !== undefined)
      errors.push({ message: 'front matter is not a mapping of fields', range: blockRange });
  } catch (e) {
    errors.push({ message: `front matter could not be read: ${String((e as Error).message ?? e)}`, range: blockRange });
  }
  const root = doc.contents;
  const field = (name: string): YamlNode | undefined => {
    if (!isMap(root)) return undefined;
    const node = root.get(name, true);
    return node === null || node === undefined ? undefined : (node as YamlNode);
  };
  const strings = (node: YamlNode | undefined, what: string): Located<string>[] => {
    if (!node) return [];
    const items = isSeq(node) ? node.items : [node];
    const out: Located<string>[] = [];
    for (const item of items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number'))
        out.push({ value: String(item.value), range: at(item.range, blockRange) });
      else errors.push({ message: `${what} must be a string or a list of strings`, range: at((item as YamlNode).range, blockRange) });
    }
    return out;
  };

  const vocabulary = (name: string): VocabularyTerm[] => {
    const marg = field('marginalia');
    if (!marg || !isMap(marg)) {
      if (marg) errors.push({ message: '`marginalia` must be a mapping (categories, domains)', range: at(marg.range, blockRange) });
      return [];
    }
    const list = marg.get(name, true) as YamlNode | undefined;
    if (!list) return [];
    const terms: VocabularyTerm[] = [];
    const push = (id: unknown, label: unknown, node: YamlNode | null | undefined) => {
      if (typeof id !== 'string' && typeof id !== 'number') {
        errors.push({ message: `each entry of marginalia.${name} needs an \`id\``, range: at(node?.range, blockRange) });
        return;
      }
      terms.push({ id: String(id), label: typeof label === 'string' ? label : String(id), range: at(node?.range, blockRange) });
    };
    if (isSeq(list)) {
      // The documented form: a list of {id, label}, which keeps the declared order.
      for (const item of list.items as YamlNode[]) {
        if (isMap(item)) push(item.get('id'), item.get('label'), item);
        else if (isScalar(item)) push(item.value, item.value, item);
        else push(undefined, undefined, item);
      }
    } else if (isMap(list)) {
      // Also accepted: a mapping id -> label (YAML mappings keep their order in this parser).
      for (const pair of list.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        const value = isScalar(pair.value) ? pair.value.value : undefined;
        push(key, value, (pair.key as YamlNode) ?? undefined);
      }
    } else {
      errors.push({ message: `marginalia.${name} must be a list of {id, label}`, range: at(list.range, blockRange) });
    }
    return terms;
  };

  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const nociteValue = data['nocite'];
  const nocite =
    typeof nociteValue === 'string'
      ? // Braced keys are bounded like the parser's (512); an unclosed `{` no longer scans to the end for each `@`.
        Array.from(nociteValue.matchAll(/@(\*|\{[^}]{0,512}\}|[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu), (m) =>
          trimKeyEnd(m[1]!.replace(/^\{|\}$/g, '')),
        )
      : [];
  const referencesNode = field('references');
  const cslNode = strings(field('csl'), '`csl`')[0];
  return {
    range: blockRange,
    yamlOffset,
    yamlText,
    data,
    ...(text(data['title']) !== undefined ? { title: text(data['title'])! } : {}),
    ...(text(data['lang']) !== undefined ? { lang: text(data['lang'])! } : {}),
    bibliography: strings(field('bibliography'), '`bibliography`'),
    ...(cslNode ? { csl: cslNode } : {}),
    nocite,
    ...(referencesNode?.range ? { references: at(referencesNode.range, blockRange) } : {}),
    categories: vocabulary('categories'),
    domains: vocabulary('domains'),
    crossReferenceKinds: customCrossReferenceKinds(data['crossref']),
    errors,
  };
}

function findYamlStart(documentText: string, block: OffsetRange, yamlText: string): number {
  // The block starts with `---` and a line break; the YAML text follows it.
  const fenceEnd = documentText.indexOf('\n', block.start);
  const guess = fenceEnd < 0 ? block.start : fenceEnd + 1;
  if (yamlText === '' || documentText.startsWith(yamlText.slice(0, 32), guess)) return guess;
  const found = documentText.indexOf(yamlText.slice(0, 32), block.start);
  return found >= 0 && found < block.end ? found : guess;
}

/** Trailing punctuation is not part of a key (`@a.`); a loop, as an anchored `[…]+$` is quadratic. */
function trimKeyEnd(key: string): string {
  let end = key.length;
  while (end > 0 && '.:#$%&-+?<>~/'.includes(key[end - 1]!)) end--;
  return key.slice(0, end);
}

/** Keys repeated in a mapping, as the parser reports them with `uniqueKeys` (equal scalars are equal keys). */
function duplicateKeys(doc: Document): { message: string; pos: [number, number] }[] {
  const found: { message: string; pos: [number, number] }[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        const id = isScalar(key) ? `${typeof key.value}:${String(key.value)}` : key;
        if (id === null || id === undefined) continue;
        if (seen.has(id) && isScalar(key) && key.range)
          found.push({ message: 'Map keys must be unique', pos: [key.range[0], key.range[1]] });
        seen.add(id);
      }
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/:\s*$/, '');
}
