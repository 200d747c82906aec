// A cheap, paragraph-local match of a sentence against the bibliography's titles, the kind the server
// could afford per sentence (no BM25 search, nothing of the rest of the manuscript): used by
// experiment-bib.mjs --local to measure whether such evidence helps the claims model (issue #14).
// Terms are the model's tokens (features.ts tokenize), content words of four letters or more cut to six
// letters; each weighs its inverse document frequency over the titles.

const STEM = 6;
/** A term in more than this share of titles picks out no entry: its postings are skipped. */
const COMMON_SHARE = 0.2;
const STOP = new Set(
  ('that this with from have been were which their there they than then also into such more most other some when where ' +
    'while each both between about over under after before these those what will would could should does doing done ' +
    'using used based study studies paper work works analysis approach results result data through within across among ' +
    'many much very only well here your them whose upon onto even ever like just being same first second third new ' +
    'towards toward against without during however thus since because although whether either neither rather').split(' '),
);

export function contentTerm(token) {
  if (token.length < 4 || token.startsWith('<') || STOP.has(token)) return undefined;
  return token.slice(0, STEM);
}

/** Titles and years of a bibliography's entries ({ title?, year? }); undefined under 5 titled entries. */
export function titleIndex(entries, tokenize) {
  const lists = new Map();
  const years = new Set();
  let n = 0;
  for (const e of entries) {
    if (e.year && /^\d{4}$/.test(e.year)) years.add(e.year);
    if (!e.title) continue;
    for (const term of new Set(tokenize(e.title).map(contentTerm).filter(Boolean))) {
      if (!lists.has(term)) lists.set(term, []);
      lists.get(term).push(n);
    }
    n++;
  }
  if (n < 5) return undefined;
  const terms = new Map([...lists].map(([t, l]) => [t, { idf: Math.log(1 + n / l.length), postings: l }]));
  return { entries: n, terms, years };
}

/** best: summed idf of the sentence's terms in its best title; shared: how many; cover: share of its terms in some title. */
export function matchTitles(tokens, index) {
  const seen = new Set();
  let content = 0;
  let inTitles = 0;
  const scores = new Map();
  const common = Math.max(2, index.entries * COMMON_SHARE);
  for (const token of tokens) {
    const term = contentTerm(token);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    content++;
    const t = index.terms.get(term);
    if (!t) continue;
    inTitles++;
    if (t.postings.length > common) continue;
    for (const e of t.postings) {
      const s = scores.get(e) ?? { sum: 0, shared: 0 };
      s.sum += t.idf;
      s.shared++;
      scores.set(e, s);
    }
  }
  let best = { sum: 0, shared: 0 };
  for (const s of scores.values()) if (s.sum > best.sum) best = s;
  return { best: best.sum, shared: best.shared, cover: content ? inTitles / content : 0 };
}
