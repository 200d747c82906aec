/**
 * The one-pass CSL-JSON read (no syntax tree; each item's data parsed on demand) gives exactly what the
 * error-tolerant tree gives on every clean file: same keys, key ranges, ranges, types, warnings and CSL
 * items, on the real CSL-JSON bibliographies of ../shared/data and on small shapes; anything else goes
 * to the tree, which reports it. Its speed on a million tiny items: bench/csl-json.mjs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCslJson, parseCslJsonTree, scanCslJson } from '../../../server/src/bibliography/csl-json.js';
import type { BibParseResult } from '../../../server/src/bibliography/types.js';
import { sharedData } from '../../shared-data.js';

function view(r: BibParseResult) {
  return {
    entries: r.entries.map((e) => ({ key: e.key, keyRange: e.keyRange, range: e.range, type: e.entryType, csl: e.csl() })),
    errors: r.errors,
  };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'claims' ? [] : jsonFiles(full);
    return name.endsWith('.json') && !name.endsWith('.stats.json') ? [full] : [];
  });
}

const data = sharedData('');
const real = data.present ? [...jsonFiles(path.join(data.path, 'corpus')), ...jsonFiles(path.join(data.path, 'deep-review'))] : [];

describe('CSL-JSON read in one pass', () => {
  it.skipIf(!data.present)(`every real CSL-JSON bibliography: the same as the tree${data.skipNote}`, () => {
    let items = 0;
    for (const file of real) {
      const text = readFileSync(file, 'utf8');
      const scanned = scanCslJson(text);
      const tree = parseCslJsonTree(text);
      // A file with a broken item (some Manubot files have items without an id) is the tree's to report.
      if (tree.errors.some((e) => e.severity === 'error')) {
        expect(scanned, file).toBeUndefined();
        continue;
      }
      expect(scanned, `${file} is read in one pass`).toBeDefined();
      expect(view(scanned!), file).toEqual(view(tree));
      items += scanned!.entries.length;
    }
    expect(items).toBeGreaterThan(1000);
  });

  it.each([
    ['items with comments and a trailing comma', '[\n  // first\n  {"id": "a", "type": "book", "title": "T", "author": [{"family": "F"}]},\n  {"id": 12, "type": "article"},\n]'],
    ['an item without a type (a warning)', '[{"id": "a", "title": "x"}]'],
    ['nested objects and arrays holding "id" and "type" keys', '[{"id": "a", "type": "book", "x": {"id": "no", "type": "no"}, "y": [{"id": "no"}]}]'],
    ['an empty array', '[]'],
  ])('%s: the same as the tree', (_, text) => {
    const scanned = scanCslJson(text);
    expect(scanned).toBeDefined();
    expect(view(scanned!)).toEqual(view(parseCslJsonTree(text)));
  });

  it.each([
    ['a syntax error', '[{"id": "a", "type": "book"}, {"id": "b" "type": "book"}]'],
    ['a single item object', '{"id": "a", "type": "book"}'],
    ['an item without an id', '[{"type": "book"}, {"id": "b", "type": "book"}]'],
    ['an item that is not an object', '[1, {"id": "b", "type": "book"}]'],
    ['an id that is an object', '[{"id": {"x": 1}, "type": "book"}]'],
    ['an empty id', '[{"id": "", "type": "book"}]'],
    ['no JSON at all', ''],
  ])('%s: left to the tree, which reports it', (_, text) => {
    expect(scanCslJson(text)).toBeUndefined();
    expect(view(parseCslJson(text))).toEqual(view(parseCslJsonTree(text)));
  });
});
