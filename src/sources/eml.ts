// Source adapter for single RFC 5322 messages: one .eml file, a folder of them, or a maildir tree (one input).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { headerProblem, MAX_MESSAGE_BYTES, messageTooLarge, type TooLarge } from './email/limits.js';
import { readEmail } from './email/message.js';
import { sampleOf } from './lines.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';

/** Mail servers' and clients' bookkeeping files inside maildirs: not messages. */
const MAILDIR_METADATA = /^(dovecot[.-]|courierimap|maildirfolder$|subscriptions$|maildirsize$)/;

/** Every file under a folder, sorted, skipping dot files, bookkeeping files and maildir's `tmp/` (messages still being delivered). */
export function mailFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || (e.isDirectory() && e.name === 'tmp') || MAILDIR_METADATA.test(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...mailFiles(path));
    else if (e.isFile()) out.push(path);
  }
  return out;
}

/** The whole message, or (over MAX_MESSAGE_BYTES) its first bytes and the size read before stopping. */
async function readStream(input: InputFile): Promise<{ bytes: Buffer; tooLarge: number | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = input.open();
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > MAX_MESSAGE_BYTES) {
      stream.destroy();
      return { bytes: sampleOf(chunks), tooLarge: size };
    }
  }
  return { bytes: Buffer.concat(chunks), tooLarge: null };
}

/** A file of a mail folder, or (over MAX_MESSAGE_BYTES, unpacked) no bytes and its size (-1: a .gz that unpacks to more). */
function readMailFile(file: string): { bytes: Buffer | null; tooLarge: number | null } {
  const size = statSync(file).size;
  if (size > MAX_MESSAGE_BYTES) return { bytes: null, tooLarge: size };
  const bytes = readFileSync(file);
  if (!file.endsWith('.gz')) return { bytes, tooLarge: null };
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: MAX_MESSAGE_BYTES }), tooLarge: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { bytes: null, tooLarge: -1 };
    throw error;
  }
}

/** One message's bytes → a message or a diagnostic; too large a message or header block is rejected before parsing. */
function readOne({ bytes, tooLarge: size }: { bytes: Buffer | null; tooLarge: number | null }, file: string, options: SourceOptions): Promise<SourceItem> | SourceItem {
  const tooLarge = (why: TooLarge, raw: Buffer | null): SourceItem => ({
    diagnostic: { code: 'record-too-large', file, line: why.line, message: why.message, raw: raw ? `${sampleOf([raw]).toString('utf8')}…` : undefined },
  });
  if (size !== null || bytes === null) return tooLarge(messageTooLarge(1, size === null || size < 0 ? null : size), bytes);
  const header = headerProblem(bytes, 1);
  if (header) return tooLarge(header, bytes);
  return readEmail(bytes, { kind: 'eml', file, line: 1, fallbackId: file }, options);
}

async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
  if (input.path !== null && statSync(input.path).isDirectory()) {
    const files = mailFiles(input.path);
    if (!files.length) throw new InputError(input.name, null, 'no message files in this folder');
    for (const file of files) yield await readOne(readMailFile(file), file, options);
    return;
  }
  const item = await readOne(await readStream(input), input.name, options);
  if ('diagnostic' in item && item.diagnostic.code === 'not-email') throw new InputError(input.name, null, 'not an email message: expected RFC 5322 headers (From, Date, Subject, Message-ID)');
  yield item;
}

/** Header lines of a message, then a `From:`/`Received:`/`Message-ID:` among them. */
const HEADERS = /^(?:[!-9;-~]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)+/;

export const eml: SourceAdapter = {
  kind: 'eml',
  description: 'email messages: an .eml file, a folder of .eml files or a maildir (RFC 5322 with MIME)',
  sniff: (head, name) => {
    if (/\.eml(\.gz)?$/i.test(name)) return true;
    const block = HEADERS.exec(head)?.[0] ?? '';
    return /^(From|Message-ID|Received|Return-Path|Delivered-To|Date|MIME-Version):/im.test(block) && /^From:/im.test(block);
  },
  read,
};
