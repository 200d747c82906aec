import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closestKeys, KeySearch } from '../../../server/src/analysis/closest-keys.js';

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

/** The definition: full Levenshtein distance over UTF-16 units, every candidate scored and sorted. */
function reference(wanted: string, keys: readonly string[], limit = 3): string[] {
  const lev = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = cur;
    }
    return prev[b.length]!;
  };
  const w = wanted.toLowerCase();
  const budget = Math.max(2, Math.floor(w.length / 3));
  const scored = keys.flatMap((key) => {
    const k = key.toLowerCase();
    let score = lev(w, k);
    if (k.startsWith(w) || w.startsWith(k)) score = Math.min(score, 1);
    else if (w.length >= 4 && k.includes(w.slice(0, Math.min(w.length, 6)))) score = Math.min(score, budget);
    return score <= budget ? [{ key, score }] : [];
  });
  scored.sort((a, b) => a.score - b.score || a.key.localeCompare(b.key));
  return scored.slice(0, limit).map((s) => s.key);
}

describe('closestKeys against its definition', () => {
  const key = fc.array(fc.constantFrom('a', 'b', 'K', 'k', '1', '-', 'é', 'E', 'É', '\u0130'), { maxLength: 12 }).map((cs) => cs.join(''));
  it('gives the same keys in the same order as scoring and sorting every key', () => {
    fc.assert(
      fc.property(key, fc.uniqueArray(key, { maxLength: 40 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 5 }), (typed, keys, cut, limit) => {
        // Also a key being typed: a prefix of one of the keys.
        const wanted = cut > 0 && keys.length > 0 ? keys[0]!.slice(0, cut) : typed;
        expect(closestKeys(wanted, keys, limit)).toEqual(reference(wanted, keys, limit));
      }),
      { seed: Number(process.env['FUZZ_SEED'] ?? 20261201), numRuns: Number(process.env['FUZZ_RUNS'] ?? 3000) },
    );
  });

  // Keys of every length around the bit-parallel distance's 32 units (DOIs, Manubot tags), searched
  // one after the other in the same prepared library, as the host does.
  const long = fc
    .array(fc.constantFrom('a', 'b', 'K', 'k', '1', '/', '.', 'é', 'É', '\u0130', '😀'), { minLength: 0, maxLength: 40 })
    .map((cs) => cs.join(''));
  it('gives the same answers for keys up to 40 units, from one prepared library searched many times', () => {
    fc.assert(
      fc.property(fc.uniqueArray(long, { maxLength: 30 }), fc.array(long, { minLength: 1, maxLength: 6 }), (keys, wanted) => {
        const search = new KeySearch(keys);
        for (const w of [...wanted, ...keys.slice(0, 3).map((k) => k.slice(0, -1) + 'x')]) expect(search.closest(w)).toEqual(reference(w, keys));
      }),
      { seed: Number(process.env['FUZZ_SEED'] ?? 20261202), numRuns: Number(process.env['FUZZ_RUNS'] ?? 1500) },
    );
  });
});
