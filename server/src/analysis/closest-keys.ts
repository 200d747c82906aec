/**
 * Suggests the existing keys nearest to a mistyped one (edit distance, with a bonus for shared prefixes).
 * Asked for every unknown key, and again for each after every change of the library: a manuscript whose
 * 300 keys are unknown to a 30,000-entry library (a first export in another key format) is 9 million
 * distances. So a library's keys are prepared once (`KeySearch`: lower-cased, kept by the host per key
 * index), and the distance of a key of up to 32 UTF-16 units to each candidate is computed with Myers'
 * bit-parallel algorithm (one machine word per column; "A fast bit-vector algorithm for approximate
 * string matching based on dynamic programming", J. ACM 1999, in Hyyrö's form for edit distance), longer
 * ones in a band of width `budget` with two reused rows. Only the best `limit` are kept (in `localeCompare`
 * order among equal scores) rather than every candidate sorted.
 */
export class KeySearch {
  private readonly keys: string[] = [];
  private readonly lower: string[] = [];
  private readonly rows = new Rows();
  private readonly pattern = new Pattern();

  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      this.keys.push(key);
      this.lower.push(key.toLowerCase());
    }
  }

  /** The keys nearest to `wanted`, at most `limit`, nearest first. */
  closest(wanted: string, limit = 3): string[] {
    const w = wanted.toLowerCase();
    const budget = Math.max(2, Math.floor(w.length / 3));
    const cap = budget + 1;
    const bitParallel = w.length <= 32;
    if (bitParallel) this.pattern.set(w);
    const before = (a: Scored, b: Scored) => a.score - b.score || a.key.localeCompare(b.key);
    // The best so far, in order: a new candidate goes after those it does not beat (a stable sort's order).
    const best: Scored[] = [];
    const head = w.length >= 4 ? w.slice(0, Math.min(w.length, 6)) : undefined;
    const w0 = w.charCodeAt(0);
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      // Without `head`, a key longer than `w` by more than the budget (lower case never shortens a string)
      // can only be kept if it starts with `w`: most keys fail on their first character, not lower-cased.
      if (head === undefined && w.length > 0 && key.length > w.length + budget) {
        const c = key.charCodeAt(0);
        if (c < 128 && (c >= 65 && c <= 90 ? c + 32 : c) !== w0) continue;
      }
      const k = this.lower[i]!;
      let score = Math.abs(w.length - k.length) >= cap ? cap : bitParallel ? this.pattern.distance(k, cap) : this.rows.distance(w, k, cap);
      if (k.startsWith(w) || w.startsWith(k)) score = Math.min(score, 1);
      else if (head !== undefined && k.includes(head)) score = Math.min(score, budget);
      if (score > budget) continue;
      const scored = { key, score };
      if (best.length >= limit && before(scored, best[best.length - 1]!) >= 0) continue;
      let at = best.length;
      while (at > 0 && before(scored, best[at - 1]!) < 0) at--;
      best.splice(at, 0, scored);
      if (best.length > limit) best.pop();
    }
    return best.map((s) => s.key);
  }
}

/** The keys of `keys` nearest to `wanted` (one search; a `KeySearch` serves many). */
export function closestKeys(wanted: string, keys: Iterable<string>, limit = 3): string[] {
  return new KeySearch(keys).closest(wanted, limit);
}

interface Scored {
  readonly key: string;
  readonly score: number;
}

/**
 * A pattern of at most 32 UTF-16 units as bit masks: bit i of `mask(c)` is set where the pattern's unit
 * i is c. Reused from search to search.
 */
class Pattern {
  private readonly ascii = new Int32Array(128);
  private readonly other = new Map<number, number>();
  private text = '';

  set(pattern: string): void {
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c < 128) this.ascii[c] = 0;
    }
    this.other.clear();
    this.text = pattern;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (c < 128) this.ascii[c]! |= 1 << i;
      else this.other.set(c, (this.other.get(c) ?? 0) | (1 << i));
    }
  }

  /**
   * Levenshtein distance of UTF-16 units between the pattern and `text`, or `cap` when it is `cap` or
   * more. The vertical deltas of one column of the table are two words (+1 and -1 bits); each unit of
   * `text` advances a column in a few word operations. The score is the table's last row; the search
   * stops when the units left can no longer bring it under `cap`.
   */
  distance(text: string, cap: number): number {
    const m = this.text.length;
    if (m === 0) return Math.min(text.length, cap);
    const high = 1 << (m - 1);
    let pv = -1;
    let mv = 0;
    let score = m;
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j);
      const eq = c < 128 ? this.ascii[c]! : (this.other.get(c) ?? 0);
      const xv = eq | mv;
      // Sums wrap modulo 2^32 where `^` converts them back to 32 bits, as machine words do.
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score++;
      else if (mh & high) score--;
      // The first row is 0, 1, 2…: a +1 enters every column at the top.
      ph = (ph << 1) | 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score - (text.length - j - 1) >= cap) return cap;
    }
    return Math.min(score, cap);
  }
}

/** Two rows of the distance table, grown as keys need. */
class Rows {
  private prev = new Int32Array(64);
  private cur = new Int32Array(64);

  /**
   * Levenshtein distance of UTF-16 units, or `cap` when it is `cap` or more: only cells within `cap` of
   * the diagonal can be under it, and the search stops when a whole row reaches it.
   */
  distance(a: string, b: string, cap: number): number {
    if (Math.abs(a.length - b.length) >= cap) return cap;
    if (this.prev.length <= b.length) {
      this.prev = new Int32Array(b.length * 2 + 1);
      this.cur = new Int32Array(b.length * 2 + 1);
    }
    let prev = this.prev;
    let cur = this.cur;
    for (let j = 0; j <= b.length; j++) prev[j] = Math.min(j, cap);
    for (let i = 1; i <= a.length; i++) {
      const from = Math.max(1, i - cap + 1);
      const to = Math.min(b.length, i + cap - 1);
      cur[0] = Math.min(i, cap);
      if (from > 1) cur[from - 1] = cap;
      let rowMin = cur[0]!;
      const ai = a.charCodeAt(i - 1);
      for (let j = from; j <= to; j++) {
        const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1), cap);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (to < b.length) cur[to + 1] = cap;
      if (rowMin >= cap) return cap;
      const t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length]!, cap);
  }
}
