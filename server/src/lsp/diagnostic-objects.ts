/**
 * LSP diagnostics kept for the findings the host keeps per block. A block's findings are the same
 * objects while the block and the document's inputs are unchanged (workspace/block-findings.ts), and
 * their LSP ranges are the same while the line they start on is: the block's text from its first line's
 * start is unchanged, so a finding's lines and columns move only with that line (typing within a line
 * moves no later block's lines). Such a finding is sent as the same frozen `Diagnostic` object as
 * before, which the message writer encodes once (message-writer.ts); at 1 MB, converting and encoding a
 * thousand diagnostics at every keystroke was 5–9 ms.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../analysis/diagnostic.js';
import type { LineIndex } from '../text/line-index.js';
import { placedAt } from '../analysis/diagnostics/block-findings.js';
import { toDiagnostic } from './convert.js';

export class DiagnosticObjects {
  private readonly byOrigin = new WeakMap<Finding, { readonly line: number; readonly diagnostic: Diagnostic }>();

  /**
   * `f` as an LSP diagnostic, placed as `placeByBlock` placed it: a block's kept finding relative to the
   * block's start `base`, or an absolute one (`base` -1), which is converted afresh.
   */
  convert(f: Finding, base: number, lines: LineIndex, linesOf: (file: string) => LineIndex | undefined): Diagnostic {
    // Related information points into other files, whose lines change apart from this one's.
    if (base < 0 || f.related?.length) return toDiagnostic(placedAt(f, base), lines, linesOf);
    const line = lines.position(f.range.start + base).line;
    const kept = this.byOrigin.get(f);
    if (kept?.line === line) return kept.diagnostic;
    const d = toDiagnostic(placedAt(f, base), lines, linesOf);
    // The finding's data is the core's: the copy is frozen, not it.
    const diagnostic = deepFreeze(d.data === undefined ? d : { ...d, data: JSON.parse(JSON.stringify(d.data)) as unknown });
    this.byOrigin.set(f, { line, diagnostic });
    return diagnostic;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
