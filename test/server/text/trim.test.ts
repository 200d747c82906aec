/** text/trim.ts: the regular-expression-free helpers do what the expressions they replace do. */
import { describe, expect, it } from 'vitest';
import { withoutPossessive } from '../../../server/src/text/trim.js';

describe('withoutPossessive', () => {
  it("drops a final 's, ’s, ' or ’ as /['’]s?$/ does", () => {
    const cases = ["Waltz's", 'Waltz’s', "Jones'", 'Jones’', 'Waltz', "O'Neil", "O'Neil's", "x''s", "s'", "'s", "'", 's', '', 'Katz’ss', "Katz''", 'Ross'];
    for (const s of cases) expect(withoutPossessive(s), s).toBe(s.replace(/['’]s?$/, ''));
    expect(withoutPossessive("Waltz's")).toBe('Waltz');
    expect(withoutPossessive("O'Neil")).toBe("O'Neil");
  });
});
