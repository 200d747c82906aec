import { describe, expect, it } from 'vitest';
import { outline, type OutlineNode } from '../../../server/src/analysis/outline.js';
import { snapshotOf } from '../fixture.js';

function print(nodes: readonly OutlineNode[], text: string, depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.kind} ${n.name}${n.detail ? ` (${n.detail})` : ''} [${text.slice(n.selectionRange.start, n.selectionRange.end).split('\n')[0]}]`,
    ...print(n.children, text, depth + 1),
  ]);
}

describe('outline', () => {
  it('gives the heading tree and the consequences by declared category with every mention', async () => {
    const { snapshot } = await snapshotOf(`//- /paper.md
---
marginalia:
  categories:
    - id: positive
      label: Positive consequences
    - id: negative
      label: Negative consequences
    - id: neutral
      label: Neutral consequences
  domains:
    - id: military
      label: Military
---
# 1 Introduction
## 1.1 Background
Text.
# 3 Discussion
The negatives: [sanctions]{.consequence category=negative key=sanctions}.
The positives: [deterrence]{.consequence category=positive key=deterrence domain=military}.
# 4 Conclusion
Deterrence again: [a stronger deterrent]{.consequence category=positive key=deterrence domain=military}.
`);
    expect(print(outline(snapshot), snapshot.manuscript.text)).toEqual([
      'section 1 Introduction [# 1 Introduction]',
      '  section 1.1 Background [## 1.1 Background]',
      'section 3 Discussion [# 3 Discussion]',
      'section 4 Conclusion [# 4 Conclusion]',
      'group Consequences (3 mentions) [deterrence]',
      '  category Positive consequences (1 consequence) [deterrence]',
      '    consequence deterrence (military · deterrence · 2 mentions) [deterrence]',
      '      mention deterrence (3 Discussion) [deterrence]',
      '      mention a stronger deterrent (4 Conclusion) [a stronger deterrent]',
      '  category Negative consequences (1 consequence) [sanctions]',
      '    consequence sanctions (sanctions · 1 mention) [sanctions]',
      '      mention sanctions (3 Discussion) [sanctions]',
      '  category Neutral consequences (0 consequences) []',
    ]);
  });

  it('has no consequences node when nothing is annotated', async () => {
    const { snapshot } = await snapshotOf(`//- /paper.md
# Only a heading
`);
    expect(outline(snapshot).map((n) => n.name)).toEqual(['Only a heading']);
  });
});
