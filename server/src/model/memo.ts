/**
 * A bounded memo for pure functions of strings. Paragraph analysis is a pure function of the
 * paragraph's text and context, so an edit re-runs the rules only for the paragraphs it touched.
 */
export function memoise<A extends string[], R>(fn: (...args: A) => R, capacity: number): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A) => {
    const key = args.join('\u0001');
    const hit = cache.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map iteration order is insertion order.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = fn(...args);
    cache.set(key, value);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
