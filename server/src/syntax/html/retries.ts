/**
 * HTML blocks whose tries failed after their first line, for parse.ts to parse the text again with each
 * of them failing at once.
 *
 * Why. micromark settles each line's containers (list items, block quotes) while a concrete construct
 * is still being tried over it: no container may start inside raw HTML. An HTML block that reads past
 * its first line and then fails (a `<script>` or `<!--` never closed: Pandoc reads it as text) leaves
 * every line it read without its containers, so the lists and block quotes of the rest of the document
 * become paragraphs. Failing at the opener, the construct reads nothing more and the lines are parsed
 * as they should be. (micromark-extension-frontmatter has the same flaw, parse.ts works around it.)
 */
export type EndMarker = 'comment' | 'instruction';
/** The two constructs of block.ts: a raw element (`<pre>`…) up to its closing tag, or a line of tags. */
export type HtmlConstruct = 'element' | 'tag';

export class HtmlRetries {
  /** Openers (offsets in the text parsed) whose construct fails at once in this parse, by construct. */
  private failing = { element: new Set<number>(), tag: new Set<number>() };
  /** Where the text has no `-->` (or `?>`) left: every such opener from there on fails at once. */
  private noEndFrom = new Map<EndMarker, number>();
  /** Tries that failed after their first line in this parse, and what the next parse may assume. */
  private readonly failed = { element: new Set<number>(), tag: new Set<number>() };
  private readonly learnt = { elements: new Set<number>(), noEndFrom: new Map<EndMarker, number>() };

  /** Whether `construct`'s try at `offset` is known to fail (`marker`: a comment or instruction there). */
  failsAt(construct: HtmlConstruct, offset: number, marker?: EndMarker): boolean {
    if (this.failing[construct].has(offset)) return true;
    const from = marker && this.noEndFrom.get(marker);
    return from !== undefined && offset >= from;
  }

  /** `construct`'s try at `offset` failed after reading past its first line. */
  failedAcrossLines(construct: HtmlConstruct, offset: number): void {
    if (!this.failing[construct].has(offset)) this.failed[construct].add(offset);
  }

  /** A search from `offset` met the end of the text without `marker`'s end: no opener after it can close. */
  noEndAfter(marker: EndMarker, offset: number): void {
    this.learnt.noEndFrom.set(marker, Math.min(offset, this.learnt.noEndFrom.get(marker) ?? Infinity));
  }

  /** Raw elements a search met on its way to the end of the text without their closing tags: none can close. */
  neverClose(offsets: Iterable<number>): void {
    for (const offset of offsets) this.learnt.elements.add(offset);
  }

  /**
   * `parse(text)`, again while a parse finds HTML blocks that failed after their first line (each time
   * with those, and what the searches proved, failing at once), at most `rounds` parses in all; the
   * last one as it comes.
   */
  settle<T>(parse: () => T, rounds = 8): T {
    this.reset();
    try {
      let result = parse();
      for (let round = 1; round < rounds && this.failed.element.size + this.failed.tag.size > 0; round++) {
        for (const offset of [...this.failed.element, ...this.learnt.elements]) this.failing.element.add(offset);
        for (const offset of this.failed.tag) this.failing.tag.add(offset);
        for (const [marker, from] of this.learnt.noEndFrom) this.noEndFrom.set(marker, Math.min(from, this.noEndFrom.get(marker) ?? Infinity));
        this.failed.element.clear();
        this.failed.tag.clear();
        result = parse();
      }
      return result;
    } finally {
      this.reset();
    }
  }

  private reset(): void {
    this.failing = { element: new Set(), tag: new Set() };
    this.noEndFrom = new Map();
    this.failed.element.clear();
    this.failed.tag.clear();
    this.learnt.elements.clear();
    this.learnt.noEndFrom.clear();
  }
}
