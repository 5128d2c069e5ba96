// Split a byte stream into lines without decoding it, each line bounded: an over-long one is measured and skipped, never held.
import type { Readable } from 'node:stream';

/** Longest record (NDJSON line, IRC line, mail header) rapport accepts, in bytes. */
export const MAX_LINE_BYTES = 1 << 20;

/** Bytes of an over-long line kept, for `--rejects`. */
export const SAMPLE_BYTES = 1000;

/** One line: its bytes with the line ending, or (`cut`) only its first bytes when it was longer than the limit. */
export interface ByteLine {
  bytes: Buffer;
  /** 1-based line number. */
  line: number;
  /** The line's whole length in bytes, line ending included. */
  size: number;
  /** The line was longer than the limit: `bytes` holds its first SAMPLE_BYTES, the rest was skipped. */
  cut: boolean;
}

/**
 * Each line of a byte stream (split at LF; CRLF and a lone CR stay in the bytes). A line longer than
 * `limit` bytes is yielded once, cut to a sample, after it has been read past in constant memory.
 */
export async function* byteLines(stream: Readable, limit: number = MAX_LINE_BYTES): AsyncGenerator<ByteLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let size = 0;
  let cut = false;
  let line = 0;
  const take = (piece: Buffer): void => {
    size += piece.length;
    if (cut) return;
    if (held + piece.length > limit) {
      // Keep a sample; drop the rest of this line as it streams past.
      const sample = sampleOf([...parts, piece]);
      parts = [sample];
      held = sample.length;
      cut = true;
      return;
    }
    parts.push(piece);
    held += piece.length;
  };
  const finish = (): ByteLine => {
    const out: ByteLine = { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), line: ++line, size, cut };
    parts = [];
    held = size = 0;
    cut = false;
    return out;
  };
  for await (const chunk of stream) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      take(buf.subarray(start, nl + 1));
      yield finish();
      start = nl + 1;
    }
    if (start < buf.length) take(buf.subarray(start));
  }
  if (size > 0) yield finish();
}

/** The first SAMPLE_BYTES of some pieces, copied. */
export function sampleOf(pieces: readonly Buffer[]): Buffer {
  const total = pieces.reduce((n, p) => n + p.length, 0);
  return Buffer.concat(pieces, Math.min(total, SAMPLE_BYTES));
}

/** A line's text: UTF-8 without the line ending, and without a BOM on the first line. */
export function lineText(l: ByteLine): string {
  const text = l.bytes.toString('utf8').replace(/\r?\n$/, '');
  return l.line === 1 ? text.replace(/^\uFEFF/, '') : text;
}

/** The diagnostic message for a line longer than the limit. */
export function tooLongMessage(size: number, limit: number = MAX_LINE_BYTES): string {
  return `record is longer than ${limit.toLocaleString('en-US')} bytes (${size.toLocaleString('en-US')}); skipped`;
}
