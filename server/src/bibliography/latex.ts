/**
 * LaTeX → Unicode for BibTeX field values, for display (hovers, completion details) and for the
 * fallback CSL mapping. Covers what real libraries contain: accent commands in all their spellings
 * (`{\"o}`, `\"{o}`, `\'e`, `\v c`), letter commands (`\ss`, `\o`, `\aa`...), escaped specials,
 * dashes and quotes, `~`, and formatting commands (`\textit{}`, `\emph{}`...). Case-protecting
 * braces are dropped. Unknown commands are dropped but their arguments kept, so text never
 * disappears. Math is passed through without the `$`.
 */

const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304',
  '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A',
  d: '\u0323', b: '\u0331', t: '\u0361',
};

const LETTERS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å',
  l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
  dj: 'đ', DJ: 'Đ', textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’',
  textquotedblleft: '“', textquotedblright: '”', textellipsis: '…', ldots: '…', dots: '…',
  textregistered: '®', copyright: '©', textcopyright: '©', texttrademark: '™', S: '§', P: '¶',
  dag: '†', ddag: '‡', textbullet: '•', pounds: '£', euro: '€', textdegree: '°', LaTeX: 'LaTeX',
  TeX: 'TeX', textbackslash: '\\', textasciitilde: '~', textunderscore: '_', guillemotleft: '«',
  guillemotright: '»', textless: '<', textgreater: '>', textbar: '|', textsection: '§',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', lambda: 'λ', mu: 'μ', pi: 'π',
  sigma: 'σ', theta: 'θ', omega: 'ω', times: '×', pm: '±', leq: '≤', geq: '≥', neq: '≠',
  quad: '\u2003', qquad: '\u2003\u2003',
};

/** Single-character escapes: `\&` → `&`. */
const ESCAPES = new Set(['&', '%', '$', '#', '_', '{', '}', '\\', ' ', '@', '/', '-', ',', ';', '!']);

export type LatexMarkup = 'none' | 'html' | 'markdown';

const MARKUP: Record<string, { html: [string, string]; markdown: [string, string] }> = {
  textit: { html: ['<i>', '</i>'], markdown: ['*', '*'] },
  emph: { html: ['<i>', '</i>'], markdown: ['*', '*'] },
  textsl: { html: ['<i>', '</i>'], markdown: ['*', '*'] },
  it: { html: ['<i>', '</i>'], markdown: ['*', '*'] },
  em: { html: ['<i>', '</i>'], markdown: ['*', '*'] },
  textbf: { html: ['<b>', '</b>'], markdown: ['**', '**'] },
  bf: { html: ['<b>', '</b>'], markdown: ['**', '**'] },
  textsc: { html: ['<span style="font-variant:small-caps;">', '</span>'], markdown: ['', ''] },
  textsuperscript: { html: ['<sup>', '</sup>'], markdown: ['^', '^'] },
  textsubscript: { html: ['<sub>', '</sub>'], markdown: ['~', '~'] },
};

/**
 * Groups and command arguments nest at most this deep before the rest is read flat (braces dropped,
 * text kept): the converter recurses per level, and 8,000 nested braces overflowed the stack.
 * Real values nest fewer than ten deep.
 */
export const MAX_LATEX_DEPTH = 64;

/** Commands whose argument is dropped entirely (they carry no displayable text). */
const DROP_ARGUMENT = new Set(['noopsort', 'label', 'index', 'hspace', 'vspace']);

/**
 * Converts a raw BibTeX value to plain Unicode text. `markup: 'html'` keeps italics/bold as the
 * HTML subset CSL-JSON rich text uses; `'markdown'` emits `*...*`.
 */
export function latexToUnicode(input: string, markup: LatexMarkup = 'none'): string {
  if (!/[\\{}~$-]|``|''|!`|\?`/.test(input)) return input.replace(/[ \t\r\n]+/g, ' ').trim();
  const out = new Converter(input, markup).group(false);
  return out.normalize('NFC').replace(/[ \t\r\n]+/g, ' ').trim();
}

class Converter {
  private pos = 0;
  private depth = 0;
  constructor(private readonly s: string, private readonly markup: LatexMarkup) {}

  /** Converts until the matching `}` (when `inGroup`) or the end. */
  group(inGroup: boolean): string {
    const s = this.s;
    let out = '';
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '}') {
        this.pos++;
        if (inGroup) return out;
        continue; // stray close brace: drop
      }
      if (c === '{') {
        this.pos++;
        out += this.nested();
        continue;
      }
      if (c === '\\') {
        out += this.command();
        continue;
      }
      if (c === '$') {
        this.pos++;
        continue;
      }
      if (c === '~') {
        out += '\u00A0';
        this.pos++;
        continue;
      }
      if (c === '-' && s.startsWith('---', this.pos)) {
        out += '—';
        this.pos += 3;
        continue;
      }
      if (c === '-' && s.startsWith('--', this.pos)) {
        out += '–';
        this.pos += 2;
        continue;
      }
      const two = s.slice(this.pos, this.pos + 2);
      const lig = two === '``' ? '“' : two === "''" ? '”' : two === '!`' ? '¡' : two === '?`' ? '¿' : undefined;
      if (lig) {
        out += lig;
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
    return out;
  }

  /** Reads one argument: `{...}` group, or a single (non-space) character. */
  private argument(): string {
    const s = this.s;
    while (s[this.pos] === ' ') this.pos++;
    const c = s[this.pos];
    if (c === undefined) return '';
    if (c === '{') {
      this.pos++;
      return this.nested();
    }
    if (c === '\\') {
      // `\'\'\'…` chains recurse through command() and accent() too.
      if (this.depth >= MAX_LATEX_DEPTH) return this.flat(false);
      this.depth++;
      try {
        return this.command();
      } finally {
        this.depth--;
      }
    }
    this.pos++;
    return c;
  }

  /** The group after a `{`, up to its `}`; flat once too deep. */
  private nested(): string {
    if (this.depth >= MAX_LATEX_DEPTH) return this.flat(true);
    this.depth++;
    try {
      return this.group(true);
    } finally {
      this.depth--;
    }
  }

  /**
   * Without recursion: the text up to the `}` closing the current group (`inGroup`) or to the end,
   * braces and backslashes dropped. Used only past MAX_LATEX_DEPTH.
   */
  private flat(inGroup: boolean): string {
    const s = this.s;
    let depth = inGroup ? 1 : 0;
    let out = '';
    while (this.pos < s.length) {
      const c = s[this.pos++]!;
      if (c === '{') depth++;
      else if (c === '}') {
        if (--depth === 0 && inGroup) return out;
      } else if (c !== '\\') out += c;
    }
    return out;
  }

  private command(): string {
    const s = this.s;
    const start = ++this.pos; // after the backslash
    const first = s[start];
    if (first === undefined) return '';
    if (!/[A-Za-z]/.test(first)) {
      this.pos++;
      const accent = ACCENTS[first];
      if (accent) return this.accent(accent);
      if (ESCAPES.has(first)) return first === ' ' ? ' ' : first === '-' || first === '/' ? '' : first;
      return first;
    }
    let end = start;
    while (end < s.length && /[A-Za-z]/.test(s[end]!)) end++;
    const name = s.slice(start, end);
    this.pos = end;
    const accent = name.length === 1 ? ACCENTS[name] : undefined;
    if (accent) return this.accent(accent);
    // A control word swallows the following spaces (`\ss x` → `ßx`), as TeX does.
    const letter = LETTERS[name];
    if (letter !== undefined) {
      while (s[this.pos] === ' ') this.pos++;
      // `{\ss}` and `\ss{}`: an empty group after a letter command is a separator.
      if (s.startsWith('{}', this.pos)) this.pos += 2;
      return letter;
    }
    const markup = MARKUP[name];
    if (markup) {
      while (s[this.pos] === ' ') this.pos++;
      if (s[this.pos] !== '{') return ''; // `{\em text}` declaration form: rest of group is plain
      const inner = this.argument();
      if (this.markup === 'none') return inner;
      const [open, close] = markup[this.markup];
      return open + inner + close;
    }
    if (name === 'url' || name === 'href') {
      const first = this.verbatimArgument();
      return name === 'href' ? this.argument() || first : first;
    }
    if (DROP_ARGUMENT.has(name)) {
      this.argument();
      return '';
    }
    while (s[this.pos] === ' ') this.pos++;
    return ''; // unknown command: drop it; a following `{...}` group is kept as text
  }

  private accent(mark: string): string {
    const base = this.argument();
    if (base === '') return mark.trim();
    // Dotless i/j under accents: `\'{\i}` → í.
    const letter = base === 'ı' ? 'i' : base === 'ȷ' ? 'j' : base;
    return (letter[0] ?? '') + mark + letter.slice(1);
  }

  /** `\url{...}`: contents verbatim (no `~`/`--` processing). */
  private verbatimArgument(): string {
    const s = this.s;
    while (s[this.pos] === ' ') this.pos++;
    if (s[this.pos] !== '{') return '';
    let depth = 0;
    const start = this.pos + 1;
    for (let i = this.pos; i < s.length; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}' && --depth === 0) {
        this.pos = i + 1;
        return s.slice(start, i);
      }
    }
    this.pos = s.length;
    return s.slice(start);
  }
}
