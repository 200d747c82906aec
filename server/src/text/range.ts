/**
 * Offsets are UTF-16 code-unit indices into the document text (JavaScript string indices), which is
 * also LSP's default position encoding. Every layer below the adapters speaks in offsets.
 */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export function range(start: number, end: number): OffsetRange {
  return { start, end };
}

export function contains(outer: OffsetRange, offset: number): boolean {
  return offset >= outer.start && offset <= outer.end;
}

export function containsRange(outer: OffsetRange, inner: OffsetRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}
