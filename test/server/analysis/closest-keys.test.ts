import { describe, expect, it } from 'vitest';
import { closestKeys } from '../../../server/src/analysis/closest-keys.js';

const keys = ['katz2012russia', 'kozhanov2015understanding', 'kolayi2016ups', 'kolayi2023effect', 'maleki2009evolution'];

describe('closestKeys', () => {
  it('suggests the key a typo came from', () => {
    expect(closestKeys('katz2012rusia', keys)[0]).toBe('katz2012russia');
    expect(closestKeys('kozhanov2015', keys)).toEqual(['kozhanov2015understanding']);
  });

  it('ranks by distance and keeps at most three', () => {
    expect(closestKeys('kolayi2016', keys)).toEqual(['kolayi2016ups', 'kolayi2023effect']);
  });

  it('suggests nothing for a key that resembles none', () => {
    expect(closestKeys('smith1999quantum', keys)).toEqual([]);
  });
});
