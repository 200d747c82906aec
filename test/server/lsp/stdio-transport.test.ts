/** The server as a real stdio child process, fed bytes that are not a well-framed LSP message. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from './client.js';

const server = path.join(root, 'dist/server.js');

beforeAll(() => {
  if (!existsSync(server)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
});

const frame = (message: object) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/** Writes `bytes`, then a well-formed `exit` a moment later; resolves how the process ended, or 'alive'. */
function feed(bytes: string): Promise<{ code: number | null; stderr: string } | 'alive'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const alive = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('alive');
    }, 10_000);
    child.on('exit', (code) => {
      clearTimeout(alive);
      resolve({ code, stderr });
    });
    child.stdin.on('error', () => undefined); // the server may be gone before the second write
    child.stdin.write(bytes);
    setTimeout(() => child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' })), 300);
  });
}

describe('a stream that is not LSP', () => {
  it.each([
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}', /Content-Length value must be a number/],
    ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n{}', /must provide a Content-Length/],
  ])('%s: the server says why on stderr and exits with status 1, not alive and deaf', async (_, bytes, why) => {
    const r = await feed(bytes);
    expect(r).not.toBe('alive');
    if (r === 'alive') return;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(why);
  });

  it('a well-formed exit without shutdown still ends it (status 1), as before', async () => {
    const r = await feed('');
    expect(r).toEqual({ code: 1, stderr: '' });
  });
});
