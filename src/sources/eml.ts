// Source adapter for single RFC 5322 messages: one .eml file, a folder of them, or a maildir tree (one input).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { readEmail } from './email/message.js';
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

async function readStream(input: InputFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
  if (input.path !== null && statSync(input.path).isDirectory()) {
    const files = mailFiles(input.path);
    if (!files.length) throw new InputError(input.name, null, 'no message files in this folder');
    for (const file of files) {
      const bytes = readFileSync(file);
      yield await readEmail(file.endsWith('.gz') ? gunzipSync(bytes) : bytes, { kind: 'eml', file, line: 1, fallbackId: file }, options);
    }
    return;
  }
  const item = await readEmail(await readStream(input), { kind: 'eml', file: input.name, line: 1, fallbackId: input.name }, options);
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
