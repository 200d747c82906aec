// Source of syntaxes/marginalia.injection.tmLanguage.json (TextMate grammars cannot share regex pieces,
// so the key, locator and annotation patterns are written once here and inlined). After a change:
//   node syntaxes/marginalia.injection.grammar.mjs > syntaxes/marginalia.injection.tmLanguage.json
// test/syntaxes/grammar.test.ts fails while the two disagree. Syntax: Pandoc's citation rules
// (keys start with a letter, digit or _, may hold internal :.#$%&-+?<>~/, or are braced @{...}).
const KEY = String.raw`\{[^{}\s]*\}|\w(?:[\w]|[:.#$%&\-+?<>~/]+(?=\w))*`;
// Pandoc's English locator terms, so `[@doe, p. 33, and passim]` splits into locator and suffix.
const TERMS = ['bk','bks','book','books','chap','chaps','chapter','chapters','col','cols','column','columns','fig','figs','figure','figures','fol','fols','folio','folios','no','nos','number','numbers','l','ll','line','lines','n','nn','note','notes','op','opp','opus','opera','p','pp','page','pages','para','paras','paragraph','paragraphs','pt','pts','part','parts','sec','secs','section','sections','s\\.v','s\\.vv','sub verbo','sub verbis','v','vv','verse','verses','vol','vols','volume','volumes'];
const NUM = String.raw`(?:\d+\w*|[ivxlcdmIVXLCDM]+\b)`;
const LOCATOR = String.raw`\{[^{}]*\}|(?:(?:${TERMS.sort((a,b)=>b.length-a.length).join('|')})\.?\s*)?${NUM}(?:\s*(?:[-\u2013\u2014]|,(?=\s*\d))\s*${NUM})*`;
const ANNOTATIONS = ['consequence', 'claim', 'no-claim', 'editorial'];
// CriticMarkup review marks. A mark ends at its closer or at a blank line (as in the language server:
// an unterminated opener must not colour the rest of the document).
const BLANK = String.raw`^(?=[ \t]*$)`;
const critic = (name, open, close, scope, patterns) => ({
  comment: `${name}: ${open} … ${close}`,
  name: scope,
  begin: open.replace(/[{}+~=>]/g, (c) => (c === '{' || c === '}' || c === '+' ? '\\' + c : c)),
  beginCaptures: { 0: { name: `punctuation.definition.${name}.begin.marginalia` } },
  end: `(${close.replace(/[{}+~=<]/g, (c) => (c === '{' || c === '}' || c === '+' ? '\\' + c : c))})|${BLANK}`,
  endCaptures: { 1: { name: `punctuation.definition.${name}.end.marginalia` } },
  patterns,
});
const INLINE = [{ include: 'text.html.markdown#inline' }];

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Marginalia (Pandoc citations and annotations)',
  scopeName: 'marginalia.injection',
  // Our own begin/end rules are excluded too: otherwise the injection would re-apply inside them and
  // out-prioritise their patterns (a key inside a group would be scoped as an in-text citation).
  injectionSelector:
    'L:text.html.markdown -comment -markup.fenced_code -markup.inline.raw -markup.raw -meta.citation.group.marginalia -meta.attributes.span.marginalia',
  patterns: [{ include: '#critic' }, { include: '#citation-group' }, { include: '#citation-in-text' }, { include: '#attributes' }],
  repository: {
    critic: {
      patterns: [
        critic('addition', '{++', '++}', 'markup.inserted.critic.marginalia', INLINE),
        critic('deletion', '{--', '--}', 'markup.deleted.critic.marginalia', INLINE),
        critic('substitution', '{~~', '~~}', 'markup.changed.critic.marginalia', [
          { begin: String.raw`\G`, end: String.raw`(?=~>|~~\})|${BLANK}`, name: 'markup.deleted.critic.marginalia', patterns: INLINE },
          {
            begin: '~>',
            beginCaptures: { 0: { name: 'punctuation.separator.substitution.marginalia' } },
            end: String.raw`(?=~~\})|${BLANK}`,
            name: 'markup.inserted.critic.marginalia',
            patterns: INLINE,
          },
        ]),
        critic('highlight', '{==', '==}', 'markup.other.highlight.critic.marginalia', INLINE),
        // A comment is no manuscript text: its scope starts with `comment`, which the injection
        // selector excludes, so `@ana:` in it is not coloured as a citation.
        critic('comment', '{>>', '<<}', 'comment.block.review.marginalia', [
          {
            match: String.raw`\G\s*(@[\w.-]*\w:?|[\w.-]{1,30}:)(?=\s)`,
            captures: { 1: { name: 'entity.name.tag.reviewer.marginalia' } },
          },
        ]),
      ],
    },
    'citation-group': {
      comment: 'A bracketed citation group on one line: [see @doe99, pp. 33-35; -@roe]. Not a link text ](, [ or a span ]{.',
      name: 'meta.citation.group.marginalia',
      begin: String.raw`\[(?=[^\[\]]*?(?<![\w\\])-?@(?:${KEY})[^\[\]]*\](?![\[({]))`,
      beginCaptures: { 0: { name: 'punctuation.definition.citation.group.begin.marginalia' } },
      end: String.raw`\]`,
      endCaptures: { 0: { name: 'punctuation.definition.citation.group.end.marginalia' } },
      patterns: [
        { match: ';', name: 'punctuation.separator.citation.marginalia' },
        { include: '#citation-prefix' },
        { include: '#citation-item' },
      ],
    },
    'citation-prefix': {
      comment: 'Text between the start of an item and its key: "see" in [see @doe99].',
      match: String.raw`(?<=[\[;])\s*((?!-?@)[^;\]@\s][^;\]@]*?)\s*(?=-?@(?:${KEY}))`,
      captures: { 1: { name: 'meta.citation.prefix.marginalia' } },
    },
    'citation-item': {
      comment: 'One key with its optional locator and suffix, up to the next ; or the closing ].',
      name: 'meta.citation.item.marginalia',
      begin: String.raw`(?<![\w\\])(-)?(@)(${KEY})`,
      beginCaptures: {
        1: { name: 'keyword.operator.suppress-author.marginalia' },
        2: { name: 'punctuation.definition.citation.key.marginalia' },
        3: { name: 'constant.other.reference.citation.marginalia' },
      },
      end: String.raw`(?=[;\]])`,
      patterns: [
        {
          match: String.raw`\G(,)\s*(${LOCATOR})`,
          captures: {
            1: { name: 'punctuation.separator.locator.marginalia' },
            2: { name: 'meta.citation.locator.marginalia' },
          },
        },
        { match: String.raw`[^;\]]+`, name: 'meta.citation.suffix.marginalia' },
      ],
    },
    'citation-in-text': {
      comment: 'Author-in-text citation @doe99 with an optional locator [p. 33]; never after a word character, so e-mail addresses stay plain.',
      name: 'meta.citation.in-text.marginalia',
      match: String.raw`(?<![\w\\@])(@)(${KEY})(?:(\s*)(\[)([^\[\]@]*)(\])(?![\[({]))?`,
      captures: {
        1: { name: 'punctuation.definition.citation.key.marginalia' },
        2: { name: 'constant.other.reference.citation.marginalia' },
        4: { name: 'punctuation.definition.citation.locator.begin.marginalia' },
        5: { name: 'meta.citation.locator.marginalia' },
        6: { name: 'punctuation.definition.citation.locator.end.marginalia' },
      },
    },
    attributes: {
      comment: 'The attribute block of a bracketed span, [text]{.claim key=x}. Only the block after ] is matched: the span text may wrap lines.',
      name: 'meta.attributes.span.marginalia',
      begin: String.raw`(?<=\])\{(?=[^{}]*\})`,
      beginCaptures: { 0: { name: 'punctuation.definition.attributes.begin.marginalia' } },
      end: String.raw`\}`,
      endCaptures: { 0: { name: 'punctuation.definition.attributes.end.marginalia' } },
      patterns: [
        ...ANNOTATIONS.map((name) => ({
          match: String.raw`(?<=[\s{])(\.)${name}(?![\w-])`,
          name: `keyword.other.annotation.${name}.marginalia`,
          captures: { 1: { name: 'punctuation.definition.annotation.marginalia' } },
        })),
        {
          match: String.raw`(?<=[\s{])(\.)[\w-]+`,
          name: 'entity.other.attribute-name.class.marginalia',
          captures: { 1: { name: 'punctuation.definition.entity.marginalia' } },
        },
        {
          match: String.raw`(?<=[\s{])(#)[\w:.-]+`,
          name: 'entity.other.attribute-name.id.marginalia',
          captures: { 1: { name: 'punctuation.definition.entity.marginalia' } },
        },
        {
          match: String.raw`(?<=[\s{])([\w-]+)(=)(?:(")([^"]*)(")|([^\s}"]+))`,
          captures: {
            1: { name: 'entity.other.attribute-name.marginalia' },
            2: { name: 'punctuation.separator.key-value.marginalia' },
            3: { name: 'string.quoted.double.marginalia punctuation.definition.string.begin.marginalia' },
            4: { name: 'string.quoted.double.marginalia' },
            5: { name: 'string.quoted.double.marginalia punctuation.definition.string.end.marginalia' },
            6: { name: 'string.unquoted.marginalia' },
          },
        },
      ],
    },
  },
};
process.stdout.write(JSON.stringify(grammar, null, 2) + '\n');
