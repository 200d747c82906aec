/** Suggests the existing keys nearest to a mistyped one (edit distance, with a bonus for shared prefixes). */
export function closestKeys(wanted: string, keys: Iterable<string>, limit = 3): string[] {
  const w = wanted.toLowerCase();
  const budget = Math.max(2, Math.floor(w.length / 3));
  const scored: { key: string; score: number }[] = [];
  for (const key of keys) {
    const k = key.toLowerCase();
    let score = distance(w, k, budget + 1);
    if (k.startsWith(w) || w.startsWith(k)) score = Math.min(score, 1);
    else if (w.length >= 4 && k.includes(w.slice(0, Math.min(w.length, 6)))) score = Math.min(score, budget);
    if (score <= budget) scored.push({ key, score });
  }
  scored.sort((a, b) => a.score - b.score || a.key.localeCompare(b.key));
  return scored.slice(0, limit).map((s) => s.key);
}

/** Levenshtein distance, giving up (returning `cap`) once every path exceeds it: cheap on big libraries. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return Math.min(prev[b.length]!, cap);
}
