// Source adapter for mbox files (incl. pipermail's monthly archive text): one message per `From ` separator.
import type { SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { byteLines, sampleOf } from './lines.js';
import { HeaderWatch, MAX_MESSAGE_BYTES, messageTooLarge, type TooLarge } from './email/limits.js';
import { readEmail } from './email/message.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';

/** `From sender  Sun Jan  5 17:58:16 2025`: the separator ends in an asctime date, so a body line "From what I saw" is not one. */
const SEPARATOR = /^From \S.*(Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}(:\d{2})? +([A-Z]{2,5} +|[+-]\d{4} +)?\d{4}\s*$|^From - /;

export function isSeparator(line: string): boolean {
  return SEPARATOR.test(line);
}

/** One message being collected: its lines, size, and why it is skipped once it is too large. */
interface Collecting {
  start: number;
  lines: Buffer[];
  size: number;
  last: number;
  header: HeaderWatch;
  /** A header block over its bound (with the line to blame), or `size` for a message over MAX_MESSAGE_BYTES. */
  tooLarge: TooLarge | 'size' | null;
}

async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
  let current: Collecting | null = null;
  let sawText = false;
  const begin = (start: number): Collecting => ({ start, lines: [], size: 0, last: start, header: new HeaderWatch(start), tooLarge: null });
  const finish = async (m: Collecting): Promise<SourceItem> => {
    if (m.tooLarge) {
      const why = m.tooLarge === 'size' ? messageTooLarge(m.start, m.size, m.last) : m.tooLarge;
      const raw = sampleOf(m.lines).toString('utf8');
      return { diagnostic: { code: 'record-too-large', file: input.name, line: why.line, message: why.message, raw: `${raw}…` } };
    }
    return readEmail(Buffer.concat(m.lines), { kind: 'mbox', file: input.name, line: m.start, fallbackId: `${input.name}:${String(m.start).padStart(7, '0')}` }, options);
  };
  // Lines are bounded by the message bound: a longer line makes its message too large anyway.
  for await (const l of byteLines(input.open(), MAX_MESSAGE_BYTES)) {
    const bytes = l.line === 1 && l.bytes[0] === 0xef && l.bytes[1] === 0xbb && l.bytes[2] === 0xbf ? l.bytes.subarray(3) : l.bytes;
    const text = bytes.toString('latin1');
    if (!l.cut && isSeparator(text.replace(/\r?\n$/, ''))) {
      if (current) yield await finish(current);
      current = begin(l.line);
      continue;
    }
    if (!current) {
      if (text.trim() === '') continue;
      if (!sawText) throw new InputError(input.name, l.line, 'not an mbox file: expected a "From sender date" separator line before the first message');
    }
    sawText = true;
    const m = current!;
    m.size += l.size;
    m.last = l.line;
    if (m.tooLarge) continue;
    m.header.see(bytes, l.line, l.size);
    if (m.header.problem) m.tooLarge = m.header.problem;
    else if (l.cut || m.size > MAX_MESSAGE_BYTES) m.tooLarge = 'size';
    if (m.tooLarge) {
      // Keep only the start, for --rejects; the rest streams past.
      m.lines = [sampleOf([...m.lines, bytes])];
      continue;
    }
    // mboxrd/mboxo escape body lines starting with "From " as ">From ".
    m.lines.push(/^>+From /.test(text) ? bytes.subarray(1) : bytes);
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
