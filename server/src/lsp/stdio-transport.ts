/**
 * The `--stdio` transport, with what vscode-languageserver's own leaves out: a message whose header
 * cannot be read (a malformed `Content-Length`) desynchronises the stream for good — every later byte is
 * read as a header — so the library reports it to nobody and the server stays alive but deaf, even to
 * `exit`. Here a read error is logged to stderr and ends the process with status 1; the editor restarts
 * the server as after any crash. A closed input ends it too. Messages out are written from one kept
 * buffer (message-writer.ts).
 */
import { format } from 'node:util';
import {
  StreamMessageReader,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { KeptBufferMessageWriter } from './message-writer.js';

export function stdioTransport(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  exit: (code: number) => void = (code) => process.exit(code),
): [MessageReader, MessageWriter] {
  const reader = new StreamMessageReader(input);
  let shutdown = false;
  reader.onError((e) => {
    process.stderr.write(`[marginalia] cannot read the client's message (${e.message.split('\n')[0]}); exiting\n`);
    exit(1);
  });
  reader.onClose(() => exit(shutdown ? 0 : 1));
  // stdout carries the protocol: anything logged with console.* goes to stderr instead.
  for (const level of ['log', 'info', 'debug', 'warn', 'error', 'trace'] as const)
    console[level] = (...args: unknown[]) => void process.stderr.write(format(...args) + '\n');
  const watched: MessageReader = {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen(callback: DataCallback): Disposable {
      return reader.listen((m: Message) => {
        if ((m as { method?: unknown }).method === 'shutdown') shutdown = true;
        callback(m);
      });
    },
    dispose: () => reader.dispose(),
  };
  return [watched, new KeptBufferMessageWriter(output)];
}
