/**
 * Garbage collected in the typist's pauses (lsp/collector.ts): when, how often, and never while the
 * client is talking; and the built server doing it for real (V8's collection exposed by runServer).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LogMessageNotification } from 'vscode-languageserver-protocol';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Collector, oldGenerationBytes } from '../../../server/src/lsp/collector.js';
import { root, startServer, tempWorkspace } from './client.js';

const MB = 1024 * 1024;

describe('Collector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A heap whose old generation is `heap.used` bytes; a collection leaves `heap.live`. */
  function setup(options = { quietMs: 40, growth: 0.5, minBytes: 24 * MB }) {
    const heap = { used: 40 * MB, live: 40 * MB, collections: 0, young: 0 };
    const reports: [number, number][] = [];
    const gc = (options?: { type: 'major' | 'minor' }) => {
      if (options?.type === 'minor') {
        heap.young++;
        return;
      }
      heap.collections++;
      heap.used = heap.live;
    };
    const collector = new Collector(gc, options, () => heap.used, (_ms, before, after) => reports.push([before, after]));
    return { heap, collector, reports };
  }

  it('collects in the pause after a publication once the old generation grew by half of what it held', () => {
    const { heap, collector, reports } = setup();
    heap.used = 40 * MB + 19 * MB; // below max(24 MB, 20 MB)
    collector.published();
    vi.advanceTimersByTime(1000);
    expect(heap.collections).toBe(0);
    heap.used = 40 * MB + 25 * MB;
    collector.published();
    vi.advanceTimersByTime(39);
    expect(heap.collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(heap.collections).toBe(1);
    expect(reports).toEqual([[65 * MB, 40 * MB]]);
  });

  it('collects the young generation in every pause that needs no full collection, and not while the client talks', () => {
    const { heap, collector } = setup();
    heap.used = 50 * MB; // not grown enough for a full collection
    collector.published();
    vi.advanceTimersByTime(39);
    expect(heap.young).toBe(0);
    vi.advanceTimersByTime(1);
    expect([heap.young, heap.collections]).toEqual([1, 0]);
    collector.published();
    vi.advanceTimersByTime(20);
    collector.activity(); // the next keystroke
    vi.advanceTimersByTime(1000);
    expect(heap.young).toBe(1);
    heap.used = 80 * MB; // grown: the pause's collection is a full one
    collector.published();
    vi.advanceTimersByTime(40);
    expect([heap.young, heap.collections]).toEqual([1, 1]);
  });

  it('a request answered after a publication moves its collection to the next pause; an edit drops it', () => {
    const { heap, collector } = setup();
    heap.used = 80 * MB;
    collector.published();
    vi.advanceTimersByTime(10);
    collector.activity(); // VS Code's highlight request right after the publication
    vi.advanceTimersByTime(1000);
    expect(heap.collections).toBe(0);
    collector.answered();
    vi.advanceTimersByTime(40);
    expect(heap.collections).toBe(1);
    // Nothing pending once it ran: another answer collects nothing.
    collector.answered();
    vi.advanceTimersByTime(1000);
    expect([heap.collections, heap.young]).toEqual([1, 0]);
    heap.used = 80 * MB;
    collector.published();
    collector.edited(); // the next keystroke: its analysis runs first
    collector.answered();
    vi.advanceTimersByTime(1000);
    expect([heap.collections, heap.young]).toEqual([1, 0]);
  });

  it('measures growth from what the last collection left', () => {
    const { heap, collector } = setup();
    heap.live = 100 * MB;
    heap.used = 130 * MB;
    collector.now(); // the baseline is now 100 MB: the next collection waits for 50 MB more
    heap.used = 140 * MB;
    collector.published();
    vi.advanceTimersByTime(1000);
    expect(heap.collections).toBe(1);
    heap.used = 151 * MB;
    collector.published();
    vi.advanceTimersByTime(1000);
    expect(heap.collections).toBe(2);
  });

  it('anything from the client before the pause is over cancels the collection; the next publication arms it again', () => {
    const { heap, collector } = setup();
    heap.used = 80 * MB;
    collector.published();
    vi.advanceTimersByTime(30);
    collector.activity(); // the next keystroke
    vi.advanceTimersByTime(1000);
    expect(heap.collections).toBe(0);
    collector.published();
    vi.advanceTimersByTime(40);
    expect(heap.collections).toBe(1);
  });

  it('after a whole parse, collects at once only if the old generation grew enough', () => {
    const { heap, collector } = setup();
    heap.used = 50 * MB;
    collector.nowIfGrown();
    expect(heap.collections).toBe(0);
    heap.used = 70 * MB;
    collector.nowIfGrown(); // no pause needed: the model is built next
    expect(heap.collections).toBe(1);
  });

  it('does nothing without V8 collection exposed (the server run from its sources)', () => {
    const measure = vi.fn(() => 500 * MB);
    const collector = new Collector(undefined, undefined, measure);
    collector.published();
    collector.nowIfGrown();
    collector.now();
    vi.advanceTimersByTime(1000);
    expect(measure).not.toHaveBeenCalled();
  });
});

describe('oldGenerationBytes', () => {
  it('reads V8: a large array allocated grows it by about its size', () => {
    const before = oldGenerationBytes();
    // 2M doubles, 16 MB: over the large-object threshold, so in the old generation at once.
    const big = new Array<number>(2 * 1024 * 1024).fill(1.5);
    const grown = oldGenerationBytes() - before;
    expect(big.length).toBe(2 * MB);
    // A collection meanwhile may free some other garbage, never this.
    expect(grown).toBeGreaterThanOrEqual(8 * MB);
  });
});

describe('the built server', () => {
  it('collects the garbage of a large document’s whole parse, and says so in its log', async () => {
    const paragraph = 'Deep learning describes a class of machine learning algorithms [@katz2012russia]. ';
    // About 300 KB: over the size at which a whole parse is collected after.
    const text = Array.from({ length: 700 }, (_, i) => `## Part ${i}\n\n${paragraph.repeat(5)}\n`).join('\n');
    const dir = tempWorkspace('marginalia-collector-', { 'book.md': text, 'references.bib': readFileSync(path.join(root, 'document/references.bib'), 'utf8') });
    const client = await startServer(dir);
    const logs: string[] = [];
    client.connection.onNotification(LogMessageNotification.type, (m) => logs.push(m.message));
    try {
      const uri = pathToFileURL(path.join(dir, 'book.md')).href;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await client.nextDiagnostics(uri);
      expect(logs.some((m) => /collected garbage: old generation \d+ MB -> \d+ MB in \d+ ms/.test(m)), logs.join('\n')).toBe(true);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('as `marginalia lsp --stdio` too (how Neovim and Emacs start it)', async () => {
    const text = Array.from({ length: 700 }, (_, i) => `## Part ${i}\n\n${'Trade grew by 40% after 2014 [@katz2012russia]. '.repeat(8)}\n`).join('\n');
    const dir = tempWorkspace('marginalia-collector-cli-', { 'book.md': text });
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const logs: string[] = [];
    connection.onNotification(LogMessageNotification.type, (m) => logs.push(m.message));
    const published = new Promise<void>((resolve) => connection.onNotification('textDocument/publishDiagnostics', () => resolve()));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(dir).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(path.join(dir, 'book.md')).href, languageId: 'markdown', version: 1, text } });
      await published;
      expect(logs.some((m) => /warmed up the keystroke path/.test(m)), logs.join('\n')).toBe(true);
      expect(logs.some((m) => /collected garbage: old generation \d+ MB -> \d+ MB/.test(m)), logs.join('\n')).toBe(true);
    } finally {
      connection.dispose();
      child.kill();
    }
  }, 60_000);
});
