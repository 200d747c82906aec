/**
 * Compact identifiers (CURIEs) Manubot resolves beyond its own handlers: since 0.5 it reads any prefix
 * of the Bioregistry (`@clinicaltrials:NCT03739372`, `@ncbigene:7157`) and cites the record the
 * registry points to. Marginalia works offline and ships no copy of the registry (~1,500 prefixes), so
 * it knows the prefixes manuscripts cite most; an accession is checked against the form of its
 * registry's identifiers, loosely, so that a valid identifier is never refused. A prefix missing here
 * is reported as an unknown key whose message says so (docs/diagnostics.md).
 */

export interface CuriePrefix {
  /** What a reader calls the registry. */
  readonly label: string;
  /** The form of an accession. */
  readonly pattern: RegExp;
  /** The form in words, for the message when an accession does not have it. */
  readonly form: string;
}

const digits = { pattern: /^[0-9]+$/, form: 'a number' };

/** Bioregistry prefix (lower case) to its registry. Synonyms Bioregistry normalises map to one entry. */
const PREFIXES: ReadonlyMap<string, CuriePrefix> = new Map<string, CuriePrefix>([
  ['clinicaltrials', { label: 'ClinicalTrials.gov record', pattern: /^NCT[0-9]{8}$/, form: "'NCT' followed by 8 digits" }],
  ['ncbigene', { label: 'NCBI Gene ID', ...digits }],
  ['ncbitaxon', { label: 'NCBI Taxonomy ID', ...digits }],
  ['taxonomy', { label: 'NCBI Taxonomy ID', ...digits }],
  ['uniprot', { label: 'UniProt accession', pattern: /^[A-Z0-9]{6,10}(?:-[0-9]+)?$/, form: 'six to ten capital letters and digits' }],
  ['pdb', { label: 'Protein Data Bank ID', pattern: /^[0-9][A-Za-z0-9]{3}$/, form: 'a digit and three letters or digits' }],
  ['hgnc', { label: 'HGNC ID', ...digits }],
  ['hgnc.symbol', { label: 'HGNC gene symbol', pattern: /^[A-Za-z0-9@._-]+$/, form: 'a gene symbol' }],
  ['ensembl', { label: 'Ensembl ID', pattern: /^ENS[A-Z]*[0-9]{6,}(?:\.[0-9]+)?$/, form: "'ENS', a species and kind code, and digits" }],
  ['geo', { label: 'GEO accession', pattern: /^G(?:PL|SM|SE|DS)[0-9]+$/, form: 'GPL, GSM, GSE or GDS followed by digits' }],
  ['sra', { label: 'SRA accession', pattern: /^[SED]R[APRSXZ][0-9]+$/, form: 'SRA, ERA or DRA (or R, S, X, Z) followed by digits' }],
  ['bioproject', { label: 'BioProject', pattern: /^PRJ[DEN][A-Z][0-9]+$/, form: "'PRJNA', 'PRJEB' or 'PRJDB' followed by digits" }],
  ['biosample', { label: 'BioSample', pattern: /^SAM[NED][A-Z]?[0-9]+$/, form: "'SAMN', 'SAME' or 'SAMD' followed by digits" }],
  ['arrayexpress', { label: 'ArrayExpress experiment', pattern: /^[AEP]-[A-Z]{4}-[0-9]+$/, form: 'like E-MTAB-1234' }],
  ['pubchem.compound', { label: 'PubChem compound', ...digits }],
  ['pubchem.substance', { label: 'PubChem substance', ...digits }],
  ['chebi', { label: 'ChEBI entity', pattern: /^(?:CHEBI:)?[0-9]+$/, form: 'a number' }],
  ['chembl.compound', { label: 'ChEMBL compound', pattern: /^CHEMBL[0-9]+$/, form: "'CHEMBL' followed by digits" }],
  ['drugbank', { label: 'DrugBank drug', pattern: /^DB[0-9]{5}$/, form: "'DB' followed by 5 digits" }],
  ['go', { label: 'Gene Ontology term', pattern: /^(?:GO:)?[0-9]{7}$/, form: '7 digits' }],
  ['mesh', { label: 'MeSH descriptor', pattern: /^(?:[A-Z][0-9]{6,9}|[A-Z][0-9]{2}(?:\.[0-9]{3})*)$/, form: 'a MeSH identifier (D012345) or tree number' }],
  ['omim', { label: 'OMIM entry', pattern: /^[*#+%^]?[0-9]{6}$/, form: '6 digits' }],
  ['doid', { label: 'Disease Ontology term', ...digits }],
  ['mondo', { label: 'Mondo disease', pattern: /^[0-9]{7}$/, form: '7 digits' }],
  ['hp', { label: 'Human Phenotype Ontology term', pattern: /^[0-9]{7}$/, form: '7 digits' }],
  ['dbsnp', { label: 'dbSNP variant', pattern: /^rs[0-9]+$/, form: "'rs' followed by digits" }],
  ['clinvar', { label: 'ClinVar variation', ...digits }],
  ['rrid', { label: 'Research Resource ID', pattern: /^[A-Za-z]+[_:-][A-Za-z0-9_:.-]+$/, form: 'a registry code and a number (AB_2313567, SCR_002798)' }],
  ['orcid', { label: 'ORCID iD', pattern: /^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$/, form: 'four groups of four digits (0000-0002-1825-0097)' }],
  ['ror', { label: 'ROR organisation', pattern: /^0[a-z0-9]{6}[0-9]{2}$/, form: "'0', six letters or digits and two digits" }],
  ['zenodo.record', { label: 'Zenodo record', ...digits }],
  ['pfam', { label: 'Pfam family', pattern: /^PF[0-9]{5}$/, form: "'PF' followed by 5 digits" }],
  ['interpro', { label: 'InterPro entry', pattern: /^IPR[0-9]{6}$/, form: "'IPR' followed by 6 digits" }],
  ['kegg.pathway', { label: 'KEGG pathway', pattern: /^[a-z]{2,4}[0-9]{5}$/, form: 'an organism code and 5 digits (hsa04110)' }],
  ['reactome', { label: 'Reactome pathway', pattern: /^R-[A-Z]{3}-[0-9]+(?:-[0-9]+)?$/, form: 'like R-HSA-123456' }],
]);

/** The registry a Bioregistry prefix names (case-insensitive), or undefined when Marginalia does not know it. */
export function curiePrefix(prefix: string): CuriePrefix | undefined {
  return PREFIXES.get(prefix.toLowerCase());
}
