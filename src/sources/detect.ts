// Pick the source adapter for an input from its name and first bytes.
import { statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { SourceKind } from '../model/types.js';
import type { SourceAdapter, SourceOptions } from './adapter.js';
import { SOURCES } from './index.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';

/** CSV formats that a `--map` turns into the generic `csv` adapter. */
const MAPPABLE_CSV: ReadonlySet<SourceKind> = new Set(['twcs', 'chat-csv', 'csv']);

/** Bytes read to recognise a format. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Read the first bytes of an input. A file is simply opened again later; a stream that can be
 * read only once (stdin) comes back as a new input that replays the head and then goes on.
 */
export async function readHead(input: InputFile): Promise<{ head: string; input: InputFile }> {
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
  const head = Buffer.concat(chunks).subarray(0, SNIFF_BYTES).toString('utf8').replace(/^\uFEFF/, '');
  if (input.path !== null) {
    stream.destroy();
    return { head, input };
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
  return { head, input: replay };
}

export function describeOpenError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EISDIR') return 'is a directory, expected a file';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR') return 'not a valid gzip file';
  return e.message ?? String(error);
}

/**
 * The adapter for an input, and the input to read it from (stdin is replayed after sniffing).
 * `--source` wins; else the first adapter whose sniff matches (with a `--map`, any CSV is read by `csv`).
 */
export async function detectSource(input: InputFile, forced?: SourceKind, options: SourceOptions = {}): Promise<{ adapter: SourceAdapter; input: InputFile }> {
  if (input.path !== null && statSync(input.path, { throwIfNoEntry: false })?.isDirectory()) {
    // A folder reaches an adapter only as a maildir or a folder of .eml files (see expand.ts).
    if (forced && forced !== 'eml') throw new InputError(input.name, null, `is a folder of email messages, not ${forced}`);
    return { adapter: SOURCES.eml, input };
  }
  let { head, input: readable } = await readHead(input);
  if (head.startsWith('\u001f\ufffd\b')) {
    // gzip magic (1f 8b 08) on stdin or a file not named .gz: read it through gunzip.
    const compressed = readable;
    ({ head, input: readable } = await readHead({ ...compressed, path: null, open: () => compressed.open().pipe(createGunzip()) }));
  }
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
