// Source adapter for mbox files (incl. pipermail's monthly archive text): one message per `From ` separator.
import type { SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { byteLines } from './email/lines.js';
import { readEmail } from './email/message.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';

/** `From sender  Sun Jan  5 17:58:16 2025`: the separator ends in an asctime date, so a body line "From what I saw" is not one. */
const SEPARATOR = /^From \S.*(Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}(:\d{2})? +([A-Z]{2,5} +|[+-]\d{4} +)?\d{4}\s*$|^From - /;

export function isSeparator(line: string): boolean {
  return SEPARATOR.test(line);
}

async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
  let current: { start: number; lines: Buffer[] } | null = null;
  let sawText = false;
  const finish = async (m: { start: number; lines: Buffer[] }): Promise<SourceItem> =>
    readEmail(Buffer.concat(m.lines), { kind: 'mbox', file: input.name, line: m.start, fallbackId: `${input.name}:${String(m.start).padStart(7, '0')}` }, options);
  for await (const { bytes, line } of byteLines(input.open())) {
    const text = bytes.toString('latin1');
    if (isSeparator(text.replace(/\r?\n$/, ''))) {
      if (current) yield await finish(current);
      current = { start: line, lines: [] };
      continue;
    }
    if (!current) {
      if (text.trim() === '') continue;
      if (!sawText) throw new InputError(input.name, line, 'not an mbox file: expected a "From sender date" separator line before the first message');
    }
    sawText = true;
    // mboxrd/mboxo escape body lines starting with "From " as ">From ".
    current!.lines.push(/^>+From /.test(text) ? bytes.subarray(1) : bytes);
  }
  if (current) yield await finish(current);
  else throw new InputError(input.name, null, 'empty file: expected mbox messages');
}

export const mbox: SourceAdapter = {
  kind: 'mbox',
  description: 'mbox mailbox or mailing-list archive text (messages after "From sender date" lines)',
  sniff: (head, name) => /\.mbox(\.gz)?$/i.test(name) || isSeparator(head.split(/\r?\n/, 1)[0] ?? ''),
  read,
};
