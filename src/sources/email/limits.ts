// Bounds on one email message: its size, and its header block (checked before mailparser sees it).
import { MAX_LINE_BYTES } from '../lines.js';

/** Largest message rapport reads, attachments included (mail servers refuse far smaller ones by default). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** Largest header block of a message (all its header lines together), in bytes. */
export const MAX_HEADER_BYTES = MAX_LINE_BYTES;

/** Why a message is not read, and the line to blame. */
export interface TooLarge {
  line: number;
  message: string;
}

const mib = (bytes: number): string => `${bytes / (1024 * 1024)} MiB`;

/** A message longer than MAX_MESSAGE_BYTES, starting on `line`. */
export function messageTooLarge(line: number, size: number | null, lastLine?: number): TooLarge {
  const parts = [size === null ? '' : `${size.toLocaleString('en-US')} bytes`, lastLine !== undefined && lastLine > line ? `lines ${line}-${lastLine}` : ''].filter(Boolean);
  return { line, message: `message is longer than ${mib(MAX_MESSAGE_BYTES)}${parts.length ? ` (${parts.join(', ')})` : ''}; skipped` };
}

/** The header starting on `line` made the header block longer than MAX_HEADER_BYTES. */
export function headerTooLarge(line: number, name: string, start: number): TooLarge {
  const field = name ? `header ${JSON.stringify(name.slice(0, 40))}` : 'a header';
  return { line, message: `${field} makes the message's headers longer than ${mib(MAX_HEADER_BYTES)}; the message from line ${start} is skipped` };
}

/**
 * Follows a message's header lines one at a time: which field each belongs to, where the block ends,
 * and whether it has grown past MAX_HEADER_BYTES (then `problem` names the field's line).
 */
export class HeaderWatch {
  inHeader = true;
  problem: TooLarge | null = null;
  private size = 0;
  private fieldLine = 0;
  private fieldName = '';

  constructor(private readonly start: number) {}

  /** One line of the message (bytes, line ending included), on file line `line`; `size` when the bytes were cut. */
  see(bytes: Buffer, line: number, size = bytes.length): void {
    if (!this.inHeader || this.problem) return;
    const first = bytes[0];
    if (first === 10 || (first === 13 && bytes[1] === 10) || bytes.length === 0) {
      this.inHeader = false;
      return;
    }
    if (first !== 32 && first !== 9) {
      // A new field; a space or tab at the start continues the last one (folding).
      this.fieldLine = line;
      const colon = bytes.indexOf(58);
      this.fieldName = colon > 0 && colon < 200 ? bytes.subarray(0, colon).toString('latin1') : '';
    }
    this.size += size;
    if (this.size > MAX_HEADER_BYTES) this.problem = headerTooLarge(this.fieldLine || line, this.fieldName, this.start);
  }
}

/** The header problem of a whole message in memory (an .eml file), or null. */
export function headerProblem(bytes: Buffer, start: number): TooLarge | null {
  const watch = new HeaderWatch(start);
  let at = 0;
  for (let line = start; at < bytes.length && watch.inHeader && !watch.problem; line++) {
    const nl = bytes.indexOf(10, at);
    const end = nl < 0 ? bytes.length : nl + 1;
    watch.see(bytes.subarray(at, end), line);
    at = end;
  }
  return watch.problem;
}
