import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { hover } from '../../../server/src/analysis/hover.js';
import { snapshotOf } from '../fixture.js';

async function hoverAt(text: string): Promise<string | undefined> {
  const { snapshot, fixture } = await snapshotOf(text);
  if (!fixture.cursor) throw new Error('fixture needs a cursor');
  return hover(snapshot, fixture.cursor.offset, { config: defaultConfig })?.markdown;
}

const bib = `//- /refs.bib
@article{katz2012russia,
  author = {Katz, Mark N.},
  title = {{Russia} and {Iran}},
  journal = {Middle East Policy},
  volume = {19}, number = {3}, pages = {54--64},
  year = {2012}
}
@article{maleki2009evolution,
  author = {Maleki, Abbas},
  title = {The Evolution of Iran-Russia Relations},
  journal = {Strategic Studies Journal},
  volume = {3}, number = {9},
  year = {2009},
  langid = {persian},
  note = {[In Persian]}
}
@online{eu2024sanctions,
  title = {EU extends sanctions on Iran},
  url = {https://www.aa.com.tr/en/x/3276000}
}
`;

describe('hover', () => {
  it('formats the reference with the CSL processor and says where it is cited', async () => {
    const md = await hoverAt(`//- /paper.md
---
bibliography: refs.bib
---
# 1 Introduction
Relations grew [@kat‸z2012russia].

# 3 Discussion
Again [see @katz2012russia, p. 60].
${bib}`);
    expect(md).toContain('Katz, M. N. (2012). Russia and Iran. *Middle East Policy*');
    expect(md).toContain('cited 2 times in this document: 1 Introduction; 3 Discussion');
    expect(md).not.toContain('Editorial');
  });

  it('notes the language of a non-English work and marks editorial citations', async () => {
    const md = await hoverAt(`//- /paper.md
---
bibliography: refs.bib
---
Relations evolved [[@maleki2009‸evolution]]{.editorial}.
${bib}`);
    expect(md).toContain('Maleki, A. (2009)');
    expect(md).toContain('Language: Persian');
    expect(md).toContain('*Editorial citation*');
  });

  it('links the URL of an online source', async () => {
    const md = await hoverAt(`//- /paper.md
---
bibliography: refs.bib
---
Sanctions were extended [@eu2024‸sanctions].
${bib}`);
    expect(md).toContain('[https://www.aa.com.tr/en/x/3276000](https://www.aa.com.tr/en/x/3276000)');
  });

  it('says a key is unknown and names the closest keys', async () => {
    const md = await hoverAt(`//- /paper.md
---
bibliography: refs.bib
---
Relations grew [@katz2012‸rusia].
${bib}`);
    expect(md).toBe("**Unknown key** `katz2012rusia`: not in refs.bib.\n\nClosest keys: `katz2012russia`");
  });

  it('says that an unknown key is in the bibliography but its entry could not be read', async () => {
    const md = await hoverAt(`//- /paper.md
---
bibliography: refs.bib
---
Relations grew [@broken‸2012].
//- /refs.bib
@article{broken2012, title = {Unclosed {brace, year = 2012}
`);
    expect(md).toBe('**Unreadable entry** `broken2012`: refs.bib has it, but the entry could not be read (line 1): Unbalanced braces: value is not closed before the end of the file.');
  });

  it('shows a consequence annotation with all its mentions', async () => {
    const md = await hoverAt(`//- /paper.md
---
marginalia:
  categories:
    - id: positive
      label: Positive consequences
---
# Discussion
It brings [increasing Iran's mil‸itary capability]{.consequence category=positive key=military-capability}.

# Conclusion
Above all, [a stronger army]{.consequence category=positive key=military-capability}.
`);
    expect(md).toBe(
      "**Positive consequences** · `military-capability`\n\n2 mentions:\n- “increasing Iran's military capability” (Discussion)\n- “a stronger army” (Conclusion)",
    );
  });

  it('gives nothing on plain text', async () => {
    expect(await hoverAt(`//- /paper.md
Plain te‸xt.
`)).toBeUndefined();
  });
});
