/**
 * Whether a name a sentence attributes a view to could be an author's: "Waltz", "Kenneth Roth",
 * "Mearsheimer and Walt" may be; a state, a capital standing for its government or an institution
 * ("Russia", "Tehran", "the UN Special Rapporteur on the Right to Freedom of Peaceful Assembly") is not
 * what a reference is "by". The uncited-claim diagnostic names only the first kind as missing.
 */

/** Words that make a name an institution's or a place's (compared lower-case). */
const NOT_A_PERSON = new Set(
  (
    // Institutions and the words that make their names.
    'government governments ministry council commission court rapporteur department bank organization organisation agency ' +
    'union nations republic kingdom states parliament congress senate committee office institute university foundation ' +
    'association assembly freedom rights watch amnesty international press news times post reuters federation secretariat ' +
    'un nato eu who imf oecd asean opec iaea unhcr unicef unesco icrc osce brics sco gcc csto kremlin pentagon administration ' +
    'regime party army navy military forces intelligence authorities authority cabinet presidency embassy delegation ' +
    // Regions and states' names, as they stand for their governments in international relations.
    'europe africa asia america americas eurasia caucasus balkans levant gulf arctic west east middle ' +
    'afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain bangladesh ' +
    'barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina burundi cambodia ' +
    'cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia czech denmark djibouti dominica ' +
    'ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada ' +
    'guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan ' +
    'jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein ' +
    'lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova ' +
    'monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway ' +
    'oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa ' +
    'senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan ' +
    'tajikistan tanzania thailand togo tonga tunisia turkey türkiye turkmenistan tuvalu uganda ukraine uruguay uzbekistan ' +
    'vanuatu vatican venezuela vietnam yemen zambia zimbabwe britain england scotland wales crimea donbas chechnya ' +
    'ussr usa us uk uae prc dprk ' +
    // Common nouns and adjectives that open sentences with an opinion verb ("Activists argue…").
    'editors activists article articles paragraph section name capital cooperation signatory signatories authoritarian ' +
    'restrictive democratic democracies autocracies ' +
    // Peoples and their adjectives ("Western", "Arab" start many sentences that name no one).
    'western eastern arab arabs soviet american americans european europeans russian russians iranian iranians chinese ' +
    'ukrainian ukrainians israeli israelis turkish saudi british french german indian pakistani syrian iraqi afghan ' +
    'african asian latin islamic persian ' +
    // Capitals that stand for governments.
    'moscow tehran washington beijing kyiv kiev london paris berlin brussels ankara riyadh baghdad damascus jerusalem ' +
    'cairo delhi islamabad kabul tokyo seoul pyongyang minsk baku yerevan tbilisi'
  ).split(' '),
);

/** Words of an institution's or a title's name that never occur in a person's. */
const CONNECTIVES = new Set(['of', 'for', 'on', 'the', 'to', 'in', 'at']);

/** Titles before a person's name ("Executive Director Kenneth Roth"), dropped when naming them. */
const TITLES = new Set(
  (
    'executive director president vice prime minister foreign secretary general professor prof dr mr mrs ms sir dame lord ' +
    'senator ambassador chairman chairwoman chair ceo chief supreme leader ayatollah king queen prince emperor chancellor ' +
    'governor mayor judge justice commander colonel admiral special envoy spokesperson spokesman spokeswoman deputy ' +
    'former late then current'
  ).split(' '),
);

/** The name's words, without the titles before it and a possessive. */
function words(name: string): string[] {
  const ws = name.trim().split(/\s+/).map((w) => w.replace(/['’]s$/, ''));
  while (ws.length > 1 && TITLES.has(ws[0]!.toLowerCase())) ws.shift();
  return ws;
}

/** The name as a message says it: "Kenneth Roth" for "Executive Director Kenneth Roth". */
export function personName(name: string): string {
  return words(name).join(' ');
}

/**
 * Whether `name` may be a person's (or persons': "Mearsheimer and Walt"), not a state's, an institution's
 * or a system's: no word is an acronym ("IFJ", "NGOs", "SVM"), a system's name with a run of capitals
 * inside ("MultiPLIER", "RoseTTAFold", "MIBI-TOF"), "I", or a word of the lists above.
 */
export function isPersonLike(name: string): boolean {
  const ws = words(name);
  if (!ws.length) return false;
  return ws.every((w) => {
    const lower = w.toLowerCase();
    if (NOT_A_PERSON.has(lower) || CONNECTIVES.has(lower) || w === 'I') return false;
    return !ACRONYM.test(w) && !CAPITALS_INSIDE.test(w) && !/[\d_]/.test(w);
  });
}

/** Two capitals or more, maybe a plural or hyphenated parts: "IFJ", "NGOs", "MIBI-TOF". */
const ACRONYM = /^(?:\p{Lu}{2,}s?)(?:-\p{L}+)*$/u;
/** A run of two capitals after a letter: "MultiPLIER", "RoseTTAFold", "ScPCA" (not "McCabe", "DeLange"). */
const CAPITALS_INSIDE = /\p{L}\p{Lu}{2}/u;

/** Whether any word of the name is one of `families` (lower-case family names of cited authors). */
export function namesOneOf(name: string, families: readonly string[]): boolean {
  return words(name).some((w) => families.includes(w.toLowerCase()));
}
