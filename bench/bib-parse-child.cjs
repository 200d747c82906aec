// One parse of one .bib in a fresh process (bench/bib-parsers.mjs runs it): node bib-parse-child.cjs PARSER FILE BUNDLE
// Prints {"ms": ..., "entries": ...}. The file is read before timing starts.
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const [parser, file, bundle] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');

const parsers = {
  // The floor: one pass over the string, counting top-level `@` (what any parser must at least do).
  'one pass': () => {
    let depth = 0;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 123) depth++;
      else if (c === 125) depth--;
      else if (c === 64 && depth === 0) n++;
    }
    return n;
  },
  'Marginalia parse': () => require(bundle).parseBibTeX(text).entries.length,
  // What the server does before the first diagnostics: parse, then the distinct first authors of every
  // entry (the call the host makes for the claim rules).
  'Marginalia parse + index': () => {
    const { parseBibTeX, firstAuthors } = require(bundle);
    const { entries } = parseBibTeX(text);
    firstAuthors(entries);
    return entries.length;
  },
  // latex-utensils: the BibTeX parser of LaTeX Workshop (VS Code).
  'latex-utensils': () => require('latex-utensils').bibtexParser.parse(text).content.length,
  // citation-js to CSL-JSON, as most JavaScript tools read .bib files.
  'citation-js': () => {
    const { plugins } = require('@citation-js/core');
    require('@citation-js/plugin-bibtex');
    return plugins.input.chain(text, { generateGraph: false }).length;
  },
};

// Module loading is not timed: require the code first where there is any.
if (parser.startsWith('Marginalia')) require(bundle);
if (parser === 'latex-utensils') require('latex-utensils');
if (parser === 'citation-js') {
  require('@citation-js/core');
  require('@citation-js/plugin-bibtex');
}
// CPU time too (all of the process's threads: the compiler's and the collector's work counts): on a shared
// machine wall time also holds the time other processes had the cores.
const cpu = process.cpuUsage();
const t = performance.now();
const entries = parsers[parser]();
const ms = performance.now() - t;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
process.stdout.write(JSON.stringify({ ms, cpuMs, entries, rssMb: process.memoryUsage().rss / 1048576 }));
