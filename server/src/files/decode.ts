/**
 * Bytes → text the way an editor would show them: UTF-8 by default, UTF-8/UTF-16LE/UTF-16BE when a
 * byte-order mark says so (the mark itself is dropped, so offsets are those of the visible text).
 * Decoding never fails: bytes that are not valid in the encoding become U+FFFD and the first one is
 * reported, so a file in the wrong encoding is a diagnostic rather than silent garbage.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodeProblem {
  /** Offset in the decoded text of the first suspicious character. */
  readonly offset: number;
  readonly message: string;
}

export interface Decoded {
  readonly text: string;
  readonly encoding: Encoding;
  readonly problem?: DecodeProblem;
}

function bomOf(bytes: Uint8Array): { encoding: Encoding; length: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return { encoding: 'utf-8', length: 0 };
}

export function decode(bytes: Uint8Array): Decoded {
  const bom = bomOf(bytes);
  const body = bytes.subarray(bom.length);
  const text = new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(body);
  const problem = problemIn(text, body, bom.encoding);
  return problem ? { text, encoding: bom.encoding, problem } : { text, encoding: bom.encoding };
}

function problemIn(text: string, body: Uint8Array, encoding: Encoding): DecodeProblem | undefined {
  const replaced = text.indexOf('\uFFFD');
  // A U+FFFD the file really contains is not a problem: only report when strict decoding fails.
  if (replaced >= 0 && !decodesStrictly(body, encoding))
    return { offset: replaced, message: `The file is not valid ${encoding.toUpperCase()}: undecodable bytes are shown as \uFFFD` };
  if (encoding === 'utf-8') {
    const nul = text.indexOf('\u0000');
    // UTF-16 without a byte-order mark reads as UTF-8 with a NUL after every ASCII letter.
    if (nul >= 0)
      return { offset: nul, message: 'The file contains NUL characters: if it is UTF-16 without a byte-order mark, save it as UTF-8' };
  }
  return undefined;
}

function decodesStrictly(body: Uint8Array, encoding: Encoding): boolean {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
