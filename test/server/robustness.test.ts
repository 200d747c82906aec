/**
 * Bad input gets a clear diagnostic, never a crash or a hang: the whole pipeline (parse, model,
 * bibliography, every analysis) on hostile documents. Each test only has the suite's time limit.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/analysis/config.js';
import { coverage } from '../../server/src/analysis/coverage.js';
import { diagnose } from '../../server/src/analysis/diagnostics/index.js';
import { hover } from '../../server/src/analysis/hover.js';
import { outline } from '../../server/src/analysis/outline.js';
import { MemoryFileSystem } from '../../server/src/files/file-system.js';
import { Host } from '../../server/src/workspace/host.js';

async function everything(files: Record<string, string>) {
  const host = new Host(new MemoryFileSystem(files));
  const s = (await host.snapshot('/p.md'))!;
  const findings = diagnose(s, defaultConfig);
  outline(s);
  coverage(s);
  for (let o = 0; o < s.manuscript.text.length; o += Math.max(1, Math.floor(s.manuscript.text.length / 50)))
    hover(s, o, { config: defaultConfig });
  return { s, findings, codes: [...new Set(findings.map((f) => f.code))].sort() };
}

describe('hostile input', () => {
  it('an unterminated front matter is read as text, not lost', async () => {
    const { s } = await everything({ '/p.md': '---\ntitle: x\nbibliography: refs.bib\n\n# Heading\n\nSince 2011, relations grew.\n' });
    expect(s.manuscript.sections.map((x) => x.title)).toEqual(['Heading']);
    expect(s.manuscript.sentences.map((x) => x.text)).toContain('Since 2011, relations grew.');
  });

  it('a bibliography of binary garbage gives errors and keeps the good entries', async () => {
    const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    const { findings, s } = await everything({
      '/p.md': '---\nbibliography: refs.bib\n---\nText [@good].\n',
      '/refs.bib': `${garbage}\n@misc{good, title = {Good}}\n@misc{bad, title = {x\n${garbage}`,
    });
    expect(s.entries.has('good')).toBe(true);
    expect(findings.some((f) => f.code === 'malformed-bibliography')).toBe(true);
    expect(findings.some((f) => f.code === 'unknown-key')).toBe(false);
  });

  it('odd Unicode: RTL text, combining marks, astral characters, lone surrogates, NUL', async () => {
    const text = '# عنوان\n\nایران و روسیه [@katz]. e\u0301\u0301 😀😀 \uD800 lone \u0000 nul [@k\u00e9y]. \u202Eevil\u202C.\n';
    const { s, codes } = await everything({ '/p.md': text });
    expect(codes).toEqual(['unknown-key']);
    expect(s.manuscript.citations.map((c) => c.item.key)).toEqual(['katz', 'k\u00e9y']);
    for (const c of s.manuscript.citations) expect(text.slice(c.item.keyRange.start, c.item.keyRange.end)).toBe(c.item.key);
  });

  it('a 0.6 MB manuscript with 18,000 citations and 2,000-deep brackets completes', async () => {
    const para = 'Since 2011 the numbers grew by 40 percent [@k1; @k2, p. 3] and [[@k3]]{.editorial}, said Waltz. ';
    const text = '# Big\n\n' + Array.from({ length: 1000 }, () => para.repeat(6)).join('\n\n') + '\n\n' + '['.repeat(2000) + '@x' + ']'.repeat(2000);
    const { s, codes } = await everything({
      '/p.md': `---\nbibliography: r.bib\n---\n${text}`,
      '/r.bib': '@misc{k1, title={A}}\n@misc{k2, title={B}}\n@misc{k3, title={C}}\n',
    });
    expect(s.manuscript.text.length).toBeGreaterThan(500_000);
    // The 2,000-deep brackets are set aside with a diagnostic of their own (syntax/nesting.ts).
    expect(s.manuscript.citations.length).toBe(18_000);
    expect(codes).toEqual(['malformed-markdown']);
  }, 120_000);

  it('malformed span attributes and vocabulary are reported, the text kept', async () => {
    const { findings, s } = await everything({
      '/p.md': '---\nmarginalia: [not, a, map]\n---\n[kept text]{.consequence key="unterminated}\n',
    });
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['malformed-front-matter', 'malformed-span']));
    expect(s.manuscript.annotations[0]?.text).toBe('kept text');
  });
});
