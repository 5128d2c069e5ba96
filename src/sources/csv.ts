// Streaming CSV records with line numbers; unreadable records become diagnostics.
import { parse } from 'csv-parse';
import type { Diagnostic } from '../model/types.js';
import type { InputFile } from './input.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
  raw: string;
}

export type CsvItem = { record: CsvRecord } | { diagnostic: Diagnostic };

/** Largest field rapport accepts; a longer one is rejected with a diagnostic. */
export const MAX_RECORD_BYTES = 1 << 20;

/**
 * Read CSV records. Records end at LF or CRLF only: a bare CR inside a field (as in
 * the Twitter export) stays part of the text instead of splitting the record.
 */
export async function* readCsv(input: InputFile): AsyncGenerator<CsvItem> {
  const skipped: Diagnostic[] = [];
  const parser = input.open().pipe(
    parse({
      bom: true,
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_BYTES,
      info: true,
      raw: true,
      on_skip: (err) => {
        const e = err as Error & { lines?: number; code?: string };
        skipped.push({
          code: 'csv-syntax',
          file: input.name,
          line: e.lines ?? null,
          message: e.message.replace(/\s+/g, ' '),
        });
      },
    }),
  );
  // csv-parse counts a bare CR as a line break; editors and `grep -n` do not.
  let bareCrs = 0;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    while (skipped.length) yield { diagnostic: skipped.shift()! };
    const body = item.raw.replace(/\r?\n?$/, '');
    bareCrs += countMatches(body, /\r(?!\n)/g);
    const line = item.info.lines - bareCrs - countMatches(body, /\n/g);
    yield { record: { fields: item.record, line, raw: body } };
  }
  while (skipped.length) yield { diagnostic: skipped.shift()! };
}

function countMatches(text: string, pattern: RegExp): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) n++;
  return n;
}
