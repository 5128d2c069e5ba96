// Source adapters for CSV: chat transcripts with known column names (`chat-csv`) and any CSV by `--map` (`csv`).
import type { SourceKind } from '../model/types.js';
import type { ColumnMap, SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { readCsv } from './csv.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';
import { findColumns, recordReader } from './records.js';

/** Records looked at to guess the text column of a CSV that names none. */
const GUESS_RECORDS = 50;

/** The column with the longest values on average: the text, in a CSV whose header names no text column. */
function longestColumn(header: readonly string[], records: readonly string[][]): string | undefined {
  let best: { name: string; length: number } | undefined;
  header.forEach((name, i) => {
    const length = records.reduce((n, r) => n + (r[i]?.length ?? 0), 0);
    if (!/^\d*$/.test(records.map((r) => r[i] ?? '').join('')) && (!best || length > best.length)) best = { name, length };
  });
  return best?.name;
}

function readMapped(kind: SourceKind, what: string) {
  return async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
    let header: string[] | null = null;
    let toItem: ReturnType<typeof recordReader> | null = null;
    let index: Map<string, number> = new Map();
    let width = 0;
    let pending: { fields: string[]; line: number; raw: string }[] = [];
    let rows = 0;
    let columnsOf: ColumnMap = {};
    const emit = (record: { fields: string[]; line: number; raw: string }): SourceItem => {
      if (record.fields.length !== width) {
        return { diagnostic: { code: 'column-count', file: input.name, line: record.line, message: `expected ${width} fields, found ${record.fields.length}`, raw: record.raw } };
      }
      rows++;
      return toItem!((field) => {
        const column = columnsOf[field];
        return column === undefined ? undefined : record.fields[index.get(column) ?? -1];
      }, record.line, record.raw, String(rows).padStart(7, '0'));
    };
    const start = (records: string[][]): void => {
      const { columns, missing } = findColumns(header!, options.map);
      if (missing.length) throw new InputError(input.name, 1, `${what}: no column(s) ${missing.join(', ')} (columns: ${header!.join(', ').slice(0, 200)})`);
      if (!columns.text) columns.text = longestColumn(header!, records);
      if (!columns.text) throw new InputError(input.name, 1, `${what}: no text column (map one with --map text=COLUMN)`);
      if (kind === 'chat-csv' && !columns.conversation) throw new InputError(input.name, 1, `${what}: no conversation id column (map one with --map conversation=COLUMN)`);
      columnsOf = columns;
      toItem = recordReader(kind, input.name, options, columns, 'chat');
    };
    for await (const item of readCsv(input)) {
      if ('diagnostic' in item) {
        yield item;
        continue;
      }
      if (!header) {
        header = item.record.fields.map((f) => f.trim());
        width = header.length;
        index = new Map(header.map((name, i) => [name, i]));
        continue;
      }
      if (!toItem) {
        pending.push(item.record);
        if (pending.length < GUESS_RECORDS) continue;
        start(pending.map((r) => r.fields));
        for (const r of pending) yield emit(r);
        pending = [];
        continue;
      }
      yield emit(item.record);
    }
    if (!header) throw new InputError(input.name, null, `empty file: expected ${what} with a header row`);
    if (!toItem) {
      start(pending.map((r) => r.fields));
      for (const r of pending) yield emit(r);
    }
  };
}

const firstLine = (head: string): string => head.split(/\r?\n/, 1)[0] ?? '';
const baseName = (name: string): string => name.replace(/\.gz$/i, '').toLowerCase();

export const chatCsv: SourceAdapter = {
  kind: 'chat-csv',
  description: 'chat transcript CSV, one row per message (conversation id, time, sender or role, text columns)',
  sniff: (head) => {
    const names = firstLine(head).split(',').map((c) => c.replace(/^"|"$/g, ''));
    const { columns } = findColumns(names);
    return names.length > 1 && Boolean(columns.conversation && columns.text && (columns.author || columns.role));
  },
  read: readMapped('chat-csv', 'chat transcript CSV'),
};

export const csv: SourceAdapter = {
  kind: 'csv',
  description: 'any CSV with a header row, columns mapped by --map (text guessed when not mapped)',
  sniff: (head, name) => /\.(csv|tsv|txt)$/.test(baseName(name)) ? firstLine(head).includes(',') : /^[^,\n]+(,[^,\n]*)+\r?\n/.test(head) && !head.startsWith('{') && !head.startsWith('['),
  read: readMapped('csv', 'CSV'),
};
