// Cut a thread into exchanges exactly as EPIC.md says: a customer turn plus the brand turn after it.
import type { Exchange, Message, Thread } from '../model/types.js';

/** Maximal runs of consecutive messages of one role. */
export function turns(messages: readonly Message[]): Message[][] {
  const out: Message[][] = [];
  for (const m of messages) {
    const last = out[out.length - 1];
    if (last && last[0]!.role === m.role) last.push(m);
    else out.push([m]);
  }
  return out;
}

function firstDefined<T>(values: readonly (T | null | undefined)[]): T | null {
  for (const v of values) if (v != null) return v;
  return null;
}

export function cutExchanges(thread: Thread): Exchange[] {
  const runs = turns(thread.messages);
  const exchanges: Exchange[] = [];
  let previousBrandTurn: Message[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    let customerTurn: Message[] = [];
    let brandTurn: Message[] = [];
    if (run[0]!.role === 'customer') {
      customerTurn = run;
      const next = runs[i + 1];
      if (next) {
        brandTurn = next;
        i++;
      }
    } else {
      brandTurn = run;
    }
    const first = customerTurn[0] ?? brandTurn[0]!;
    const lastCustomer = customerTurn[customerTurn.length - 1];
    const firstBrand = brandTurn[0];
    const responseSeconds =
      lastCustomer && firstBrand && lastCustomer.time !== null && firstBrand.time !== null
        ? Math.round((firstBrand.time - lastCustomer.time) / 1000)
        : null;
    exchanges.push({
      id: first.id,
      thread: thread.id,
      source: first.source,
      file: first.file,
      customer: customerTurn[0]?.author ?? null,
      brand: firstBrand ? (firstBrand.brand ?? firstBrand.author) : null,
      account: null,
      agent: firstDefined(brandTurn.map((m) => m.agent)),
      customerTurn,
      brandTurn,
      previousBrandTurn: customerTurn.length ? previousBrandTurn : [],
      index: exchanges.length,
      responseSeconds,
      time: first.time,
    });
    if (brandTurn.length) previousBrandTurn = brandTurn;
  }
  const threadBrand = firstDefined(exchanges.map((e) => e.brand));
  for (const e of exchanges) e.account = e.brand ?? threadBrand;
  return exchanges;
}

/** For exchanges nobody answered in a brand-less thread: the first known brand account the customer @-mentioned. */
/** Brand accounts by lower-case handle, per brand set (the streaming path asks once per thread). */
const lowered = new WeakMap<ReadonlySet<string>, { size: number; byLower: Map<string, string> }>();

export function assignMentionedAccounts(exchanges: Exchange[], brands: ReadonlySet<string>): void {
  if (exchanges.every((e) => e.account)) return;
  let cached = lowered.get(brands);
  if (!cached || cached.size !== brands.size) lowered.set(brands, (cached = { size: brands.size, byLower: new Map([...brands].map((b) => [b.toLowerCase(), b])) }));
  const byLower = cached.byLower;
  for (const e of exchanges) {
    if (e.account) continue;
    for (const m of e.customerTurn) {
      for (const mention of m.text.matchAll(/@(\w{1,30})/g)) {
        const brand = byLower.get(mention[1]!.toLowerCase());
        if (brand) {
          e.account = brand;
          break;
        }
      }
      if (e.account) break;
    }
  }
}
