/** What the server sends for the preview (`marginalia/preview`; server/src/analysis/preview.ts). */
export interface PreviewCitation {
  /** The citation as written, whitespace collapsed. */
  readonly source: string;
  readonly text: string;
  readonly title: string;
  readonly keys: readonly string[];
  readonly unknown?: boolean;
}

export interface PreviewData {
  readonly citations: readonly PreviewCitation[];
  readonly references: readonly { readonly key: string; readonly markdown: string }[];
  readonly categories: readonly { readonly id: string; readonly label: string }[];
  readonly domains: readonly { readonly id: string; readonly label: string }[];
}
