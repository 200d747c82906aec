/**
 * How far V8 lets the server's heap grow past what is live before a full collection. By default V8
 * picks a factor of up to 4 from how fast it collects against how fast the program allocates, and a
 * language server that allocates ~10 MB a keystroke on a 1 MB manuscript gets the largest: its heap
 * grew to ~4x the ~55 MB live before a full collection (peak RSS 280–330 MB, issue #13). A fixed
 * factor of 1.25 keeps the peak near 200 MB for more frequent, mostly concurrent, full collections
 * (docs/performance.md has the figures and the typing cost). Set when the server starts, for every
 * editor: V8 reads the flag at each collection, so setting it after start takes effect.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 25;

/** Sets V8's heap growing factor unless the process was started with one (`execArgv`, NODE_OPTIONS). */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env['NODE_OPTIONS'] ?? '',
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  const given = /--heap[-_]growing[-_]percent\b/;
  if (execArgv.some((a) => given.test(a)) || given.test(nodeOptions)) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
