/**
 * Suggests the existing keys nearest to a mistyped one (edit distance, with a bonus for shared prefixes).
 * Asked for every unknown key, so for every prefix of a key being typed against the whole library (30,000
 * keys): the distance is computed in a band of width `budget` with two reused rows, and only the best
 * `limit` are kept (in `localeCompare` order among equal scores) rather than every candidate sorted.
 */
export function closestKeys(wanted: string, keys: Iterable<string>, limit = 3): string[] {
  const w = wanted.toLowerCase();
  const budget = Math.max(2, Math.floor(w.length / 3));
  const rows = new Rows();
  const before = (a: Scored, b: Scored) => a.score - b.score || a.key.localeCompare(b.key);
  // The best so far, in order: a new candidate goes after those it does not beat (a stable sort's order).
  const best: Scored[] = [];
  const head = w.length >= 4 ? w.slice(0, Math.min(w.length, 6)) : undefined;
  const w0 = w.charCodeAt(0);
  for (const key of keys) {
    // Without `head`, a key longer than `w` by more than the budget (lower case never shortens a string)
    // can only be kept if it starts with `w`: most keys fail on their first character, not lower-cased.
    if (head === undefined && w.length > 0 && key.length > w.length + budget) {
      const c = key.charCodeAt(0);
      if (c < 128 && (c >= 65 && c <= 90 ? c + 32 : c) !== w0) continue;
    }
    const k = key.toLowerCase();
    let score = rows.distance(w, k, budget + 1);
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

interface Scored {
  readonly key: string;
  readonly score: number;
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
