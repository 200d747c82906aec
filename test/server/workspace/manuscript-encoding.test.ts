/** A manuscript read from disk in another encoding is decoded, or its bad bytes are reported. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/analysis/config.js';
import { diagnose } from '../../../server/src/analysis/diagnostics/index.js';
import { MemoryFileSystem } from '../../../server/src/files/file-system.js';
import { Host } from '../../../server/src/workspace/host.js';

const md = '---\nbibliography: refs.bib\n---\nSee [@known] and [@unknown].\n';

async function findings(fs: MemoryFileSystem) {
  const s = (await new Host(fs).snapshot('/p.md'))!;
  return diagnose(s, defaultConfig).map((f) => `${f.code} ${s.manuscript.text.slice(f.range.start, f.range.end)}: ${f.message.split(':')[0]}`);
}

describe('manuscript encoding', () => {
  it('reads a UTF-16BE manuscript by its byte-order mark', async () => {
    const fs = new MemoryFileSystem({ '/refs.bib': '@book{known, title={K}}' });
    fs.writeBytes('/p.md', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(md, 'utf16le').swap16()]));
    expect(await findings(fs)).toEqual(["unknown-key unknown: Unknown citation key 'unknown'"]);
  });

  it('reports bytes that are not UTF-8 at the first one, and analyses the rest', async () => {
    const fs = new MemoryFileSystem({ '/refs.bib': '@book{known, title={K}}' });
    const at = Buffer.byteLength('---\nbibliography: refs.bib\n---\nSee');
    fs.writeBytes('/p.md', Buffer.concat([Buffer.from(md).subarray(0, at), Buffer.from([0xe9]), Buffer.from(md).subarray(at)]));
    expect(await findings(fs)).toEqual(['malformed-markdown \uFFFD: The file is not valid UTF-8', "unknown-key unknown: Unknown citation key 'unknown'"]);
  });

  it('says an editor buffer replaces the file and its problem', async () => {
    const fs = new MemoryFileSystem({ '/refs.bib': '@book{known, title={K}}' });
    fs.writeBytes('/p.md', Buffer.from([0xff, 0x41]));
    const host = new Host(fs);
    expect(diagnose((await host.snapshot('/p.md'))!, defaultConfig).map((f) => f.code)).toEqual(['malformed-markdown']);
    host.setOpen('/p.md', md);
    expect(diagnose((await host.snapshot('/p.md'))!, defaultConfig).map((f) => f.code)).toEqual(['unknown-key']);
  });
});
