/**
 * Manubot manuscripts: `content/NN.name.md` chapters with `manual-references*` as bibliography,
 * persistent-identifier keys Manubot resolves when it builds, aliases, and pandoc-xnos cross-references.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { citationAliases, citationTagTable, persistentId } from '../../../server/src/bibliography/manubot-citekeys.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { NodeFileSystem } from '../../../server/src/files/node-file-system.js';
import { Host } from '../../../server/src/workspace/host.js';
import { sharedData } from '../../shared-data.js';

const manual = JSON.stringify([{ id: 'raw:amber2018', type: 'webpage', title: 'The Amber Molecular Dynamics Package', issued: { 'date-parts': [[2018]] } }]);

const abstract = `## Abstract

Deep learning changed biology [@doi:10.1038/nature14539; @deep-review].

[@deep-review]: doi:10.1098/rsif.2017.0387
`;

const intro = `## Introduction

Reviews agree [@deep-review], as does a book [@isbn:9780262035613].
Preprints are common [@arxiv:1512.03385; @pmid:26017442; @pmcid:PMC4990127].
The package is described online [@raw:amber2018] and on Wikidata [@wikidata:Q28946449].
Figure @fig:overview shows the design, which @tbl:results sums up.
Broken: [@doi:nature14539], [@pmid:abc], [@isbn:9780262035614], [@tag:missing].
Trials [@clinicaltrials:NCT03739372; @ClinicalTrials:NCT0373] and genes [@ncbigene:7157; @nosuchregistry:42].
A tagged work [@tag:lecun].
`;

function project(extra: Record<string, string> = {}): MemoryFileSystem {
  return new MemoryFileSystem({
    '/paper/content/01.abstract.md': abstract,
    '/paper/content/02.intro.md': intro,
    '/paper/content/manual-references.json': manual,
    '/paper/content/metadata.yaml': 'title: Deep learning\n',
    '/paper/content/citation-tags.tsv': 'tag\tcitation\nlecun\tdoi:10.1038/nature14539\n',
    ...extra,
  });
}

const unknown = async (fs: MemoryFileSystem, file: string) =>
  diagnose((await new Host(fs).snapshot(file))!, defaultConfig)
    .filter((d) => d.code === 'unknown-key')
    .map((d) => d.message);

describe('Manubot manuscripts', () => {
  it('reads a content folder as one manuscript: chapters in name order, manual references as bibliography', async () => {
    const s = (await new Host(project()).snapshot('/paper/content/02.intro.md'))!;
    expect(s.project).toMatchObject({
      kind: 'manubot',
      config: '/paper/content/metadata.yaml',
      chapters: ['/paper/content/01.abstract.md', '/paper/content/02.intro.md'],
      bibliography: ['/paper/content/manual-references.json'],
    });
    expect(s.entries.has('raw:amber2018')).toBe(true);
  });

  it('accepts well-formed identifiers, aliases from other chapters and tag tables, and cross-references; reports malformed ones with the reason', async () => {
    expect(await unknown(project(), '/paper/content/02.intro.md')).toEqual([
      "Unknown citation key 'doi:nature14539': Manubot cannot resolve this DOI: a DOI starts with '10.' (or '10/' for a shortDOI)",
      "Unknown citation key 'pmid:abc': Manubot cannot resolve this PubMed ID: a PubMed ID is a number (1 to 10 digits)",
      "Unknown citation key 'isbn:9780262035614': Manubot cannot resolve this ISBN: it is not a valid ISBN-10 or ISBN-13 (its check digit does not match)",
      "Unknown citation key 'tag:missing': no `[@tag:…]: …` line in the manuscript and no row of a citation-tags.tsv beside the chapters defines this tag",
      "Unknown citation key 'ClinicalTrials:NCT0373': Manubot cannot resolve this ClinicalTrials.gov record: its accession should be 'NCT' followed by 8 digits",
      "Unknown citation key 'nosuchregistry:42': not in /paper/content/manual-references.json, and 'nosuchregistry' is none of Manubot's prefixes that Marginalia knows (if the Bioregistry has it, Manubot may still resolve it)",
    ]);
    // The chapter that defines the alias uses it too.
    expect(await unknown(project(), '/paper/content/01.abstract.md')).toEqual([]);
  });

  it('sees an alias added to another chapter once that chapter is saved', async () => {
    const fs = project({ '/paper/content/01.abstract.md': '## Abstract\n\nText [@doi:10.1038/nature14539].\n' });
    const host = new Host(fs);
    const count = async () => diagnose((await host.snapshot('/paper/content/02.intro.md'))!, defaultConfig).filter((d) => d.message.includes("'deep-review'")).length;
    expect(await count()).toBe(1);
    fs.write('/paper/content/01.abstract.md', abstract);
    expect(await count()).toBe(0);
  });

  it('sees a row added to citation-tags.tsv', async () => {
    const fs = project({ '/paper/content/citation-tags.tsv': 'tag\tcitation\n' });
    const host = new Host(fs);
    const count = async () => diagnose((await host.snapshot('/paper/content/02.intro.md'))!, defaultConfig).filter((d) => d.message.includes("'tag:lecun'")).length;
    expect(await count()).toBe(1);
    fs.write('/paper/content/citation-tags.tsv', 'tag\tcitation\nlecun\tdoi:10.1038/nature14539\n');
    expect(await count()).toBe(0);
  });

  it('hovers an identifier with its link and says nothing is looked up online', async () => {
    const s = (await new Host(project()).snapshot('/paper/content/01.abstract.md'))!;
    const at = abstract.indexOf('doi:10.1038') + 3;
    const h = hover(s, at, { config: defaultConfig })!;
    expect(h.markdown).toContain('**DOI** `10.1038/nature14539` — <https://doi.org/10.1038/nature14539>');
    expect(h.markdown).toContain('does not look identifiers up online');
    const trial = hover((await new Host(project()).snapshot('/paper/content/02.intro.md'))!, intro.indexOf('clinicaltrials:') + 3, { config: defaultConfig })!;
    expect(trial.markdown).toContain('**ClinicalTrials.gov record** `NCT03739372` — <https://bioregistry.io/clinicaltrials:NCT03739372>');
    const alias = hover(s, abstract.indexOf('@deep-review') + 2, { config: defaultConfig })!;
    expect(alias.markdown).toContain('Alias of the **DOI** `10.1098/rsif.2017.0387`');
  });

  it('is no Manubot project without Manubot files: there a doi: key is unknown, as Pandoc alone would print it', async () => {
    const fs = new MemoryFileSystem({ '/notes/01.day.md': 'A note [@doi:10.1038/nature14539].\n' });
    const s = (await new Host(fs).snapshot('/notes/01.day.md'))!;
    expect(s.project).toBeUndefined();
    expect(diagnose(s, defaultConfig).filter((d) => d.code === 'unknown-key')).toHaveLength(1);
  });

  it('reads alias lines outside code fences only, and the tag table by its header', () => {
    expect([...citationAliases('[@a]: doi:10.1/x\n```\n[@b]: doi:10.1/y\n```\n   [@c]:  url:https://e.org \n[@d]: two words\n')]).toEqual([
      ['a', 'doi:10.1/x'],
      ['c', 'url:https://e.org'],
    ]);
    expect([...citationTagTable('citation\ttag\ndoi:10.1/x\tlecun\n\n')]).toEqual([['tag:lecun', 'doi:10.1/x']]);
    expect(citationTagTable('name\tvalue\nlecun\tdoi:10.1/x\n').size).toBe(0);
  });

  it.each([
    ['doi:10.1038/nature14539', undefined],
    ['DOI:10.1038/nature14539', undefined],
    ['shortdoi:10/c7np', undefined],
    ['doi:10.12/x', 'it does not have the form of a DOI (10.NNNN/…)'],
    ['arxiv:1512.03385v2', undefined],
    ['arxiv:hep-th/9711200', undefined],
    ['arxiv:15.12', 'it has neither form of an arXiv ID (1512.03385 or hep-th/9711200)'],
    ['isbn:0-262-03561-8', undefined],
    ['isbn:978-0-262-03561-3', undefined],
    ['pmc:PMC4990127', undefined],
    ['pmcid:4990127', "a PubMed Central ID is 'PMC' followed by digits"],
    ['https://example.org/paper', undefined],
    ['url:example.org', 'a URL citation starts with http:// or https://'],
    ['wikidata:Q28946449', undefined],
    ['clinicaltrials:NCT03739372', undefined],
    ['ncbigene:7157', undefined],
    ['ncbigene:TP53', 'its accession should be a number'],
    ['ensembl:ENSG00000141510', undefined],
    ['ensembl:ENSMUSG00000059552.9', undefined],
    ['go:0008150', undefined],
    ['GO:GO:0008150', undefined],
    ['uniprot:P04637', undefined],
    ['uniprot:P04637-2', undefined],
    ['pdb:1TUP', undefined],
    ['geo:GSE12345', undefined],
    ['dbsnp:rs12345', undefined],
    ['orcid:0000-0002-1825-0097', undefined],
    ['rrid:AB_2313567', undefined],
    ['mesh:D012345', undefined],
  ])('%s: %s', (key, problem) => {
    const id = persistentId(key)!;
    expect(id).toBeDefined();
    expect(id.problem).toBe(problem);
  });

  it('names no identifier for keys without a Manubot prefix', () => {
    expect(persistentId('katz2012russia')).toBeUndefined();
    expect(persistentId('fig:overview')).toBeUndefined();
    expect(persistentId('raw:amber2018')).toBeUndefined();
    expect(persistentId('nosuchregistry:42')).toBeUndefined();
    // Names of Object.prototype are no prefixes.
    expect(persistentId('constructor:x')).toBeUndefined();
    expect(persistentId('__proto__:x')).toBeUndefined();
  });

  const deepReview = sharedData('deep-review');
  it.skipIf(!deepReview.present)(
    `deep-review (a real Manubot manuscript): every key left unknown is a tag whose table the data does not include${deepReview.skipNote}`,
    async () => {
      const chapters = readdirSync(deepReview.path).filter((n) => /^\d+\..*\.md$/.test(n));
      const host = new Host(new NodeFileSystem());
      const keys: string[] = [];
      let citations = 0;
      for (const name of chapters) {
        const s = (await host.snapshot(path.join(deepReview.path, name)))!;
        expect(s.project?.kind).toBe('manubot');
        citations += s.manuscript.citations.length;
        for (const d of diagnose(s, defaultConfig)) if (d.code === 'unknown-key') keys.push(/'([^']+)'/.exec(d.message)![1]!);
      }
      expect(citations).toBeGreaterThan(800);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((k) => !k.startsWith('tag:'))).toEqual([]);
    },
  );
});
