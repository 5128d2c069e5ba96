// Split a byte stream into lines without decoding it: mail bodies carry their own charsets.
import type { Readable } from 'node:stream';

/** Each line's bytes with its line ending, and its 1-based line number. */
export async function* byteLines(stream: Readable): AsyncGenerator<{ bytes: Buffer; line: number }> {
  let rest = Buffer.alloc(0);
  let line = 0;
  for await (const chunk of stream) {
    const buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      yield { bytes: buf.subarray(start, nl + 1), line: ++line };
      start = nl + 1;
    }
    rest = Buffer.from(buf.subarray(start));
  }
  if (rest.length) yield { bytes: rest, line: ++line };
}
