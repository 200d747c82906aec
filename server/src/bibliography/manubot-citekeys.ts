/**
 * How Manubot reads citation keys. Persistent-identifier keys (`@doi:10.1038/nature14539`, `@pmid:26017442`,
 * `@arxiv:1512.03385`, `@isbn:…`, `@url:https://…`, `@wikidata:Q…`). Manubot fetches their metadata
 * online when the manuscript is built; Marginalia never does (manuscript text and the identifiers it
 * cites stay on the machine), so such a key is accepted when its accession has the form Manubot checks,
 * and reported with Manubot's reason when it does not. Patterns follow Manubot's handlers
 * (manubot/cite/*.py: `accession_pattern`, `inspect`). A line `[@alias]: doi:…` defines an alias.
 */
import { curiePrefix } from './bioregistry-prefixes.js';

export interface PersistentId {
  /**
   * Manubot's standard prefix (`doi`, `pubmed`, `pmc`, `arxiv`, `isbn`, `url`, `wikidata`), or `curie`
   * for a prefix of the Bioregistry (`clinicaltrials:NCT03739372`, bibliography/bioregistry-prefixes.ts).
   */
  readonly kind: 'doi' | 'pubmed' | 'pmc' | 'arxiv' | 'isbn' | 'url' | 'wikidata' | 'curie';
  /** What a reader calls it: "DOI", "PubMed ID", … */
  readonly label: string;
  readonly accession: string;
  /** Where the identifier resolves (a link for the hover; never fetched here). */
  readonly url?: string;
  /** Why Manubot would refuse it, when it would. */
  readonly problem?: string;
}

/** Prefixes Manubot reads as a persistent identifier, each to its standard prefix (case-insensitive). */
const PREFIXES: Record<string, Exclude<PersistentId['kind'], 'curie'>> = {
  doi: 'doi',
  shortdoi: 'doi',
  pmid: 'pubmed',
  pubmed: 'pubmed',
  pmc: 'pmc',
  pmcid: 'pmc',
  arxiv: 'arxiv',
  isbn: 'isbn',
  url: 'url',
  http: 'url',
  https: 'url',
  wikidata: 'wikidata',
};

/** The persistent identifier a citation key names, or undefined when its prefix is none of Manubot's. */
export function persistentId(key: string): PersistentId | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon).toLowerCase();
  // Own keys only: `@constructor:x` must not find Object.prototype's.
  const kind = Object.hasOwn(PREFIXES, prefix) ? PREFIXES[prefix] : undefined;
  if (!kind) return bioregistryId(prefix, key.slice(colon + 1));
  // `@https://…` keeps its scheme: the accession is the whole URL.
  const accession = prefix === 'http' || prefix === 'https' ? key : key.slice(colon + 1);
  return { kind, ...describe(kind, accession) };
}

/** A Bioregistry CURIE Manubot resolves through the registry's resolver. */
function bioregistryId(prefix: string, accession: string): PersistentId | undefined {
  const registry = curiePrefix(prefix);
  if (!registry) return undefined;
  const label = registry.label;
  return registry.pattern.test(accession)
    ? { kind: 'curie', label, accession, url: `https://bioregistry.io/${prefix}:${accession}` }
    : { kind: 'curie', label, accession, problem: `its accession should be ${registry.form}` };
}

function describe(kind: Exclude<PersistentId['kind'], 'curie'>, a: string): Omit<PersistentId, 'kind'> {
  switch (kind) {
    case 'doi':
      if (a.startsWith('10.'))
        return /^10\.[0-9]{4,9}\/\S+$/.test(a)
          ? { label: 'DOI', accession: a, url: `https://doi.org/${a}` }
          : { label: 'DOI', accession: a, problem: 'it does not have the form of a DOI (10.NNNN/…)' };
      if (a.startsWith('10/'))
        return /^10\/[a-zA-Z0-9]+$/.test(a)
          ? { label: 'shortDOI', accession: a, url: `https://doi.org/${a.slice(3)}` }
          : { label: 'shortDOI', accession: a, problem: 'it does not have the form of a shortDOI (10/ and letters or digits)' };
      return { label: 'DOI', accession: a, problem: "a DOI starts with '10.' (or '10/' for a shortDOI)" };
    case 'pubmed':
      return /^[1-9][0-9]{0,9}$/.test(a)
        ? { label: 'PubMed ID', accession: a, url: `https://pubmed.ncbi.nlm.nih.gov/${a}/` }
        : { label: 'PubMed ID', accession: a, problem: 'a PubMed ID is a number (1 to 10 digits)' };
    case 'pmc':
      return /^PMC[0-9]+$/.test(a)
        ? { label: 'PubMed Central ID', accession: a, url: `https://www.ncbi.nlm.nih.gov/pmc/articles/${a}/` }
        : { label: 'PubMed Central ID', accession: a, problem: "a PubMed Central ID is 'PMC' followed by digits" };
    case 'arxiv':
      // New-style 1512.03385 (with an optional version), or old-style hep-th/9711200.
      return /^(?:[0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/[0-9]{7})(?:v[0-9]+)?$/.test(a)
        ? { label: 'arXiv ID', accession: a, url: `https://arxiv.org/abs/${a}` }
        : { label: 'arXiv ID', accession: a, problem: 'it has neither form of an arXiv ID (1512.03385 or hep-th/9711200)' };
    case 'isbn':
      return isbnValid(a)
        ? { label: 'ISBN', accession: a }
        : { label: 'ISBN', accession: a, problem: 'it is not a valid ISBN-10 or ISBN-13 (its check digit does not match)' };
    case 'url':
      return /^https?:\/\/[^\s/]+/.test(a)
        ? { label: 'URL', accession: a, url: a }
        : { label: 'URL', accession: a, problem: 'a URL citation starts with http:// or https://' };
    case 'wikidata':
      return /^Q[0-9]+$/.test(a)
        ? { label: 'Wikidata item', accession: a, url: `https://www.wikidata.org/wiki/${a}` }
        : { label: 'Wikidata item', accession: a, problem: "a Wikidata item is 'Q' followed by digits" };
  }
}

/** ISBN-10 or ISBN-13 with hyphens or spaces allowed, checked by its check digit. */
function isbnValid(isbn: string): boolean {
  const s = isbn.replace(/[-\s]/g, '').toUpperCase();
  if (/^[0-9]{9}[0-9X]$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (10 - i) * (s[i] === 'X' ? 10 : Number(s[i]));
    return sum % 11 === 0;
  }
  if (/^97[89][0-9]{10}$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += (i % 2 ? 3 : 1) * Number(s[i]);
    return sum % 10 === 0;
  }
  return false;
}

/** A Manubot citation alias line: `[@alias]: target` alone on its line (outside code fences). */
const ALIAS_LINE = /^ {0,3}\[@([^\]\s]+)\]:[ \t]*(\S+)[ \t]*$/;

/** Manubot's citation aliases defined in `text`, alias to target (`deep-review` to `doi:10.1098/…`). */
export function citationAliases(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let fence: string | undefined;
  for (const line of text.split(/\r\n?|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence) continue;
    const m = ALIAS_LINE.exec(line);
    if (m && !out.has(m[1]!)) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** `content/citation-tags.tsv` (Manubot before 0.4): a `tag`/`citation` table; each row is the alias `tag:NAME`. */
export function citationTagTable(tsv: string): Map<string, string> {
  const out = new Map<string, string>();
  const [header, ...rows] = tsv.split(/\r\n?|\n/);
  const columns = (header ?? '').split('\t').map((c) => c.trim().toLowerCase());
  const tag = columns.indexOf('tag');
  const citation = columns.indexOf('citation');
  if (tag < 0 || citation < 0) return out;
  for (const row of rows) {
    const cells = row.split('\t').map((c) => c.trim());
    const name = cells[tag];
    const target = cells[citation];
    if (name && target && !out.has(`tag:${name}`)) out.set(`tag:${name}`, target);
  }
  return out;
}
