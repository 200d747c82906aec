/**
 * What a paragraph's plain text holds that is no prose, though remark gives it as paragraph text: Pandoc
 * constructs remark does not know. A div's fence lines (`::: {#fig-a}`), display math on its own
 * (`$$ D = 2(\ell_r - \ell_f) $$`), raw TeX commands (`\newpage`, `\singlespacing`), which Pandoc
 * reads as a raw TeX block, and attributes on a line of their own. None of them is a sentence a reader
 * needs a source for; seen in the corpus's Quarto and R Markdown manuscripts, where each came out as a
 * "sentence" of its own.
 */

/**
 * The paragraph's plain text with each line shaped like a Pandoc div fence (`:::`, `::: {#fig-a .x}`,
 * `::: note`) turned to spaces, offsets unchanged. remark has no fenced divs: a div whose fences touch
 * its content (no blank line between, as Quarto's figure and callout divs are often written) arrives
 * as one paragraph with the fences in it, which would otherwise open or close its sentences.
 */
export function blankFenceLines(plain: string): string {
  if (!plain.includes(':::')) return plain;
  let out = '';
  let from = 0;
  while (from <= plain.length) {
    const nl = plain.indexOf('\n', from);
    const to = nl < 0 ? plain.length : nl;
    const line = plain.slice(from, to);
    out += isFenceLine(line) ? ' '.repeat(line.length) : line;
    if (nl < 0) break;
    out += '\n';
    from = nl + 1;
  }
  return out;
}

/**
 * `:::` and more colons, then optionally attributes in braces or one class word, then optionally more
 * colons, blanks anywhere between. A scan: each character is read once.
 */
function isFenceLine(line: string): boolean {
  let i = 0;
  const blanks = () => {
    while (line[i] === ' ' || line[i] === '\t' || line[i] === '\r') i++;
  };
  const colons = () => {
    const at = i;
    while (line[i] === ':') i++;
    return i - at;
  };
  blanks();
  if (colons() < 3) return false;
  blanks();
  if (i === line.length) return true;
  if (line[i] === '{') {
    const close = line.indexOf('}', i);
    if (close < 0) return false;
    i = close + 1;
  } else {
    const at = i;
    while (i < line.length && /[\w-]/.test(line[i]!)) i++;
    if (i === at) return false;
  }
  blanks();
  colons();
  blanks();
  return i === line.length;
}

/**
 * Whether a sentence's text is no prose: empty, display math alone (with an equation label such as
 * `{#eq-gravity}` and closing punctuation), raw TeX commands or one environment alone, or attributes
 * alone. Scans, not regular expressions.
 */
export function isNonProse(sentence: string): boolean {
  const t = sentence.trim();
  if (!t) return true;
  if (t.startsWith('$$')) return isDisplayMathOnly(t);
  if (t.startsWith('\\begin{')) return isTexEnvironmentOnly(t);
  if (t.startsWith('\\')) return isTexCommandsOnly(t);
  // An image's or a span's attributes on a line of their own (`{width="100%" #fig:bonds}`).
  if (t.startsWith('{') && t.endsWith('}')) return isAttributes(t.slice(1, -1));
  return false;
}

/**
 * Whether the text inside braces is Pandoc attributes: every blank-separated part an identifier (`#id`),
 * a class (`.x`), `-` (unnumbered) or `key=value`, and no braces within.
 */
export function isAttributes(inside: string): boolean {
  const t = inside.trim();
  if (!t || t.includes('{') || t.includes('}')) return false;
  return t.split(/[ \t\r\n]+/).every((p) => p === '-' || ((p.startsWith('#') || p.startsWith('.')) && p.length > 1) || (p.includes('=') && !p.startsWith('=')));
}

function isDisplayMathOnly(t: string): boolean {
  let i = 0;
  while (i < t.length) {
    if (t.startsWith('$$', i)) {
      const close = t.indexOf('$$', i + 2);
      if (close < 0) return false;
      i = close + 2;
    } else if (t[i] === '{' && t[i + 1] === '#') {
      const close = t.indexOf('}', i);
      if (close < 0) return false;
      i = close + 1;
    } else if (' \t\r\n.,;:'.includes(t[i]!)) i++;
    else return false;
  }
  return true;
}

/** One raw TeX environment, `\begin{equation}` … `\end{equation}` (then closing punctuation or a label). */
function isTexEnvironmentOnly(t: string): boolean {
  const close = t.indexOf('}');
  const name = t.slice('\\begin{'.length, close);
  if (!name || !/^[A-Za-z@*]+$/.test(name)) return false;
  const end = `\\end{${name}}`;
  const at = t.lastIndexOf(end);
  return at > close && isDisplayMathOnly(t.slice(at + end.length));
}

/** `\name`, each with `{…}` / `[…]` arguments (not nested), blanks between: `\vspace{1em}\newpage`. */
function isTexCommandsOnly(t: string): boolean {
  let i = 0;
  while (i < t.length) {
    if (' \t\r\n'.includes(t[i]!)) {
      i++;
      continue;
    }
    if (t[i] !== '\\') return false;
    const name = ++i;
    while (i < t.length && /[A-Za-z@]/.test(t[i]!)) i++;
    if (i === name) return false;
    for (;;) {
      const open = t[i];
      const closer = open === '{' ? '}' : open === '[' ? ']' : undefined;
      if (!closer) break;
      const close = t.indexOf(closer, i + 1);
      if (close < 0) return false;
      const inside = t.slice(i + 1, close);
      if (inside.includes('{') || inside.includes('[')) return false;
      i = close + 1;
    }
  }
  return true;
}
