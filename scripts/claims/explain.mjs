// Development aid: every sentence of a Markdown file with the model's score and evidence.
// Usage: node scripts/claims/explain.mjs FILE   (or text on stdin with '-')
import { readFileSync } from 'node:fs';
import { importModules } from '../../bench/bundle.mjs';

const { buildManuscript } = await importModules('server/src/model/manuscript.ts');
const file = process.argv[2] ?? '-';
const text = readFileSync(file === '-' ? 0 : file, 'utf8');
for (const s of buildManuscript(text).sentences) {
  const j = s.judgement;
  const mark = j.claimAt.precise ? 'P' : j.claimAt.balanced ? 'B' : j.claimAt.thorough ? 'T' : '-';
  console.log(`${mark} ${j.score.toFixed(3)}${s.cited ? ' cited' : ''}${j.coveredByPrevious ? ' covered' : ''} | ${s.text.slice(0, 100)} | ${j.evidence.join('; ')}`);
}
