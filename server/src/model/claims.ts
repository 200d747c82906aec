/**
 * Uncited-claim classification: does this sentence assert something a reader would need a source for?
 *
 * Transparent, ordered heuristics over words and patterns; the first rule that fires decides. Rules that
 * recognise what the authors say about their own work (aims, methods, findings, advice, signposts) run
 * before the claim rules, because "This research aims to explore the consequences since 2011" is an aim
 * even though it contains a date. Then the specific claim rules (a named source, a number, a date, a past
 * event) run before the vague ones (hedged generalisations), and the section decides the fallback: an
 * unmarked statement in an Introduction or theoretical background is a claim, in a Discussion or a
 * Conclusion it is the authors' own analysis. Pure: no state, no I/O.
 */
import { withoutPossessive } from '../text/trim.js';

export interface ClaimInput {
  /** The sentence's plain text, citations as U+FFFC. */
  text: string;
  /** The title of the nearest enclosing heading, e.g. "1 Introduction", "3 Discussion", "Methods". */
  sectionTitle: string;
  /** Names of first authors of the bibliography's references, lower-case family names (e.g. ['katz','kozhanov','mearsheimer']), for attribution checks. */
  knownAuthors?: readonly string[] | ReadonlySet<string>;
  /**
   * Persons or bodies the previous sentence of the same paragraph attributed a view to (its verdict's
   * `named`), so that "He argues that…" right after "Waltz emphasizes…" is attributed to Waltz.
   */
  previousNamed?: readonly string[];
}

export interface ClaimVerdict {
  claim: boolean;
  /** Stable rule id (see docs/claims.md). */
  rule: string;
  /** Short, concrete: quotes the word, number or name that fired. */
  reason: string;
  /** Persons or bodies the sentence attributes a view to, e.g. ['Waltz']. */
  named?: string[];
}

export type SectionKind = 'background' | 'method' | 'results' | 'discussion' | 'conclusion' | 'front' | 'other';

const OBJ = '\uFFFC';

/** Classifies a section by its heading; "Method and Theoretical Framework" counts as background. */
export function sectionKind(title: string): SectionKind {
  if (title === '') return 'other';
  const t = title.toLowerCase();
  if (/\b(abstract|keywords?|acknowledge?ments?|references|bibliography|funding|author contributions?|conflicts? of interest|appendix)\b/.test(t)) return 'front';
  if (/(introduction|background|literature|related work|theor|histor|overview|context|state of the art|previous studies|prior work)/.test(t)) return 'background';
  if (/(conclu|summary|suggestion|recommendation|implication|outlook|future (work|research|directions)|closing|final remarks)/.test(t)) return 'conclusion';
  if (/discussion/.test(t)) return 'discussion';
  if (/\b(results?|findings)\b/.test(t)) return 'results';
  if (/(method|materials|data collection|research design|procedure|experimental setup|study design)/.test(t)) return 'method';
  return 'other';
}

interface Context {
  /** The text with citation placeholders and a leading list label removed, whitespace collapsed. */
  plain: string;
  section: SectionKind;
  sectionTitle: string;
  knownAuthors: ReadonlySet<string>;
  previousNamed: readonly string[];
  /** Whether `plain` has a digit: every number, date and figure pattern needs one, and most sentences have none. */
  digit: boolean;
  /** SELF's match in `plain`, looked for once by the rules that ask (`selfIn`); undefined until then. */
  self?: RegExpExecArray | null;
}

/** SELF has no g flag: its match depends on the text alone, so the rules that ask share one. */
const selfIn = (c: Context): RegExpExecArray | null => (c.self === undefined ? (c.self = SELF.exec(c.plain)) : c.self);

type Rule = (c: Context) => ClaimVerdict | null;

const yes = (rule: string, reason: string, named?: string[]): ClaimVerdict =>
  named && named.length > 0 ? { claim: true, rule, reason, named } : { claim: true, rule, reason };
const no = (rule: string, reason: string): ClaimVerdict => ({ claim: false, rule, reason });
const q = (s: string): string => `'${collapse(s.trim())}'`;
/** `q` of a piece of `plain` (or of names and words taken from it): its spaces are single already (contextOf). */
const qp = (s: string): string => `'${s.trim()}'`;
/** White space as single spaces; most text is already so, and is returned as it is. */
const collapse = (s: string): string => (/[^\S ]|  /.test(s) ? s.replace(/\s+/g, ' ') : s);

// ---------------------------------------------------------------------------------------------------
// Vocabulary. Kept as regular expressions over whole words; `i` where case does not matter.

/** How the authors refer to their own work. */
const SELF =
  /\b(?:we|our|us|this (?:research|study|paper|article|review|work|chapter|section|thesis|essay|analysis|manuscript)|the (?:present|current) (?:research|study|paper|article|work)|the (?:research|study|paper|article|authors?)(?= (?:aims?|seeks?|employs?|uses?|adopts?|proposes?|argues?|data|findings?|results?|method|examines?|explores?|investigates?|attempts?|tries|intends?|is based|was|will)))\b/i;
const AIM =
  /\b(?:aims?|aimed|seeks?|sought|attempts?|attempted|tries|tried|intends?|goal|purpose|objective)\b(?: (?:is|was|of))?(?: to| at)?\b|\b(?:set out to|endeavou?r to)\b/i;
const OWN_INQUIRY = /\b(?:explore|investigate|examine|analy[sz]e|study|address|answer|clarify|shed light)\b/i;
const METHOD =
  /\b(?:method(?:ology)?|methods|descriptive[- ]analytical|qualitative|quantitative|case study|data (?:collection|were|was|have been|has been) (?:collected|gathered|analy[sz]ed|carried out)|data collection|was carried out|were collected|were analy[sz]ed|have been analy[sz]ed|has been analy[sz]ed|interviews?|questionnaires?|survey(?:ed)?|sample|theoretical framework|based on the theory|library research|documentary|content analysis|we (?:used|use|employ|employed|collected|analy[sz]ed|trained|implemented|computed|selected|applied|adopted))\b/i;
const OWN_FINDING =
  /\b(?:(?:our|the research|the study|this study|this research|the present study)(?: data)? (?:data|findings?|results?|analysis|evidence) (?:reveals?|shows?|indicates?|suggests?|demonstrates?|confirms?)|(?:we|this (?:study|research|paper)) (?:find|found|show|showed|demonstrate|demonstrated|conclude|concluded|observe|observed|argue)|findings (?:of this|of the present) (?:research|study))\b/i;
const SIGNPOST =
  /\b(?:in conclusion|to conclude|to sum up|in summary|as follows|the following|below|in the next section|in this section|the next section|the remainder of|is organi[sz]ed as|we (?:now |first |then |next |briefly )?(?:turn|discuss|describe|review|present|outline|summari[sz]e|sketch|introduce|begin|consider|focus)|(?:this|the) (?:section|chapter|paper|review|article) (?:discusses|describes|reviews|presents|outlines|summari[sz]es|is organi[sz]ed|proceeds|begins)|(?:see|shown in|illustrated in|summari[sz]ed in|listed in|given in) (?:figure|fig\.|table|tbl\.|section|appendix|box))\b/i;
/** Advice: "it is essential for X to", "should", "must … to ensure", "is necessary". */
const RECOMMEND =
  /\b(?:it is (?:therefore |thus |also )?(?:essential|imperative|necessary|important|vital|crucial|advisable|recommended|critical|incumbent|suggested|proposed)\b(?: (?:for|that|to))?|(?:should|ought to|need to|needs to|must) (?:be )?(?:\w+ ){0,3}|(?:is|are) (?:also |therefore |thus )?(?:essential|necessary|imperative|required|recommended|advisable|crucial|vital)\b|we (?:recommend|suggest|propose|urge|call for)|(?:is|are) recommended|recommendations?\b)/i;
/** Verbs that report another's view or result. */
const REPORT =
  '(?:argue[sd]?|emphasi[sz]e[sd]?|contend(?:s|ed)?|claim(?:s|ed)?|assert(?:s|ed)?|maintain(?:s|ed)?|posit(?:s|ed)?|suggest(?:s|ed)?|note[sd]?|observe[sd]?|state[sd]?|believe[sd]?|holds?|held|stress(?:es|ed)?|highlight(?:s|ed)?|points? out|pointed out|propose[sd]?|define[sd]?|describe[sd]?|views?|viewed|sees|saw|considers?|considered|insist(?:s|ed)?|writes|wrote|explain(?:s|ed)?|shows?|showed|shown|found|finds|demonstrate[sd]?|report(?:s|ed)?|conclude[sd]?|acknowledge[sd]?|warn(?:s|ed)?|critici[sz]e[sd]?|recogni[sz]e[sd]?|introduce[sd]?|developed|presented|predict(?:s|ed)|achieved|applied|trained|compared|evaluated|examined|investigated|studied|identified|proposed|used|designed|built|estimated|analy[sz]ed|measured|obtained|reached|outperformed|improved|extended|combined|adapted|reviewed|discussed|stated|added|reveal(?:s|ed)?|indicate[sd]?)';
/** Name: capitalised words, optionally joined by "of (the)", "and", "de", "van"... */
// At most five capitalised words: an unbounded repetition made long capitalised runs quadratic.
const NAME = "(?:[A-Z][\\p{L}\\p{M}'’.-]*|[A-Z]{2,})(?:\\s+(?:(?:of|for|and|de|van|von|der|al|bin|ibn)\\s+)?(?:the\\s+)?(?:[A-Z][\\p{L}\\p{M}'’-]*)){0,4}";
const NAMED_REPORT = new RegExp(
  `(?<![\\p{L}\\p{M}])(${NAME})(\\s+et\\s+al\\.?)?(?:\\s*${OBJ})?(?:\\s*\\(\\d{4}[a-z]?\\))?\\s+(?:(?:also|further|similarly|explicitly|famously|repeatedly|likewise|rightly|therefore|has|have|had|recently|previously|earlier|later|first|then|still|even|too)\\s+){0,2}(${REPORT})\\b`,
  'gu',
);
const ET_AL = new RegExp(`(?<![\\p{L}\\p{M}])(${NAME})\\s+et\\s+al\\b`, 'u');
const ACCORDING = new RegExp(`\\b(?:[Aa]ccording to|[Ii]n the (?:view|words|opinion) of|[Aa]s (?:argued|noted|suggested|stated|observed|shown|emphasi[sz]ed|pointed out|defined|described) by)\\s+(?:the\\s+)?(${NAME})`, 'u');
const POSSESSIVE = new RegExp(
  `(${NAME})['’]s?\\s+(?:\\w+\\s+)?(theory|theories|thesis|argument|arguments|view|views|concept|notion|framework|definition|model|hypothesis|typology|claim|critique|account|perspective|work|study|findings|analysis|doctrine|approach to)\\b`,
  'u',
);
/** Capitalised words that start sentences or name no source. */
const NOT_A_NAME = new Set(
  (
    'the this these that those there their it its we our they he she his her a an in on at as by for from however moreover ' +
    'furthermore thus therefore hence although while when since if such both also finally consequently additionally here most many some ' +
    'one to with after before during but and yet so because what why how who all each other another figure fig table tbl section chapter ' +
    'appendix equation eq box supplementary specifically generally similarly likewise instead indeed notably overall then first second third ' +
    'next last recently previously domestically regarding despite given unlike like only even still'
  ).split(' '),
);
/** Capitalised subjects that refer to the literature in general rather than to one source. */
const GENERIC_SOURCE =
  /^(?:researchers|scholars|studies|experts|analysts|observers|critics|authors|others|several studies|many studies|recent studies|previous studies|prior studies|recent work|previous work|prior work|evidence|the literature|literature|research|results|experiments|investigators|theorists|realists|neorealists|liberals|constructivists)$/i;
const PRONOUN_REPORT = new RegExp(`^(?:[^,]{0,60},\\s*)?(he|she|they|his|her|their)\\s+(?:(?:also|further|then|therefore|thus)\\s+)?(?:\\w+\\s+)?(${REPORT})\\b`, 'iu');
const THEORY_SUBJECT =
  /\b((?:structural |neo-?|classical |offensive |defensive |neoclassical |liberal |critical )?(?:realism|neorealism|liberalism|neoliberalism|constructivism|institutionalism|marxism|idealism|functionalism|(?:the )?theory of [a-z]+(?: [a-z]+)?|(?:this|the) (?:theory|school|paradigm|approach))) (?:also |further |therefore )?(acknowledges?|holds?|argues?|assumes?|emphasi[sz]es?|posits?|introduces?|suggests?|indicates?|maintains?|contends?|stresses|views?|sees|considers?|claims?|explains?|predicts?|focuses|regards?|believes?)\b/i;

const NUMBER_WORD =
  '(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|hundreds|thousands?|millions?|billions?|dozens?|several|half a|a half|a third|a quarter|one-third|two-thirds|three-quarters)';
const UNIT =
  '(?:decades?|years?|centuries|century|months?|weeks?|days|generations?|percent|per cent|%|times|fold|million|billion|trillion|thousand|countries|states|nations|people|persons|soldiers|troops|patients|cases|deaths|dollars|euros|rials|rubles|barrels|tons|tonnes|kilometers|km|miles|members|participants|samples|studies|papers|articles|genes|images|proteins|cells|compounds|layers|parameters|individuals|subjects|sequences|records|hours)';
// `(?<!\w)` where a word starts (the next character is a word character): the same as `\b` there, with the
// same flags (\w and \b share their word characters), and twice as fast: the engine can skip to the digits.
const STAT_DIGIT = new RegExp(
  `(?:\\d[\\d,.]*\\s?(?:%|percent|per cent|per\\s?mille|x\\b|-?fold)|[$€£]\\s?\\d[\\d,.]*|\\d[\\d,.]*(?:\\s|-)(?:million|billion|trillion|thousand)|(?<!\\w)\\d+(?:[.,]\\d+)?\\s*(?:±|\\+/-)\\s*\\d|(?<!\\w)(?:AUC|AUROC|AUPR|accuracy|precision|recall|F1|F-score|correlation|r|p|R2|R²)\\s*(?:of|=|<|>|≈|was|is)\\s*[<>=]?\\s*\\d|(?<!\\w)\\d+(?:[.,]\\d+)?\\s*(?:${UNIT})\\b)`,
  'iu',
);
// The word boundary before the look-behind (the two commute): most places fail the cheaper test first.
const STAT_WORD = new RegExp(`\\b(?<!\\b(?:the|these|those|both|all|its|their) )(${NUMBER_WORD})(?:[\\s-]+\\w+){0,1}?[\\s-]+(${UNIT})\\b`, 'i');
const STAT_PHRASE = /\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?[–-]\s?\d+(?:\.\d+)?\s?[a-zA-Z%]|(?:tens|hundreds|thousands|millions) of|the (?:majority|minority) of|(?:half|a third|a quarter|most) of (?:all|the)|(?:doubled|tripled|quadrupled|halved)|(?:increased|decreased|rose|fell|dropped|grew) (?:by|from|to) \d)\b/i;

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const DATE = new RegExp(
  `(?:\\b${MONTH}\\s+\\d{1,2},?\\s+${YEAR}\\b|\\b\\d{1,2}\\s+${MONTH}\\s+${YEAR}\\b|\\b${MONTH}\\s+${YEAR}\\b|\\b(?:in|since|by|until|till|from|during|after|before|of|around|between|circa|c\\.) (?:the (?:year|summer|spring|autumn|fall|winter|end|beginning|early|late|mid)(?: of)? )?(?:early |late |mid-)?${YEAR}s?\\b|\\b${YEAR}(?:s|[–-](?:\\d{2}|${YEAR}))\\b|\\(${YEAR}\\)|\\b(?:1[5-9]|20|21)(?:st|nd|rd|th) century\\b|\\b${YEAR}\\b)`,
  'u',
);
const HISTORICAL =
  /\b(?:historically|in the past|traditionally|has long been|have long been|for (?:centuries|decades|years|generations)|since the (?:end|collapse|fall|beginning|revolution|war|dissolution|cold war|soviet)|(?:dates?|dating|goes|go) back to|(?:is|was) not a new phenomenon|the (?:cold war|soviet union|soviet era|islamic revolution|first world war|second world war|world war (?:i|ii|one|two)|iran-iraq war|arab spring)|(?:was|were) (?:founded|established|signed|ratified|annexed|invaded|imposed|launched|created|formed|adopted|assassinated|elected)|(?:has|have) (?:faced|witnessed|experienced|undergone|imposed|signed|launched|invaded|annexed) (?:\w+ ){0,3}?(?:accusations|sanctions|war|wars|crisis|crises|invasion|attacks?|conflicts?|protests|embargo|agreements?|treat(?:y|ies)|fluctuations|tensions)|(?:accused|was accused|were accused) of)\b/i;
/** Strong general-empirical markers: consensus, prevalence, or the literature as a whole. */
const GENERAL_STRONG =
  /\b(?:widely (?:accepted|recognized|recognised|acknowledged|believed|held|used|adopted|studied|regarded|considered|known|reported|documented)|well[- ](?:known|established|documented|recognized|recognised)|it is (?:generally |widely |commonly )?(?:known|believed|accepted|acknowledged|argued|assumed|recognized|recognised) that|(?:many|most|several|numerous|some|various|recent|previous|prior|earlier|other) (?:studies|scholars|researchers|experts|analysts|authors|observers|theorists|works?|reports|papers|publications|investigations)|(?:studies|research|evidence|the literature|data) (?:has |have )?(?:shows?|shown|suggests?|indicates?|demonstrates?|reveals?|confirms?)|(?:has|have) (?:been|also been) (?:shown|demonstrated|reported|argued|suggested|proposed|found|observed|used|applied|developed|established|identified|documented|described|introduced|studied|explored|investigated|employed|adopted|achieved|validated|successfully)|a (?:small |large |substantial |growing |rich |vast |extensive )*(?:but growing )?(?:body of )?(?:literature|research|work) (?:on|about|exists|has)|(?:a number of|several|many|numerous) (?:reviews|commentators|surveys)|there is (?:\w+ )?evidence|(?:has|have) (?:also )?(?:shown|demonstrated) (?:promise|success)|(?:has|have) (?:also )?been (?:useful|popular|successful|effective|fruitful|implemented)|(?:recent|previous|prior|earlier|initial|early) (?:work|studies|study|research|approaches|efforts|methods|advances|reports|papers|analyses))\b/i;
/**
 * Weaker markers: prevalence adverbs and causal generalisations ("distrust heightens the security
 * dilemma"). Trusted only outside discussions and conclusions, where such sentences are the authors'
 * own reasoning. Hedges that rarely carry a citation in the labelled set ("often", "usually", "may")
 * are deliberately absent.
 */
const GENERAL_WEAK =
  /\b(?:generally|commonly|frequently|tends? to|in general|predominantly|primarily|heightens?|complicates?|undermines?|exacerbates?|facilitates?|fosters?|contributes? to|leads? to|results? in|gives? rise to|(?:is|are) associated with|correlates? with|shapes?|influences?|determines?|is known|are known|plays? an? (?:\w+ )?role)\b/i;
/** Completed work by others: in a review, someone else's result ("X was trained on…", "developed a…"). */
const PRIOR_WORK =
  /\b(?:recently|state[- ]of[- ]the[- ]art|for instance|(?:was|were) (?:able to|used|applied|trained|shown|reported|developed|proposed|introduced|achieved|obtained|demonstrated|validated|evaluated|tested|performed|designed|built)|(?:developed|proposed|introduced|demonstrated|showed|reported|achieved|outperformed|trained|applied|predicted|identified) (?:a|an|the|\d|their|its|that|deep|neural|convolutional|recurrent|several|multiple|significant|state|high|better|superior|similar|improved)|another \w+s|(?:another|a (?:recent|later|related|similar|subsequent|second|third|separate|different|previous)) (?:study|group|team|paper|work|approach|model|method|effort|project|analysis|example|strategy|system|tool|report)|(?:researchers|scholars|investigators|commentators|authors|analysts|groups|teams) (?:have |had )?(?:\w+ly )?\w+ed)\b/i;
/** A named system or data set ("ImageNet", "DeepBind", "DataShield"): a specific work the reader may look up. */
const CAMEL_NAME = /(?<![\p{L}\p{M}])(?:[A-Z][a-z]+[A-Z][\p{L}\d]*|[a-z]+[A-Z][A-Z][\p{L}\d]*)/u;
/** Both of CAMEL_NAME's forms have a lower-case letter right before a capital: a cheap test first. */
const CAMEL_HINT = /[a-z][A-Z]/;
/** A figure, table or section number, left out before looking for statistics. */
const NUMBERED = /\b(?:figure|fig\.|table|tbl\.|section|chapter|step|equation|eq\.|box|appendix|phase|stage|type|level|class)\s*\d+/gi;
/** A capitalised word that may be a bibliography's first author. */
const CAPITALISED = /(?<![\p{L}\p{M}])[A-Z][\p{L}\p{M}'’-]+/gu;

/** Characters that end a sentence (a string to look the last one up in; none is a surrogate). */
const FINAL_PUNCTUATION = '.!?؟۔…:;"”’)';
const QUESTION_MARKS = '?؟？';
const CLOSERS = '"”’)]';

// ---------------------------------------------------------------------------------------------------
// Rules, most specific first.

const structural: Rule = (c) => {
  const t = c.plain;
  if (t === '' || /^[\s\p{P}\p{S}\d]*$/u.test(t)) return no('structural', 'no words (a label or a bare citation)');
  if (/^(?:figure|fig\.|table|tbl\.|box|chart|map|source|note)\s*[\dA-Z]+[.:]/i.test(t)) return no('structural', `a caption (${qp(t.split(/[.:]/)[0] ?? t)})`);
  if (!FINAL_PUNCTUATION.includes(t.at(-1)!) && t.split(/\s+/).length <= 14) return no('structural', 'a heading or label (no final punctuation)');
  return null;
};

const question: Rule = (c) => (endsWithQuestionMark(c.plain) ? no('question', 'a question') : null);

/** `/[?؟？]["”’)\]]*$/u.test(t)`, by looking back from the end: a question mark before closing quotes and brackets. */
function endsWithQuestionMark(t: string): boolean {
  let end = t.length;
  while (end > 0 && CLOSERS.includes(t[end - 1]!)) end--;
  return end > 0 && QUESTION_MARKS.includes(t[end - 1]!);
}

const signpost: Rule = (c) => {
  const m = SIGNPOST.exec(c.plain);
  if (m) return no('signpost', `signposting (${qp(m[0])})`);
  if (c.plain.endsWith(':')) return no('signpost', 'introduces what follows (ends with a colon)');
  return null;
};

const ownAim: Rule = (c) => {
  const self = selfIn(c);
  if (!self) return null;
  const after = c.plain.slice(self.index);
  const aim = AIM.exec(after);
  if (aim && aim.index < 60) return no('own-aim', `the authors' own aim (${qp(after.slice(0, aim.index + aim[0].length))})`);
  const inquiry = OWN_INQUIRY.exec(after);
  if (/^(?:this|the present|the current)/i.test(self[0]) && inquiry && inquiry.index < 40)
    return no('own-aim', `the authors' own inquiry (${qp(after.slice(0, inquiry.index + inquiry[0].length))})`);
  return null;
};

const method: Rule = (c) => {
  const m = METHOD.exec(c.plain);
  if (!m) return null;
  // "method" inside a claim about others ("Shin et al. used a method…") is not the authors' method.
  if (!selfIn(c) && c.section !== 'method' && !/data collection|carried out|descriptive|theoretical framework|have been analy|has been analy/i.test(m[0])) return null;
  return no('method', `describes the authors' method (${qp(m[0])})`);
};

const ownFinding: Rule = (c) => {
  const m = OWN_FINDING.exec(c.plain);
  return m ? no('own-finding', `reports the authors' own finding (${qp(m[0])})`) : null;
};

function cleanName(raw: string): string | null {
  const words = raw.trim().split(/\s+/);
  while (words.length > 0 && NOT_A_NAME.has((words[0] ?? '').toLowerCase())) words.shift();
  const name = words.join(' ').replace(/['’]s$/, '');
  if (name === '' || NOT_A_NAME.has(name.toLowerCase())) return null;
  return name;
}

const attribution: Rule = (c) => {
  const t = c.plain;
  const acc = ACCORDING.exec(t);
  if (acc) {
    const name = cleanName(acc[1] ?? '');
    if (name) return yes('attribution', `attributes a view to ${name} (${qp(acc[0])})`, [name]);
  }
  // Spaces in `plain` are single spaces (contextOf), so ET_AL's "\s+et\s+al" is " et al".
  const etal = t.includes(' et al') ? ET_AL.exec(t) : null;
  if (etal) {
    const name = cleanName(etal[1] ?? '');
    if (name) return yes('attribution', `reports work by ${name} et al.`, [name]);
  }
  NAMED_REPORT.lastIndex = 0;
  let start: number | undefined;
  for (let m = NAMED_REPORT.exec(t); m; m = NAMED_REPORT.exec(t)) {
    const name = cleanName(m[1] ?? '');
    if (!name) continue;
    if (GENERIC_SOURCE.test(name)) return yes('general-empirical', `refers to the literature (${qp(m[0])})`);
    // A capitalised first word could be an ordinary word ("Dropout makes…"); trust it only with an opinion verb, a known author or a multi-word name.
    const atStart = m.index === (start ??= t.search(/\S/));
    const known = name.split(/\s+/).some((w) => c.knownAuthors.has(w.toLowerCase()));
    const opinion = /^(?:argue|emphasi|contend|claim|assert|maintain|posit|suggest|note|observe|state|believe|hold|held|stress|highlight|point|insist|writ|wrote|warn|criticize|define|view|consider|conclude|acknowledge|propose)/i.test(m[3] ?? '');
    if (atStart && !known && !opinion && !/\s/.test(name) && !/^[A-Z]{2,}/.test(name)) continue;
    return yes('attribution', `attributes a view to ${name} (${qp(`${name} ${m[3] ?? ''}`)})`, [name]);
  }
  const pos = t.includes("'") || t.includes('’') ? POSSESSIVE.exec(t) : null;
  if (pos) {
    const name = cleanName(pos[1] ?? '');
    const known = name !== null && c.knownAuthors.has(name.toLowerCase());
    // "Iran's approach" is not a source; a theory, a known author or a person-like noun is.
    if (name && (known || /theor|thesis|argument|view|concept|notion|definition|hypothesis|typology|critique|doctrine/.test(pos[2] ?? '')))
      return yes('attribution', `attributes ${pos[2]} to ${name} (${qp(pos[0])})`, [name]);
  }
  const pro = PRONOUN_REPORT.exec(t);
  if (pro) {
    const verb = pro[2] ?? '';
    if (c.previousNamed.length > 0)
      return yes('attribution', `attributes a view to ${c.previousNamed.join(', ')} ('${pro[1]} ${verb}' after naming them)`, [...c.previousNamed]);
    if (/^(?:he|she|his|her)$/i.test(pro[1] ?? '')) return yes('attribution', `attributes a view to an unnamed person ('${pro[1]} ${verb}')`);
  }
  const name = firstKnownAuthor(c);
  if (name !== undefined) return yes('attribution', `names ${name}, an author in the bibliography`, [name]);
  return null;
};

/** The first capitalised word that is a first author in the bibliography ("Katz", "Kozhanov"). */
function firstKnownAuthor(c: Context): string | undefined {
  if (c.knownAuthors.size === 0) return undefined;
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(c.plain); m; m = CAPITALISED.exec(c.plain)) {
    const w = withoutPossessive(m[0]);
    if (c.knownAuthors.has(w.toLowerCase())) return w;
  }
  return undefined;
}

const recommendation: Rule = (c) => {
  const m = RECOMMEND.exec(c.plain);
  if (!m) return null;
  // "must … to ensure" is advice in the authors' voice; "must" describing others is left to the claim rules.
  return no('recommendation', `a recommendation (${qp(m[0])})`);
};

const theory: Rule = (c) => {
  const m = THEORY_SUBJECT.exec(c.plain);
  return m ? yes('theory', `characterises a theory (${qp(m[0])})`) : null;
};

const statistic: Rule = (c) => {
  // NUMBERED and every form of STAT_DIGIT need a digit.
  const t = c.digit ? c.plain.replace(NUMBERED, '') : c.plain;
  const m = (c.digit ? STAT_DIGIT.exec(t) : null) ?? STAT_WORD.exec(t) ?? STAT_PHRASE.exec(t);
  return m ? yes('statistic', `states a number (${q(m[0])})`) : null;
};

const date: Rule = (c) => {
  // Every form of DATE has a year or a century in digits.
  const m = c.digit ? DATE.exec(c.plain) : null;
  if (!m) return null;
  const year = /\d{4}/.exec(m[0])?.[0] ?? m[0];
  return yes('date-or-event', `reports a dated event (${qp(m[0].length <= 12 ? year : m[0])})`);
};

const historical: Rule = (c) => {
  const m = HISTORICAL.exec(c.plain);
  return m ? yes('historical', `reports a historical fact (${qp(m[0])})`) : null;
};

const generalStrong: Rule = (c) => {
  const m = GENERAL_STRONG.exec(c.plain);
  return m ? yes('general-empirical', `a general empirical statement (${qp(m[0])})`) : null;
};

const ownVoice: Rule = (c) => {
  // Sentences in the authors' voice ("we", "our", "this review") describe their own work.
  const m = selfIn(c);
  return m ? no('own-work', `the authors' own work (${qp(m[0])})`) : null;
};

const priorWork: Rule = (c) => {
  if (c.section === 'front') return null;
  const m = PRIOR_WORK.exec(c.plain);
  return m ? yes('prior-work', `reports earlier work (${qp(m[0])})`) : null;
};

// Apart from prior-work: CamelCase also names the authors' own tools and genes ("MaxEnt", "bHLH").
const namedSystem: Rule = (c) => {
  if (c.section === 'front') return null;
  const n = CAMEL_HINT.test(c.plain) ? CAMEL_NAME.exec(c.plain) : null;
  return n ? yes('named-system', `names a specific system or data set (${qp(n[0])})`) : null;
};

const generalWeak: Rule = (c) => {
  if (c.section === 'discussion' || c.section === 'conclusion' || c.section === 'results' || c.section === 'front') return null;
  const m = GENERAL_WEAK.exec(c.plain);
  return m ? yes('generalisation', `a generalisation (${qp(m[0])})`) : null;
};

const fallback: Rule = (c) => {
  const title = c.sectionTitle.replace(/^[\s\d.\-–—)]+/, '').trim() || c.sectionTitle;
  switch (c.section) {
    case 'background':
      return yes('background', `an unmarked statement in the background section ${q(title)}`);
    case 'front':
      return no('front-matter', `in ${q(title)}, where sources are not expected`);
    case 'other':
      return no('unmarked', 'no claim marker (a definition, an explanation or the authors\' own reasoning)');
    default:
      return no('own-analysis', `the authors' own analysis in ${q(title)}`);
  }
};

/** The rules in the order they are tried; ids as in docs/claims.md. */
export const CLAIM_RULES: readonly { id: string; rule: Rule }[] = [
  { id: 'structural', rule: structural },
  { id: 'question', rule: question },
  { id: 'signpost', rule: signpost },
  { id: 'own-aim', rule: ownAim },
  { id: 'method', rule: method },
  { id: 'own-finding', rule: ownFinding },
  { id: 'attribution', rule: attribution },
  { id: 'recommendation', rule: recommendation },
  { id: 'theory', rule: theory },
  { id: 'statistic', rule: statistic },
  { id: 'date-or-event', rule: date },
  { id: 'historical', rule: historical },
  { id: 'general-empirical', rule: generalStrong },
  { id: 'own-work', rule: ownVoice },
  { id: 'prior-work', rule: priorWork },
  { id: 'named-system', rule: namedSystem },
  { id: 'generalisation', rule: generalWeak },
  { id: 'fallback', rule: fallback },
];

/** A rule that fired on a sentence: evidence for the model, not a verdict. */
export interface ClaimCue {
  /** The rule id (see docs/claims.md). */
  readonly id: string;
  /** Whether the rule reads the sentence as a claim (true) or as the authors' own text (false). */
  readonly claim: boolean;
  /** Short, concrete: quotes the word, number or name that fired. */
  readonly reason: string;
  readonly named?: readonly string[];
}

/**
 * Every rule that fires on the sentence, in rule order (the section fallback excluded: the model reads
 * the section itself). The cascade of `classifyClaim` keeps the first; the model weighs them all.
 */
export function claimCues(input: ClaimInput): ClaimCue[] {
  const ctx = contextOf(input);
  const out: ClaimCue[] = [];
  for (const { id, rule } of CLAIM_RULES) {
    if (id === 'fallback') continue;
    const v = rule(ctx);
    if (v) out.push(v.named ? { id: v.rule, claim: v.claim, reason: v.reason, named: v.named } : { id: v.rule, claim: v.claim, reason: v.reason });
  }
  return out;
}

export function classifyClaim(input: ClaimInput): ClaimVerdict {
  const ctx = contextOf(input);
  for (const { rule } of CLAIM_RULES) {
    const verdict = rule(ctx);
    if (verdict) return verdict;
  }
  /* c8 ignore next */
  return no('own-analysis', 'no rule fired');
}

function contextOf(input: ClaimInput): Context {
  let plain = input.text;
  // Each replacement only where it can change something: most sentences reach here already plain (features.ts).
  if (plain.includes('\uFFFC')) plain = plain.replace(/(?<!\s)\s*\uFFFC\s*/g, ' ');
  // Only from the start of a run of spaces: retrying inside a long run was quadratic (recheck).
  plain = plain.replace(/(?<!\s)\s+([.,;:!?])/g, '$1');
  if (/[^\S ]|  /.test(plain)) plain = plain.replace(/\s+/g, ' ');
  plain = plain
    .trim()
    // A leading list label ("a.", "(c)", "1)") is not part of the sentence.
    .replace(/^(?:[-*•]\s*)?(?:\(?[a-zA-Z]\)|\(?\d{1,2}\)|[a-zA-Z]\.|\d{1,2}\.)\s+(?=\S)/, '');
  const ctx: Context = {
    plain,
    section: sectionKind(input.sectionTitle),
    sectionTitle: input.sectionTitle,
    // A set is taken as given (already lower-case): the caller builds it once per bibliography.
    knownAuthors:
      input.knownAuthors instanceof Set ? input.knownAuthors : new Set([...(input.knownAuthors ?? [])].map((a) => a.toLowerCase())),
    previousNamed: input.previousNamed ?? [],
    digit: /\d/.test(plain),
  };
  return ctx;
}
