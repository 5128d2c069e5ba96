// The exchanges a report covers: `--since`, `--until` and `--brand` applied before the Report is built.
import type { TaggedExchange, Thread } from '../model/types.js';

export interface ExchangeFilter {
  /** Epoch ms, inclusive. */
  since?: number | null;
  /** Epoch ms, exclusive. */
  until?: number | null;
  /**
   * Brand accounts to keep (case-insensitive); empty keeps all. Exchanges no brand account can be
   * attributed to (nobody answered, no brand addressed) stay: they belong to no other brand, and an
   * export whose brand side is named with --brand would otherwise lose its unanswered customers.
   */
  brands?: readonly string[];
}

/** Whether the filter keeps an exchange; null when it keeps every one. */
export function exchangeKeeper(filter: ExchangeFilter): ((t: TaggedExchange) => boolean) | null {
  const brands = new Set((filter.brands ?? []).map((b) => b.toLowerCase()));
  const since = filter.since ?? null;
  const until = filter.until ?? null;
  if (since === null && until === null && !brands.size) return null;
  return (t) => {
    const time = t.exchange.time;
    if ((since !== null || until !== null) && time === null) return false;
    if (since !== null && time! < since) return false;
    if (until !== null && time! >= until) return false;
    return !brands.size || t.exchange.account === null || brands.has(t.exchange.account.toLowerCase());
  };
}

/** Keep the exchanges in the window and accounts asked for, and the threads they belong to. */
export function filterExchanges<T extends { tagged: readonly TaggedExchange[]; threads: readonly Thread[] }>(
  input: T,
  filter: ExchangeFilter,
): T & { excluded: number } {
  const keep = exchangeKeeper(filter);
  if (!keep) return { ...input, excluded: 0 };
  const tagged = input.tagged.filter(keep);
  const kept = new Set(tagged.map((t) => t.exchange.thread));
  return { ...input, tagged, threads: input.threads.filter((t) => kept.has(t.id)), excluded: input.tagged.length - tagged.length };
}
