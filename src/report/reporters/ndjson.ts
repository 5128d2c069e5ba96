// The NDJSON reporter: one line per exchange, exactly the objects `rapport tag` prints.
import type { TaggedExchange } from '../../model/types.js';
import { exchangeRecord } from '../exchange-json.js';

export function ndjsonReporter(tagged: readonly TaggedExchange[]): string {
  return tagged.map((t) => `${JSON.stringify(exchangeRecord(t))}\n`).join('');
}
