/**
 * The tag names Pandoc 2.17's Markdown reader treats as block-level HTML (Text.Pandoc.Readers.HTML:
 * `blockHtmlTags`, `blockDocBookTags`, `epubTags`, `eitherBlockOrInline`). Names are compared in lower
 * case, as tagsoup's `canonicalizeTags` leaves them.
 */

const blockHtml = [
  'address', 'article', 'aside', 'blockquote', 'body', 'canvas', 'caption', 'center', 'col', 'colgroup', 'dd',
  'details', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'isindex', 'main', 'menu', 'meta', 'noframes', 'nav', 'ol',
  'output', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'textarea', 'thead', 'tfoot', 'ul', 'frameset', 'li',
  'td', 'th', 'tr', 'script', 'style',
];

/** Pandoc lets raw DocBook into Markdown, so these are block tags too. */
const blockDocBook = [
  'calloutlist', 'bibliolist', 'glosslist', 'itemizedlist', 'orderedlist', 'segmentedlist', 'simplelist',
  'variablelist', 'caution', 'important', 'note', 'tip', 'warning', 'address', 'literallayout', 'programlisting',
  'programlistingco', 'screen', 'screenco', 'screenshot', 'synopsis', 'example', 'informalexample', 'figure',
  'informalfigure', 'table', 'informaltable', 'para', 'simpara', 'formalpara', 'equation', 'informalequation',
  'mediaobject', 'qandaset', 'procedure', 'task', 'cmdsynopsis', 'funcsynopsis', 'classsynopsis', 'epigraph',
  'msgset', 'sidebar', 'title',
];

const epub = ['case', 'switch', 'default'];

/** Tags that start an HTML block but are not "block" for `isInlineTag`. */
const eitherBlockOrInline = [
  'audio', 'applet', 'button', 'iframe', 'embed', 'del', 'ins', 'progress', 'map', 'area', 'noscript', 'script',
  'object', 'svg', 'video', 'source',
];

const startTags: ReadonlySet<string> = new Set([...blockHtml, ...blockDocBook, ...epub, ...eitherBlockOrInline]);

/** Whether an open or close tag of this name (lower case) starts an HTML block (`isBlockTag`). */
export function startsHtmlBlock(name: string): boolean {
  return startTags.has(name);
}

/**
 * Whether the block opened by this tag keeps its content raw up to its balanced closing tag. With
 * Pandoc's default `markdown_in_html_blocks`, only `rawVerbatimBlock`'s tags do (`isVerbatimTag`); every
 * other block tag is raw alone and the Markdown between it and its closing tag is read as Markdown.
 */
export function runsToClosingTag(name: string): boolean {
  return verbatim.has(name);
}

const verbatim: ReadonlySet<string> = new Set(['pre', 'script', 'style', 'textarea']);
