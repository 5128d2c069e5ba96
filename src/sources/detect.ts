// Pick the source adapter for an input from its name and first bytes.
import { statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { SourceKind } from '../model/types.js';
import type { SourceAdapter, SourceOptions } from './adapter.js';
import { SOURCES } from './index.js';
import { InputError, describeReadError } from './errors.js';
import type { InputFile } from './input.js';

/** CSV formats that a `--map` turns into the generic `csv` adapter. */
const MAPPABLE_CSV: ReadonlySet<SourceKind> = new Set(['twcs', 'chat-csv', 'csv']);

/** Bytes read to recognise a format. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Read the first bytes of an input. A file is simply opened again later; a stream that can be
 * read only once (stdin) comes back as a new input that replays the head and then goes on.
 */
/**
 * Why the first bytes of an input are not text rapport can read, or null when they look like text.
 * Escape characters (ESC) do not count: hostile text is data, stripped when shown.
 */
export function notText(bytes: Uint8Array): string | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'UTF-16 text; convert it to UTF-8 first (iconv -f utf-16 -t utf-8)';
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip data; name the file *.gz or decompress it first';
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return 'binary file, not text (it contains NUL bytes)';
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) controls++;
  }
  return controls > 8 && controls > bytes.length * 0.03 ? 'binary file, not text (it is full of control bytes)' : null;
}

export async function readHead(input: InputFile): Promise<{ head: string; input: InputFile; binary?: string | null }> {
  const stream = input.open();
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = stream[Symbol.asyncIterator]();
  try {
    while (size < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) break;
      const buf = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as string);
      chunks.push(buf);
      size += buf.length;
    }
  } catch (error) {
    stream.destroy();
    throw new InputError(input.name, null, describeOpenError(error));
  }
  const bytes = Buffer.concat(chunks).subarray(0, SNIFF_BYTES);
  const head = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const binary = notText(bytes);
  if (input.path !== null || input.reopenable) {
    stream.destroy();
    return { head, input, binary };
  }
  let used = false;
  const replay: InputFile = {
    name: input.name,
    path: null,
    open: () => {
      if (used) throw new Error(`${input.name} can be read only once`);
      used = true;
      return Readable.from(
        (async function* () {
          yield* chunks;
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
        })(),
      );
    },
  };
  return { head, input: replay, binary };
}

/** A short reason for an error opening an input (kept under this name for callers). */
export const describeOpenError = describeReadError;

/**
 * The adapter for an input, and the input to read it from (stdin is replayed after sniffing).
 * `--source` wins; else the first adapter whose sniff matches (with a `--map`, any CSV is read by `csv`).
 * A binary, UTF-16 or otherwise non-text input is refused in one line.
 */
export async function detectSource(input: InputFile, forced?: SourceKind, options: SourceOptions = {}): Promise<{ adapter: SourceAdapter; input: InputFile }> {
  if (input.path !== null && statSync(input.path, { throwIfNoEntry: false })?.isDirectory()) {
    // A folder reaches an adapter only as a maildir or a folder of .eml files (see expand.ts).
    if (forced && forced !== 'eml') throw new InputError(input.name, null, `is a folder of email messages, not ${forced}`);
    return { adapter: SOURCES.eml, input };
  }
  let { head, input: readable, binary } = await readHead(input);
  if (head.startsWith('\u001f\ufffd\b')) {
    // gzip magic (1f 8b 08) on stdin or a file not named .gz: read it through gunzip.
    const compressed = readable;
    ({ head, input: readable, binary } = await readHead({ ...compressed, path: null, reopenable: compressed.path !== null || compressed.reopenable, open: () => compressed.open().pipe(createGunzip()) }));
  }
  if (binary) throw new InputError(input.name, null, binary);
  if (forced) return { adapter: SOURCES[forced], input: readable };
  if (head.trim() === '') throw new InputError(input.name, null, 'empty file');
  const mapped = Boolean(options.map && Object.keys(options.map).length);
  for (const adapter of Object.values(SOURCES)) {
    if (!adapter.sniff(head, input.name)) continue;
    // A --map names CSV columns (or JSON fields): a mapped CSV is read by `csv`, whatever its header looks like.
    return { adapter: mapped && MAPPABLE_CSV.has(adapter.kind) ? SOURCES.csv : adapter, input: readable };
  }
  if (mapped) return { adapter: SOURCES.csv, input: readable };
  const kinds = Object.values(SOURCES).map((a) => `${a.kind} (${a.description})`).join('; ');
  throw new InputError(input.name, 1, `unrecognised format; expected one of: ${kinds}`);
}
