/**
 * The labels a slice may refer to (syntax/referenced-labels.ts): a superset of its references' labels,
 * normalised as micromark normalises them, so that a slice is given only the definitions it can use.
 */
import { describe, expect, it } from 'vitest';
import { labelKey, mayRefer, referencedLabels } from '../../../server/src/syntax/referenced-labels.js';
import { parseMarkdown } from '../../../server/src/syntax/parse.js';

describe('referencedLabels', () => {
  it('finds full, collapsed and shortcut references and footnote calls, normalised', () => {
    const found = referencedLabels('A [text][The  Label], [Other][] and [third]. A note[^Note 1].');
    for (const [footnote, label] of [
      [false, 'the label'],
      [false, 'other'],
      [false, 'THIRD'],
      [true, 'note 1'],
    ] as const)
      expect(mayRefer(found, footnote, label)).toBe(true);
    expect(mayRefer(found, false, 'absent')).toBe(false);
    expect(mayRefer(found, true, 'other')).toBe(false);
  });

  it('reads a label over lines of a block quote as micromark does', () => {
    const text = '> See [a\n> quote  label].\n\n[A quote label]: /q\n';
    const definition = parseMarkdown(text).tree.children[1];
    expect(definition?.type).toBe('definition');
    expect(referencedLabels(text).has(labelKey(false, definition?.type === 'definition' ? definition.label! : ''))).toBe(true);
  });

  it('assumes a label with a bracket or a backslash is referred to', () => {
    expect(mayRefer(new Set(), false, 'a\\]b')).toBe(true);
    expect(mayRefer(new Set(), true, 'x\\y')).toBe(true);
  });
});
