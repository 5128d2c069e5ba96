// How each `--by` grouping names the group of an exchange; a new grouping fails to compile until it is here.
import type { TaggedExchange } from '../model/types.js';
import { dayKey, monthKey, weekKey } from './periods.js';
import type { GroupKey } from './types.js';

/** Group key of an exchange, or null when it has none (shown as `(none)`). */
export type KeyOf = (t: TaggedExchange, timeZone: string) => string | null;

const at = (period: (ms: number, tz: string) => string): KeyOf => (t, tz) => (t.exchange.time === null ? null : period(t.exchange.time, tz));

export const GROUP_KEY_OF: Record<GroupKey, KeyOf> = {
  brand: (t) => t.exchange.account,
  agent: (t) => t.exchange.agent,
  customer: (t) => t.exchange.customer,
  // The export's channel when it names one, else the source format (a Twitter export is one channel).
  channel: (t) => t.exchange.customerTurn[0]?.channel ?? t.exchange.brandTurn[0]?.channel ?? t.exchange.source,
  thread: (t) => t.exchange.thread,
  day: at(dayKey),
  week: at(weekKey),
  month: at(monthKey),
};

/** Periods sort chronologically unless `--sort` says otherwise. */
export const PERIOD_KEYS: ReadonlySet<GroupKey> = new Set(['day', 'week', 'month']);
