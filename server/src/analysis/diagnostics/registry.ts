/**
 * Every diagnostic code, once: its default severity, a one-line summary and where it is reported.
 * The severity setting's schema in package.json and the table of docs/diagnostics.md are generated
 * from this (`npm run generate:diagnostics`, scripts/diagnostics.mjs) and test/docs.test.ts checks them
 * field by field; SARIF rules (cli/sarif.ts) and the CLI's `--severity` read it directly. Quick fixes
 * come only with the diagnostic they fix (lsp/server.ts), so turning a code `off` removes them too.
 */
import type { Severity } from '../diagnostic.js';

export interface DiagnosticRule {
  readonly code: string;
  readonly severity: Severity;
  /** One sentence: the setting's description, SARIF's short description. */
  readonly summary: string;
  /** Where the diagnostic is reported, for the table of docs/diagnostics.md. */
  readonly where: string;
  /** Set when some findings of this code take another severity by default (e.g. warnings among errors). */
  readonly note?: string;
}

export const diagnosticRules = [
  { code: 'unknown-key', severity: 'error', summary: 'A citation names a key that is in no bibliography, or whose entry there could not be read (the message says why and where).', where: 'the citation key in the manuscript' },
  {
    code: 'unknown-cross-reference',
    severity: 'warning',
    summary: 'A cross-reference (@fig-map in Quarto, @fig:map for pandoc-crossref) names a label the document does not define.',
    where: 'the cross-reference in the manuscript',
  },
  {
    code: 'uncited-claim',
    severity: 'warning',
    summary: 'A sentence reads as a claim a reader would need a source for, and cites nothing (the model and its sensitivity: docs/claims.md).',
    where: 'the sentence',
  },
  { code: 'unused-reference', severity: 'hint', summary: 'A bibliography entry is never cited.', where: "the entry's key in the bibliography file" },
  { code: 'duplicate-key', severity: 'error', summary: 'Two bibliography entries share a key.', where: "the later entry's key in the bibliography file" },
  {
    code: 'bibliography-not-found',
    severity: 'error',
    summary: 'The front matter names a bibliography file that does not exist or cannot be read.',
    where: 'the `bibliography:` value in front matter',
  },
  {
    code: 'style-not-found',
    severity: 'warning',
    summary: 'The front matter names a citation style (csl:) that does not exist or is not a usable style.',
    where: 'the `csl:` value in front matter',
  },
  { code: 'unknown-category', severity: 'error', summary: 'A consequence names a category that is not declared.', where: 'the `category=` value of a `.consequence` span' },
  { code: 'unknown-domain', severity: 'error', summary: 'A consequence names a domain that is not declared.', where: 'the `domain=` value of a `.consequence` span' },
  { code: 'malformed-span', severity: 'error', summary: 'A bracketed span or its attributes cannot be parsed.', where: "the span's `{…}` attributes" },
  { code: 'malformed-front-matter', severity: 'error', summary: 'The YAML front matter cannot be parsed.', where: 'the YAML front matter' },
  {
    code: 'malformed-bibliography',
    severity: 'error',
    summary: 'A bibliography entry or file cannot be parsed; the other entries are still read.',
    where: 'the bibliography file',
    note: 'some warnings',
  },
  {
    code: 'malformed-markdown',
    severity: 'error',
    summary: 'Part of the text cannot be read: nesting too deep, bad bytes or NUL characters.',
    where: 'the manuscript (the block or byte concerned)',
  },
  { code: 'analysis-failed', severity: 'error', summary: 'Analysing this document failed; other documents are not affected.', where: "the document's first line" },
  {
    code: 'manuscript-too-large',
    severity: 'warning',
    summary: 'The manuscript is larger than marginalia.limits.manuscriptBytes and is not analysed.',
    where: "the document's first line",
  },
  { code: 'review-comment', severity: 'information', summary: 'An open review comment ({>> … <<}), until it is resolved.', where: 'the comment (and the text it highlights)' },
  {
    code: 'malformed-review-mark',
    severity: 'warning',
    summary: 'A CriticMarkup review mark is not closed in its paragraph, or a closer has no opener.',
    where: 'the unpaired marker',
  },
] as const satisfies readonly DiagnosticRule[];

export type DiagnosticCode = (typeof diagnosticRules)[number]['code'];

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return diagnosticRules.some((r) => r.code === code);
}
