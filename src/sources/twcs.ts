// Source adapter for the Twitter customer-care export (Kaggle "Customer Support on Twitter").
import type { Diagnostic, RawMessage } from '../model/types.js';
import { parseTwitterTime } from '../text/time.js';
import { readCsv } from './csv.js';
import type { InputFile } from './input.js';
import type { SourceAdapter, SourceItem } from './adapter.js';
import { InputError } from './errors.js';

const REQUIRED = ['tweet_id', 'author_id', 'inbound', 'created_at', 'text'] as const;

/** `3.0` and `3` are the same id; pandas wrote parents as floats. */
export function normalizeTweetId(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const m = /^(\d+)(?:\.0+)?$/.exec(v);
  return m ? m[1]! : null;
}

function parseInbound(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

async function* read(input: InputFile): AsyncGenerator<SourceItem> {
  let columns: Map<string, number> | null = null;
  let width = 0;
  const reject = (line: number | null, code: string, message: string, raw?: string): SourceItem => ({
    diagnostic: { code, file: input.name, line, message, raw } satisfies Diagnostic,
  });
  for await (const item of readCsv(input)) {
    if ('diagnostic' in item) {
      yield item;
      continue;
    }
    const { fields, line, raw } = item.record;
    if (!columns) {
      columns = new Map();
      for (const [i, field] of fields.entries()) {
        const name = field.trim();
        const first = columns.get(name);
        if (first === undefined) columns.set(name, i);
        else if ((REQUIRED as readonly string[]).includes(name)) {
          throw new InputError(input.name, line, `column "${name}" appears twice in the header (fields ${first + 1} and ${i + 1}); which one to read is ambiguous`);
        }
      }
      width = fields.length;
      const missing = REQUIRED.filter((c) => !columns!.has(c));
      if (missing.length) {
        throw new InputError(input.name, line, `not a Twitter customer-care export: missing column(s) ${missing.join(', ')}`);
      }
      continue;
    }
    if (fields.length !== width) {
      yield reject(line, 'column-count', `expected ${width} fields, found ${fields.length}`, raw);
      continue;
    }
    const get = (name: string): string => fields[columns!.get(name) ?? -1] ?? '';
    const id = normalizeTweetId(get('tweet_id'));
    if (!id) {
      yield reject(line, 'bad-id', `tweet_id "${get('tweet_id')}" is not a tweet id`, raw);
      continue;
    }
    const inbound = parseInbound(get('inbound'));
    if (inbound === null) {
      yield reject(line, 'bad-field', `inbound "${get('inbound')}" is neither True nor False`, raw);
      continue;
    }
    const time = parseTwitterTime(get('created_at'));
    if (time === null) {
      yield reject(line, 'bad-time', `created_at "${get('created_at')}" is not a Twitter date`, raw);
      continue;
    }
    const author = get('author_id').trim();
    if (!author) {
      yield reject(line, 'bad-field', 'author_id is empty', raw);
      continue;
    }
    const parentText = get('in_response_to_tweet_id');
    const parent = normalizeTweetId(parentText);
    if (parentText.trim() !== '' && parent === null) {
      yield reject(line, 'bad-id', `in_response_to_tweet_id "${parentText}" is not a tweet id`, raw);
      continue;
    }
    const message: RawMessage = {
      id,
      source: 'twcs',
      file: input.name,
      line,
      author,
      role: inbound ? 'customer' : 'brand',
      time,
      text: get('text'),
      parent,
      brand: inbound ? null : author,
      channel: 'twitter',
    };
    yield { message };
  }
  if (!columns) throw new InputError(input.name, null, 'empty file: expected a CSV header');
}

export const twcs: SourceAdapter = {
  kind: 'twcs',
  description: 'Twitter customer-care CSV (tweet_id, author_id, inbound, created_at, text, in_response_to_tweet_id)',
  sniff: (head) => /(^|,)tweet_id,/.test(head.split('\n', 1)[0] ?? '') && head.includes('inbound'),
  read,
};
