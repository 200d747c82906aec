// What the claim judgement says about real text, recorded so that a change meant only to make it faster
// can prove it changed nothing: for every paragraph, each sentence's rule cues (claimCues), today's
// first-match verdict (classifyClaim) and the model's judgement (judgeParagraph: score, thresholds,
// evidence, names, continuation, rule). test/server/model/claims/golden.test.ts recomputes them.
//
// `node scripts/claims/golden.mjs` rewrites test/fixtures/claims/ from the current code: the edition's
// paragraphs in full (inputs and outputs) and, for the corpus of ../shared/data, one SHA-256 per
// manuscript and framing. Run it only when a change to the rules, features or model is meant to change
// judgements, and say so in the commit.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { containerOf, dataAvailable, headingsOf, keepsCitation, loadManuscripts, manuscriptBibliography, paragraphs } from './data.mjs';

/** JSON with object keys sorted: the same judgement gives the same bytes however its objects were built. */
export function canonical(value) {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** Everything the judgement code says about one paragraph. `code` holds the project's exports. */
export function paragraphRecord(code, model, { sentences, headings, authors, container, bibliography }) {
  const known = authors && authors.size ? authors : undefined;
  const judgements = code.judgeParagraph(model, sentences, headings, code.cueFunction(known), known, container, bibliography);
  const cues = [];
  const rules = [];
  let cueNamed = [];
  let ruleNamed = [];
  for (const s of sentences) {
    // As features.ts asks for them: citations out, spaces collapsed, the previous cue's names carried.
    const text = s.text.replace(/\uFFFC/g, ' ').replace(/\s+/g, ' ').trim();
    const c = code.claimCues({ text, sectionTitle: '', ...(known ? { knownAuthors: known } : {}), previousNamed: cueNamed });
    cueNamed = c.find((x) => x.named?.length)?.named ?? [];
    cues.push(c);
    // As bench/claims.mjs runs today's rules: the nearest heading as the section title.
    const v = code.classifyClaim({ text: s.text, sectionTitle: headings.at(-1) ?? '', previousNamed: ruleNamed, ...(known ? { knownAuthors: known } : {}) });
    ruleNamed = v.named ?? [];
    rules.push(v);
  }
  return { cues, rules, judgements };
}

/** The paragraphs of a corpus manuscript as judgeParagraph's inputs, in one framing ('removed' | 'draft'). */
export function corpusParagraphs(code, m, framing) {
  const bibliography = manuscriptBibliography(code, m);
  return paragraphs(m.rows).map((p) => ({
    bibliography,
    sentences: p.map((r) => ({ text: r.text, cited: framing === 'draft' && keepsCitation(r) })),
    headings: headingsOf(p[0]),
    authors: m.authors,
    container: containerOf(p[0]),
  }));
}

export const FRAMINGS = ['removed', 'draft'];

/** SHA-256 of every record of a manuscript in one framing. */
export function corpusDigest(code, model, m, framing) {
  const hash = createHash('sha256');
  for (const input of corpusParagraphs(code, m, framing)) hash.update(canonical(paragraphRecord(code, model, input)) + '\n');
  return hash.digest('hex');
}

export const fixtureDir = (root) => path.join(root, 'test/fixtures/claims');

// ---- The generator (run as a script).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { importModules, root } = await import('../../bench/bundle.mjs');
  const code = await importModules(
    'server/src/model/claims/features.ts',
    'server/src/model/claims/judge.ts',
    'server/src/model/claims/bundled.ts',
    'server/src/model/claims.ts',
    'server/src/model/manuscript.ts',
    'server/src/bibliography/load.ts',
    'server/src/bibliography/summary.ts',
    'server/src/model/claims/bibliography-match.ts',
    'server/src/model/claims/bibliography-features.ts',
    'server/src/analysis/claim-bibliography.ts',
    'server/src/workspace/claim-bibliography.ts',
    'server/src/model/sentences.ts',
  );
  const model = code.bundledClaimModel();
  const dir = fixtureDir(root);
  mkdirSync(dir, { recursive: true });

  // The edition as the server judges it: the inputs buildManuscript hands to the judge, recorded.
  const bibFile = path.join(root, 'document/references.bib');
  const authors = new Set();
  const entries = code.parseBibliography(readFileSync(bibFile, 'utf8'), code.formatForPath(bibFile)).entries;
  for (const e of entries) {
    const first = code.firstAuthor(e)?.toLowerCase();
    if (first && first.length > 2 && !/\s/.test(first)) authors.add(first);
  }
  // The bibliography and the manuscript's scale as the host computes them (workspace/claim-bibliography.ts).
  const paper = readFileSync(path.join(root, 'document/paper.md'), 'utf8');
  const bibliography = new code.ClaimBibliographyCache(code.splitSentences).forManuscript('paper.md', code.parseManuscript(paper), [entries]);
  const inputs = [];
  code.buildManuscript(paper, {
    knownAuthors: authors,
    judgeClaims: (sentences, headings, container) => {
      inputs.push({ sentences, headings, ...(container ? { container } : {}) });
      return code.judgeParagraph(model, sentences, headings, code.cueFunction(authors), authors, container, bibliography);
    },
  });
  const edition = {
    knownAuthors: [...authors].sort(),
    bibliographyScale: bibliography.scale,
    paragraphs: inputs.map((input) => ({ input, expected: paragraphRecord(code, model, { ...input, authors, bibliography }) })),
  };
  writeFileSync(path.join(dir, 'edition-judgements.json'), JSON.stringify(edition, null, 1) + '\n');
  console.log(`edition: ${inputs.length} paragraphs, ${inputs.reduce((k, p) => k + p.sentences.length, 0)} sentences`);

  if (!dataAvailable()) console.log('corpus digests not rewritten: ../shared/data not available');
  else {
    const digests = {};
    let sentences = 0;
    for (const m of loadManuscripts(code)) {
      digests[m.name] = Object.fromEntries(FRAMINGS.map((f) => [f, corpusDigest(code, model, m, f)]));
      sentences += m.rows.length;
    }
    writeFileSync(path.join(dir, 'corpus-digests.json'), JSON.stringify(digests, null, 1) + '\n');
    console.log(`corpus: ${Object.keys(digests).length} manuscripts, ${sentences} sentences, 2 framings`);
  }
}
