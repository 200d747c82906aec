import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { applySeverity } from '../../../server/src/analysis/diagnostic.js';
import { diagnose, diagnoseManuscript } from '../../../server/src/analysis/diagnostics/index.js';
import { snapshotOf } from '../fixture.js';

/** Compact printout: `code file "covered text" message`. */
async function check(text: string, config = defaultConfig): Promise<string[]> {
  const { snapshot, fixture } = await snapshotOf(text);
  return diagnose(snapshot, config).map((f) => {
    const source = f.file === snapshot.path ? snapshot.manuscript.text : (fixture.files[f.file] ?? '');
    return `${f.code} ${f.file} "${source.slice(f.range.start, f.range.end)}" ${f.message}`;
  });
}

const bib = `//- /refs.bib
@article{katz2012russia,
  author = {Katz, Mark N.},
  title = {Russia and Iran},
  journal = {Middle East Policy},
  year = {2012}
}
@book{waltz1979theory,
  author = {Waltz, Kenneth N.},
  title = {Theory of International Politics},
  publisher = {Addison-Wesley},
  year = {1979}
}
`;

describe('diagnostics', () => {
  it('reports an unknown key with the closest existing keys', async () => {
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
nocite: '@waltz1979theory'
---
Relations improved after 2011 [@katz2012rusia].
${bib}`);
    expect(out).toEqual([
      `unknown-key /paper.md "katz2012rusia" Unknown citation key 'katz2012rusia': not in refs.bib; did you mean 'katz2012russia'?`,
      `unused-reference /refs.bib "katz2012russia" Reference 'katz2012russia' is never cited in paper.md`,
    ]);
  });

  it("reports no unused reference when nocite lists them all ('@*')", async () => {
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
nocite: '@*'
---
Nothing is cited here.
${bib}`);
    expect(out.filter((l) => l.startsWith('unused-reference'))).toEqual([]);
  });

  it('reports an uncited claim with the rule that fired, and not a cited one', async () => {
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
---
# Introduction

Since 2011, studies have shown that Iran and Russia have increasingly focused on defense cooperation.

Since 2011, studies have shown that Iran and Russia have increasingly focused on defense cooperation [@katz2012russia].

Waltz argues that the structure of the system shapes the behaviour of states [@waltz1979theory].
${bib}`);
    const claims = out.filter((l) => l.startsWith('uncited-claim'));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(/^uncited-claim \/paper.md "Since 2011, studies have shown that Iran and Russia have increasingly focused on defense cooperation\." Uncited claim: .*'studies have shown'/);
  });

  it('names the author of an attributed view whose work is not cited', async () => {
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
---
# Introduction

Waltz argues that the international structure shapes the behaviour of states [@katz2012russia].
${bib}`);
    expect(out.filter((l) => l.startsWith('uncited-claim'))).toEqual([
      expect.stringMatching(/Waltz.*it cites katz2012russia but no reference by Waltz$/),
    ]);
  });

  it('honours {.no-claim} and {.claim} overrides', async () => {
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
nocite: '@*'
---
[Since 2011, Iran and Russia have increasingly focused on defense cooperation.]{.no-claim}

[Our reading is the only sensible one.]{.claim}
${bib}`);
    expect(out.filter((l) => !l.startsWith('unused-reference'))).toEqual([
      `uncited-claim /paper.md "Our reading is the only sensible one." Uncited claim: marked as a claim with {.claim}; no source is cited`,
    ]);
  });

  it('says that a cited key is in the bibliography but its entry could not be read, and where', async () => {
    const { snapshot } = await snapshotOf(`//- /paper.md
---
bibliography: refs.bib
---
Relations improved after 2011 [@broken2012].
//- /refs.bib
@article{broken2012,
  title = {Unclosed {brace,
  year = 2012
}
@book{waltz1979theory, title = {Theory of International Politics}, year = {1979}}
`);
    const unknown = diagnose(snapshot, defaultConfig).filter((f) => f.code === 'unknown-key');
    expect(unknown.map((f) => f.message)).toEqual([
      "Citation key 'broken2012' is in refs.bib, but its entry could not be read (line 2): Unbalanced braces: value is not closed before the next entry",
    ]);
    expect(unknown[0]!.related?.map((r) => r.file)).toEqual(['/refs.bib']);
  });

  it('reports a missing bibliography on its front-matter value', async () => {
    const out = await check(`//- /paper.md
---
bibliography: missing.bib
---
Text [@a].
`);
    expect(out[0]).toBe(`bibliography-not-found /paper.md "missing.bib" Bibliography 'missing.bib' not found (looked for /missing.bib)`);
    expect(out[1]).toMatch(/^unknown-key \/paper.md "a" /);
  });

  it('reports duplicate keys on the later definition, across files', async () => {
    const out = await check(`//- /paper.md
---
bibliography: [a.bib, b.bib]
nocite: '@*'
---
Nothing here.
//- /a.bib
@misc{same, title = {One}}
//- /b.bib
@misc{same, title = {Two}}
`);
    expect(out.filter((l) => !l.startsWith('unused-reference'))).toEqual([
      `duplicate-key /b.bib "same" Duplicate key 'same': already defined in a.bib`,
    ]);
  });

  it('checks consequence annotations against the declared vocabulary', async () => {
    const out = await check(`//- /paper.md
---
marginalia:
  categories:
    - id: positive
      label: Positive consequences
  domains:
    - id: military
      label: Military
---
We see [more arms]{.consequence category=positive key=arms domain=military} and
[fewer friends]{.consequence category=negtive key=friends domain=diplomacy} and
[a thing]{.consequence key=thing}.
`);
    expect(out).toEqual([
      `unknown-category /paper.md "negtive" Unknown consequence category 'negtive'; declared: positive`,
      `unknown-domain /paper.md "diplomacy" Unknown domain 'diplomacy'; declared: military`,
      `malformed-span /paper.md "{.consequence key=thing}" A .consequence span needs category=…`,
    ]);
  });

  it('keeps working through malformed front matter and bibliography entries', async () => {
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
title: [unclosed
---
Text [@good].
//- /refs.bib
@misc{good, title = {Fine}}
@misc{bad, title = {Unbalanced}
@misc{alsogood, title = {Fine too}}
`);
    expect(out.some((l) => l.startsWith('malformed-front-matter /paper.md'))).toBe(true);
    expect(out.some((l) => l.startsWith('malformed-bibliography /refs.bib'))).toBe(true);
    expect(out.some((l) => l.startsWith('unknown-key'))).toBe(false);
  });

  it('applies severity settings, including off', async () => {
    const { snapshot } = await snapshotOf(`//- /paper.md
Text [@nothing].
`);
    const findings = diagnose(snapshot, { ...defaultConfig, severity: { 'unknown-key': 'warning' } });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['unknown-key', 'warning']]);
    expect(diagnose(snapshot, { ...defaultConfig, severity: { 'unknown-key': 'off' } })).toEqual([]);
    // A setting that asks for the severity a finding has keeps the finding itself (republishing compares identity).
    const [finding] = diagnoseManuscript(snapshot, defaultConfig);
    expect(applySeverity([finding!], { ...defaultConfig, severity: { 'unknown-key': finding!.severity } })[0]).toBe(finding);
  });
});

describe('claim overrides', () => {
  it('lets the innermost override win, whichever way round they nest', async () => {
    const claims = async (md: string) => {
      const { snapshot } = await snapshotOf(`//- /p.md\n# Introduction\n\n${md}\n`);
      return snapshot.manuscript.sentences.map((s) => [s.override?.kind, s.isClaim]);
    };
    expect(await claims('[[Since 2011, relations have grown.]{.no-claim}]{.claim}')).toEqual([['no-claim', false]]);
    expect(await claims('[[Since 2011, relations have grown.]{.claim}]{.no-claim}')).toEqual([['claim', true]]);
  });
});

describe('attribution to authors of the bibliography', () => {
  it('knows a bibliography author named in a sentence that cites someone else', async () => {
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
nocite: '@*'
---
Katz showed that Russia sold the S-300 system to Iran [@waltz1979theory].
${bib}`);
    expect(out.filter((l) => l.startsWith('uncited-claim'))).toEqual([
      expect.stringMatching(/Katz.*it cites waltz1979theory but no reference by Katz$/),
    ]);
  });

  it('does not say a cited work is by someone else when it cannot know its authors', async () => {
    // Manubot resolves `@doi:` keys online when it builds; offline, the work's authors are unknown, so
    // "cites doi:… but no reference by Dunning" would be a guess (sbonaretti/FAIR_metrics cites
    // Dunning et al. through `@tag:tag_dunning` → a DOI).
    const out = await check(`//- /paper.md
---
bibliography: refs.bib
nocite: '@*'
---
Katz showed that Russia sold the S-300 system to Iran [@doi:10.2218/ijdc.v12i2.567].

Katz showed that Russia sold the S-300 system to Iran [@waltz1979theory; @doi:10.2218/ijdc.v12i2.567].
${bib}`);
    expect(out.filter((l) => l.startsWith('uncited-claim'))).toEqual([]);
  });
});
