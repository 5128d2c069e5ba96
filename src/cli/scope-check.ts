// A report must be about something: `--brand` that names no account, or a period with no exchange, is an input error.
import type { TaggedExchange } from '../model/types.js';

/** How many accounts a "no such brand" error names. */
const NAMED = 5;

/** Watches the exchanges a report's filters keep, to say why nothing was kept. */
export class ScopeCheck {
  private readonly accounts = new Map<string, number>();
  private readonly wanted: Set<string>;
  private matched = 0;
  private kept = 0;
  private first = Infinity;
  private last = -Infinity;

  constructor(
    private readonly brands: readonly string[],
    private readonly since: number | null,
    private readonly until: number | null,
  ) {
    this.wanted = new Set(brands.map((b) => b.toLowerCase()));
  }

  /** Every exchange read, and the ones the filters kept. */
  see(all: readonly TaggedExchange[], kept: readonly TaggedExchange[]): void {
    for (const t of all) {
      const account = t.exchange.account;
      if (account !== null) this.accounts.set(account, (this.accounts.get(account) ?? 0) + 1);
      if (t.exchange.time !== null) {
        this.first = Math.min(this.first, t.exchange.time);
        this.last = Math.max(this.last, t.exchange.time);
      }
    }
    this.kept += kept.length;
    for (const t of kept) if (t.exchange.account !== null && this.wanted.has(t.exchange.account.toLowerCase())) this.matched++;
  }

  /** One line saying why the report would be about nothing, or null when it is about something. */
  problem(): string | null {
    if (this.brands.length && this.matched === 0) {
      const largest = [...this.accounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, NAMED);
      const known = largest.length ? `the largest: ${largest.map(([a, n]) => `${a} (${n})`).join(', ')}${this.accounts.size > NAMED ? `, … ${this.accounts.size} in all` : ''}` : 'the input has no brand account';
      return `--brand ${this.brands.join(',')} matches no brand account of the input in scope (${known})`;
    }
    if (this.kept === 0 && (this.since !== null || this.until !== null)) {
      const span = this.first <= this.last ? `the input's exchanges run from ${new Date(this.first).toISOString()} to ${new Date(this.last).toISOString()}` : 'no exchange of the input has a time';
      return `no exchange in the period asked for (--since/--until); ${span}`;
    }
    return null;
  }
}
