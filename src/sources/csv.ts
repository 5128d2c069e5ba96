// Streaming CSV records with line numbers; unreadable records become diagnostics, never exceptions.
import type { Diagnostic } from '../model/types.js';
import { InputError, describeReadError } from './errors.js';
import type { InputFile } from './input.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
  raw: string;
}

export type CsvItem = { record: CsvRecord } | { diagnostic: Diagnostic };

/** Longest record rapport accepts, in characters; a longer one is rejected with a diagnostic and skipped in constant memory. */
export const MAX_RECORD_CHARS = 1 << 20;

export interface CsvOptions {
  /** Longest record accepted, in characters (default MAX_RECORD_CHARS). */
  maxRecordChars?: number;
}

/** Characters of an over-long record kept for `--rejects`. */
const RAW_SAMPLE = 1000;
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const REPLACEMENT = 0xfffd;

/**
 * RFC 4180 records, leniently. Line endings are decided by the first one in the file: LF or CRLF
 * (then a bare CR inside a field stays text, as in the Twitter export), or CR alone (old Mac files).
 * A quote inside an unquoted field is a character; a closing quote followed by text is forgiven.
 * A quote never closed rejects the line that opened it, and reading resumes on the next line.
 */
class CsvSplitter {
  /** Physical line being read (1-based). */
  line = 1;
  /** Line of the first U+FFFD seen (a byte that was not UTF-8), or null. */
  firstReplacementLine: number | null = null;
  private mode: 'unknown' | 'lf' | 'cr' = 'unknown';
  private fields: string[] = [];
  private field = '';
  private raw = '';
  private size = 0;
  private recordLine = 1;
  private quoted = false;
  private afterQuote = false;
  private atFieldStart = true;
  private skipping = false;
  private carry = '';
  private out: CsvItem[] = [];

  constructor(
    private readonly file: string,
    private readonly limit: number,
  ) {}

  /** Feed decoded text; returns the items completed by it. */
  push(text: string): CsvItem[] {
    text = this.carry + text;
    this.carry = '';
    // A CR at the very end may be the first half of a CRLF: decide when the next chunk comes.
    if (text.charCodeAt(text.length - 1) === CR) {
      this.carry = '\r';
      text = text.slice(0, -1);
    }
    this.scan(text);
    return this.out.splice(0);
  }

  /** End of input: the last record, and recovery from a quote never closed. */
  end(): CsvItem[] {
    if (this.carry) {
      const rest = this.carry;
      this.carry = '';
      this.scan(rest);
    }
    // Each round drops one line; the budget keeps a file of many unclosed quotes linear.
    for (let budget = 16 * this.limit; this.quoted && !this.skipping && budget > 0; budget -= this.raw.length + 1) {
      // Reject the line that opened the quote; read what followed it again as records.
      const raw = this.raw;
      const eol = this.mode === 'cr' ? /\r\n|\r|\n/.exec(raw) : /\r?\n/.exec(raw);
      const firstLine = eol ? raw.slice(0, eol.index) : raw;
      this.reject('unclosed-quote', this.recordLine, 'a quote opened in this record is never closed; the line is skipped', firstLine);
      const line = this.recordLine + 1;
      this.reset();
      if (!eol) break;
      this.line = this.recordLine = line;
      this.scan(raw.slice(eol.index + eol[0].length));
    }
    if (this.skipping) this.finishSkipped(true);
    else if (this.quoted) this.reject('unclosed-quote', this.recordLine, 'a quote opened in this record is never closed', this.raw.slice(0, RAW_SAMPLE));
    else if (this.raw !== '' || this.fields.length) {
      this.endField();
      this.endRecord();
    }
    this.reset();
    return this.out.splice(0);
  }

  private scan(text: string): void {
    const n = text.length;
    let seg = 0; // start of the field text not yet copied into `field`
    let rawStart = 0; // start of the record text not yet copied into `raw`
    let i = 0;
    const flushField = (end: number): void => {
      if (!this.skipping && end > seg) this.field += text.slice(seg, end);
    };
    const flushRaw = (end: number): void => {
      if (!this.skipping) this.raw += text.slice(rawStart, end);
      this.size += end - rawStart;
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === REPLACEMENT && this.firstReplacementLine === null) this.firstReplacementLine = this.line;
      if (this.quoted) {
        if (this.afterQuote) {
          this.afterQuote = false;
          if (c === QUOTE) {
            // `""` inside quotes: one quote character, which starts the next piece of text.
            seg = i++;
            continue;
          }
          // The closing quote; whatever follows is read as unquoted text.
          this.quoted = false;
          seg = i;
        } else if (c === QUOTE) {
          flushField(i);
          this.afterQuote = true;
          i++;
          continue;
        } else {
          if (c === LF || (c === CR && this.mode === 'cr' && this.peek(text, i + 1) !== LF)) this.line++;
          i++;
          continue;
        }
      }
      if (c === COMMA) {
        flushField(i);
        this.endField();
        seg = ++i;
        continue;
      }
      if (c === LF || c === CR) {
        let eol = 1;
        if (c === CR) {
          if (this.peek(text, i + 1) === LF) eol = 2;
          else if (this.mode === 'lf') {
            // A bare CR in an LF file is text (tweet 3399); editors do not count it as a line.
            i++;
            this.atFieldStart = false;
            continue;
          }
        }
        if (this.mode === 'unknown') this.mode = c === CR && eol === 1 ? 'cr' : 'lf';
        flushField(i);
        flushRaw(i);
        this.endField();
        this.endRecord();
        this.line++;
        i += eol;
        seg = rawStart = i;
        continue;
      }
      if (c === QUOTE && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
        seg = ++i;
        continue;
      }
      this.atFieldStart = false;
      i++;
    }
    if (!this.afterQuote) flushField(n);
    else seg = n;
    flushRaw(n);
    if (!this.skipping && this.size > this.limit) {
      this.skipping = true;
      this.raw = this.raw.slice(0, RAW_SAMPLE);
      this.field = '';
      this.fields = [];
    }
  }

  /** The character at `i`, looking into the CR held back for the next chunk. */
  private peek(text: string, i: number): number {
    return i < text.length ? text.charCodeAt(i) : this.carry ? CR : -1;
  }

  private endField(): void {
    if (!this.skipping) this.fields.push(this.field);
    this.field = '';
    this.atFieldStart = true;
  }

  private endRecord(): void {
    if (this.skipping) this.finishSkipped(false);
    else if (this.size > this.limit) {
      this.skipping = true;
      this.raw = this.raw.slice(0, RAW_SAMPLE);
      this.finishSkipped(false);
    } else if (!(this.raw === '' && this.fields.length <= 1)) {
      this.out.push({ record: { fields: this.fields, line: this.recordLine, raw: this.raw } });
    }
    this.reset();
    this.recordLine = this.line + 1;
  }

  private finishSkipped(atEof: boolean): void {
    const lines = this.line > this.recordLine ? ` (lines ${this.recordLine}-${this.line})` : '';
    const why = atEof && this.quoted ? '; a quote in it is never closed, so it runs to the end of the file' : '';
    this.reject('record-too-large', this.recordLine, `record is longer than ${this.limit.toLocaleString('en-US')} characters${lines}${why}; skipped`, `${this.raw}…`);
  }

  private reject(code: string, line: number, message: string, raw: string): void {
    this.out.push({ diagnostic: { code, file: this.file, line, message, raw } });
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.raw = '';
    this.size = 0;
    this.quoted = false;
    this.afterQuote = false;
    this.atFieldStart = true;
    this.skipping = false;
  }
}

/** Whether bytes are valid UTF-8, chunk by chunk (sequences may straddle chunks). */
class Utf8Check {
  invalid = false;
  private readonly strict = new TextDecoder('utf-8', { fatal: true });
  check(bytes: Uint8Array): void {
    if (this.invalid) return;
    try {
      this.strict.decode(bytes, { stream: true });
    } catch {
      this.invalid = true;
    }
  }
  end(): void {
    this.check(new Uint8Array(0));
    if (!this.invalid) {
      try {
        this.strict.decode();
      } catch {
        this.invalid = true;
      }
    }
  }
}

/**
 * Read CSV records. Bytes that are not UTF-8 (a latin-1 export, a damaged file) are decoded as
 * U+FFFD and reported once as a warning; the rows are still used.
 */
export async function* readCsv(input: InputFile, options: CsvOptions = {}): AsyncGenerator<CsvItem> {
  const splitter = new CsvSplitter(input.name, options.maxRecordChars ?? MAX_RECORD_CHARS);
  // Not fatal: invalid bytes become U+FFFD. A leading UTF-8 BOM is dropped.
  const decoder = new TextDecoder('utf-8');
  const utf8 = new Utf8Check();
  try {
    for await (const chunk of input.open()) {
      const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
      utf8.check(bytes);
      yield* splitter.push(decoder.decode(bytes, { stream: true }));
    }
  } catch (error) {
    throw new InputError(input.name, splitter.line, describeReadError(error));
  }
  utf8.end();
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
  if (utf8.invalid) {
    yield {
      diagnostic: {
        code: 'encoding',
        severity: 'warning',
        file: input.name,
        line: splitter.firstReplacementLine,
        message: 'bytes that are not UTF-8 (latin-1? convert with iconv -f latin1 -t utf-8) were read as U+FFFD; the rows were kept',
      },
    };
  }
}
