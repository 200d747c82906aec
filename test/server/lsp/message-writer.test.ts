/** The `--stdio` writer: the library's framing and JSON, from one kept buffer. */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { encodeInto, KeptBufferMessageWriter } from '../../../server/src/lsp/message-writer.js';

function encoded(value: unknown): string {
  let text = '';
  encodeInto(value, 0, { put: (piece) => (text += piece) });
  return text;
}

/**
 * A stream that takes each chunk a turn after it was handed over, as a pipe that is not ready does
 * (until then it holds the writer's memory, not a copy), and keeps what it took.
 */
function keepingStream(): { stream: Writable; bytes: () => Buffer; chunks: Buffer[]; memory: number[] } {
  const chunks: Buffer[] = [];
  /** The size of the memory each chunk was cut from. */
  const memory: number[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      memory.push(chunk.buffer.byteLength);
      setImmediate(() => {
        chunks.push(Buffer.from(chunk));
        callback();
      });
    },
  });
  return { stream, chunks, memory, bytes: () => Buffer.concat(chunks) };
}

const diagnostic = (i: number) => ({
  range: { start: { line: i, character: 2 }, end: { line: i, character: 40 } },
  severity: 2,
  code: 'uncited-claim',
  codeDescription: { href: 'https://example.org/docs/diagnostics.md#uncited-claim' },
  source: 'marginalia',
  message: `Uncited claim: states a number (“four decades”) — ${i} 😀`,
  data: { score: 0.5, evidence: ['a', undefined, 'b'], skipped: undefined },
});

const publish = (n: number, version = 1): Message =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///m.md', version, diagnostics: Array.from({ length: n }, (_, i) => diagnostic(i)) } }) as Message;

describe('encodeInto', () => {
  it('gives the text JSON.stringify gives, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
        expect(encoded(value)).toBe(JSON.stringify(value));
      }));
  });

  it('gives the text JSON.stringify gives for what JSON leaves out or turns to null, at every depth', () => {
    const odd = fc.oneof(fc.constant(undefined), fc.constant(() => 1), fc.constant(Symbol('s')), fc.constant(new Date(0)), fc.constant(new Map([[1, 2]])), fc.string());
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, odd, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(fc.string(), value), (message) => {
        expect(encoded(message)).toBe(JSON.stringify(message));
      }));
  });

  it('keeps a value’s own serialisation (toJSON) and lone surrogates escaped as JSON does', () => {
    const value = { a: [{ toJSON: () => 'mine' }], b: { c: ['\ud800', 'x\udfff'] }, d: [[[{ e: new Date(5) }]]] };
    expect(encoded(value)).toBe(JSON.stringify(value));
  });
});

describe('KeptBufferMessageWriter', () => {
  it('writes the same bytes as vscode-jsonrpc’s StreamMessageWriter, message after message', async () => {
    const messages = [publish(3), { jsonrpc: '2.0', id: 7, result: null } as Message, publish(0, 2), publish(500, 3)];
    const ours = keepingStream();
    const theirs = keepingStream();
    const kept = new KeptBufferMessageWriter(ours.stream);
    const library = new StreamMessageWriter(theirs.stream);
    for (const m of messages) {
      await kept.write(m);
      await library.write(m);
    }
    expect(ours.bytes().toString('utf8')).toBe(theirs.bytes().toString('utf8'));
  });

  it('does not reuse its buffer before the stream has taken the previous message', async () => {
    // Written without waiting, as the connection does: every chunk the stream was handed must still
    // hold its own message when the stream gets to it.
    const out = keepingStream();
    const writer = new KeptBufferMessageWriter(out.stream);
    const messages = Array.from({ length: 20 }, (_, i) => publish(50 + i, i));
    await Promise.all(messages.map((m) => writer.write(m)));
    const expected = messages.map((m) => {
      const body = JSON.stringify(m);
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    });
    expect(out.chunks.map((c) => c.toString('utf8'))).toEqual(expected);
  });

  it('grows for a message larger than its buffer and then lets the large buffer go', async () => {
    const out = keepingStream();
    const writer = new KeptBufferMessageWriter(out.stream);
    const huge = publish(20_000); // about 6 MB
    await writer.write(publish(1));
    await writer.write(huge);
    await writer.write(publish(1));
    const [, first, second] = out.chunks.map((c) => c.toString('utf8'));
    expect(first!.slice(first!.indexOf('\r\n\r\n') + 4)).toBe(JSON.stringify(huge));
    expect(second!.slice(second!.indexOf('\r\n\r\n') + 4)).toBe(JSON.stringify(publish(1)));
    expect(out.memory[1]).toBeGreaterThan(6 * 1024 * 1024);
    expect(out.memory[2]).toBe(out.memory[0]);
  });

  it('encodes a deeply frozen value once, and anything else afresh each time', async () => {
    const out = keepingStream();
    const writer = new KeptBufferMessageWriter(out.stream);
    let reads = 0;
    // A getter counts how often the value is read (a frozen object may still have one; this one reads the same).
    const frozen = Object.freeze({ ...diagnostic(1), range: Object.freeze({ get start() { reads++; return Object.freeze({ line: 1, character: 2 }); }, end: Object.freeze({ line: 1, character: 4 }) }), codeDescription: Object.freeze({ href: 'x' }), data: Object.freeze({ score: 1 }) });
    const shallow = Object.freeze({ ...diagnostic(2) });
    const message = (version: number): Message =>
      ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///m.md', version, diagnostics: [frozen, shallow] } }) as Message;
    await writer.write(message(1));
    const afterFirst = reads;
    expect(afterFirst).toBeGreaterThan(0);
    // The shallowly frozen one's inner parts may change between messages: it is encoded again.
    (shallow.range.start as { line: number }).line = 9;
    await writer.write(message(2));
    expect(reads).toBe(afterFirst);
    expect(out.chunks.map((c) => c.toString('utf8').slice(c.indexOf('{')))).toEqual([JSON.stringify(message(1)).replace('"line":9', '"line":2'), JSON.stringify(message(2))]);
  });

  it('reports a message it cannot encode and goes on with the next', async () => {
    const out = keepingStream();
    const writer = new KeptBufferMessageWriter(out.stream);
    const errors: Error[] = [];
    writer.onError(([e]) => errors.push(e));
    const cyclic: Record<string, unknown> = { jsonrpc: '2.0', method: 'x', params: { a: { b: {} } } };
    ((cyclic['params'] as { a: { b: Record<string, unknown> } }).a.b)['self'] = cyclic;
    await expect(writer.write(cyclic as unknown as Message)).rejects.toThrow(/circular/i);
    await writer.write(publish(1));
    expect(errors).toHaveLength(1);
    expect(out.chunks).toHaveLength(1);
  });
});
