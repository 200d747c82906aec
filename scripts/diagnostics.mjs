// `npm run generate:diagnostics`: writes what the diagnostic registry (server/src/analysis/diagnostics/
// registry.ts) decides into the files that show it to users: the `marginalia.diagnostics.severity`
// setting in package.json (one property per code, its summary and default) and the table at the top of
// docs/diagnostics.md. test/docs.test.ts fails when either is out of date; `--check` only compares.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { importModules, root } from '../bench/bundle.mjs';

const { diagnosticRules } = await importModules('server/src/analysis/diagnostics/registry.ts');
const check = process.argv.includes('--check');
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

function severitySetting(rules, previous) {
  return {
    ...previous,
    type: 'object',
    scope: 'resource',
    markdownDescription: 'Severity of each diagnostic, by code. `off` hides the diagnostic and its quick fixes.',
    properties: Object.fromEntries(
      rules.map((r) => [r.code, { type: 'string', enum: LEVELS, default: r.severity, description: r.summary }]),
    ),
    additionalProperties: false,
    default: Object.fromEntries(rules.map((r) => [r.code, r.severity])),
  };
}

function docsTable(rules) {
  return [
    '| code | default | what | where |',
    '|---|---|---|---|',
    ...rules.map((r) => `| [${r.code}](#${r.code}) | ${r.severity}${r.note ? ` (${r.note})` : ''} | ${r.summary.replace(/\|/g, '\\|')} | ${r.where} |`),
  ].join('\n');
}

const stale = [];
const manifestPath = path.join(root, 'package.json');
const manifestText = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(manifestText);
const props = manifest.contributes.configuration.properties;
props['marginalia.diagnostics.severity'] = severitySetting(diagnosticRules, props['marginalia.diagnostics.severity']);
const nextManifest = JSON.stringify(manifest, null, 2) + '\n';
if (nextManifest !== manifestText) stale.push('package.json');

const docsPath = path.join(root, 'docs/diagnostics.md');
const docs = readFileSync(docsPath, 'utf8');
const start = docs.indexOf('| code | default |');
const end = docs.indexOf('\n\n', start);
if (start < 0 || end < 0) throw new Error('docs/diagnostics.md: no table starting "| code | default |"');
const nextDocs = docs.slice(0, start) + docsTable(diagnosticRules) + docs.slice(end);
if (nextDocs !== docs) stale.push('docs/diagnostics.md');

if (check) {
  if (stale.length) {
    console.error(`out of date with the diagnostic registry: ${stale.join(', ')} (run npm run generate:diagnostics)`);
    process.exit(1);
  }
  console.log('package.json and docs/diagnostics.md match the diagnostic registry');
} else {
  writeFileSync(manifestPath, nextManifest);
  writeFileSync(docsPath, nextDocs);
  console.log(stale.length ? `updated ${stale.join(', ')}` : 'already up to date');
}
