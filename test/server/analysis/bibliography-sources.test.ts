/** Manuscripts whose references come from CSL-JSON, CSL-YAML files or inline front matter. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { snapshotOf } from '../fixture.js';

async function check(text: string) {
  const { snapshot, fixture } = await snapshotOf(text);
  const codes = diagnose(snapshot, defaultConfig).map((f) => `${f.code} ${f.file}`);
  const h = fixture.cursor ? hover(snapshot, fixture.cursor.offset, { config: defaultConfig })?.markdown : undefined;
  return { codes, hover: h, snapshot };
}

describe('bibliography sources', () => {
  it('reads a CSL-JSON bibliography', async () => {
    const r = await check(`//- /paper.md
---
bibliography: refs.json
---
Relations grew [@ka‸tz].
//- /refs.json
[{"id": "katz", "type": "article-journal", "title": "Russia and Iran", "author": [{"family": "Katz", "given": "Mark N."}],
  "container-title": "Middle East Policy", "issued": {"date-parts": [[2012]]}},
 {"id": "unused", "type": "book", "title": "Never cited"}]
`);
    expect(r.codes).toEqual(['unused-reference /refs.json']);
    expect(r.hover).toContain('Katz, M. N. (2012). Russia and Iran. *Middle East Policy*.');
  });

  it('reads a CSL-YAML bibliography file', async () => {
    const r = await check(`//- /paper.md
---
bibliography: refs.yaml
---
Relations grew [@ka‸tz].
//- /refs.yaml
references:
  - id: katz
    type: article-journal
    title: Russia and Iran
    author:
      - family: Katz
        given: Mark N.
    issued: 2012
`);
    expect(r.codes).toEqual([]);
    // No container title: APA italicises the title.
    expect(r.hover).toContain('Katz, M. N. (2012). *Russia and Iran*.');
  });

  it('reads inline references from the front matter, which win over the files', async () => {
    const r = await check(`//- /paper.md
---
bibliography: refs.bib
references:
  - id: katz
    type: book
    title: The inline one
    issued: 2020
---
See [@ka‸tz].
//- /refs.bib
@book{katz, title = {The file one}, year = {2012}}
`);
    expect(r.hover).toContain('The inline one');
    expect(r.codes).toEqual(['duplicate-key /refs.bib']);
  });
});
