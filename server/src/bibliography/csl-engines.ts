/**
 * citeproc-js engines for CSL styles the user supplies as text (a `csl:` file, the style setting).
 * citation-js keeps every registered style, and an engine for it, forever (~12.7 MB each): a style file
 * rewritten 300 times killed the server. Here engines are keyed by the style text's hash and at most
 * `limit` are kept, least recently used evicted. Bundled styles (apa...) still go through citation-js.
 */
import { createHash } from 'node:crypto';
import CSL from 'citeproc';
import { plugins, util } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './types.js';

type Engine = InstanceType<typeof CSL.Engine>;

/** The outcome of compiling a style: an engine, or why the text is not a usable style. */
export type StyleEngine = { readonly engine: Engine; readonly items: Map<string, object> } | { readonly error: string };

const SAMPLE: CslItem = { id: 'marginalia-sample', type: 'book', title: 'Sample', author: [{ family: 'Sample', given: 'A.' }], issued: { 'date-parts': [[2000]] } };

export class CslEngines {
  private readonly engines = new Map<string, StyleEngine>();

  constructor(readonly limit = 4) {}

  get size(): number {
    return this.engines.size;
  }

  /** The engine for a style text and locale, compiled on first use; errors are kept too (no retry per hover). */
  get(xml: string, locale: string): StyleEngine {
    const key = `${createHash('sha256').update(xml).digest('hex')}|${locale}`;
    const hit = this.engines.get(key);
    if (hit) {
      this.engines.delete(key);
      this.engines.set(key, hit);
      return hit;
    }
    const made = compile(xml, locale);
    this.engines.set(key, made);
    while (this.engines.size > this.limit) this.engines.delete(this.engines.keys().next().value as string);
    return made;
  }

  /** Bibliography entries (HTML) for items, in the order given; throws what citeproc throws. */
  bibliography(engine: Extract<StyleEngine, { engine: Engine }>, items: readonly CslItem[]): string[] {
    this.load(engine, items);
    engine.engine.updateItems(items.map((i) => i.id), true);
    const out = engine.engine.makeBibliography();
    return out ? out[1] : [];
  }

  /** One in-text citation (HTML) of the items; throws what citeproc throws. */
  citation(engine: Extract<StyleEngine, { engine: Engine }>, items: readonly CslItem[]): string {
    this.load(engine, items);
    const citation = { citationItems: items.map((i) => ({ id: i.id })), properties: { noteIndex: 0 } };
    return engine.engine.rebuildProcessorState([citation], 'html', [])[0]?.[2] ?? '';
  }

  private load(engine: Extract<StyleEngine, { engine: Engine }>, items: readonly CslItem[]): void {
    engine.items.clear();
    for (const item of util.downgradeCsl(items)) engine.items.set(item.id, item);
  }
}

/** Why `xml` is not a style citeproc can format a bibliography entry with, or undefined when it is. */
export function compile(xml: string, locale: string): StyleEngine {
  const items = new Map<string, object>();
  const locales = plugins.config.get('@csl').locales;
  let engine: Engine;
  try {
    engine = new CSL.Engine(
      {
        retrieveLocale: (lang) => locales.get(lang) ?? locales.get(lang.replace('-', '_')) ?? locales.get('en-US') ?? {},
        retrieveItem: (id) => {
          const item = items.get(id);
          if (!item) throw new Error(`no item '${id}'`);
          return item;
        },
      },
      xml,
      locale,
      true,
    );
    engine.setOutputFormat('html');
  } catch (e) {
    return { error: `citeproc-js cannot read it (${firstLine(e)})` };
  }
  const made = { engine, items };
  // A style that compiles may still have no <bibliography>, or fail on the first item it formats.
  try {
    items.set(SAMPLE.id, SAMPLE);
    engine.updateItems([SAMPLE.id], true);
    const out = engine.makeBibliography();
    if (!out || !out[1].length) return { error: 'it has no bibliography layout' };
  } catch (e) {
    return { error: `citeproc-js fails on it (${firstLine(e)})` };
  }
  return made;
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
}
