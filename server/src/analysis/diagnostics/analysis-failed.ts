/**
 * analysis-failed (error): analysing this document threw (a stack overflow on pathological nesting, a
 * bug). The failure is fenced to the document: it gets this one finding on its first line, the log
 * gets the stack, and every other document is analysed as usual.
 */
import { finding, type Finding } from '../diagnostic.js';

export function analysisFailed(file: string, text: string, error: unknown): Finding {
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return finding('analysis-failed', file, firstLine(text), `Marginalia could not analyse this document: ${reason.split('\n')[0]}`);
}

/** The first line (at most 200 characters): where a whole-document finding is shown. */
export function firstLine(text: string): { start: number; end: number } {
  const eol = text.search(/\r|\n/);
  return { start: 0, end: Math.min(eol === -1 ? text.length : eol, 200) };
}
