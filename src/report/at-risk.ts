// The at-risk list: threads and customers whose latest exchange is revoked, negative or unanswered, with evidence.
import type { Evidence, TaggedExchange } from '../model/types.js';
import { bytes, floats, ints } from '../storage/growing.js';
import { CustomerNames, own, PLAIN_INTEGER } from '../text/own.js';
import { Spill } from '../storage/spill.js';
import { turnRoles } from '../normalize/roles.js';
import { isClosing } from '../score/closing.js';
import { AT_RISK_REASONS, type AtRiskItem, type AtRiskReason, type QuotedMessage } from './types.js';

/** Longest message text kept in an item; highlights past it are dropped. */
const MAX_TEXT = 600;

const SEVERITY: Record<AtRiskReason, number> = { revoked: 4, negative: 2, unanswered: 1 };

export function riskReasons(t: TaggedExchange): AtRiskReason[] {
  const found: Record<AtRiskReason, boolean> = {
    revoked: t.labels.permission.label === 'revoked',
    negative: t.labels.experience.label === 'negative',
    // A thanks that closes the conversation needed no reply.
    unanswered: t.exchange.brandTurn.length === 0 && !isClosing(t),
  };
  return AT_RISK_REASONS.filter((r) => found[r]);
}

/** Messages quoted with the evidence spans in them: texts cut to MAX_TEXT, overlapping spans dropped. */
export function quoted(messages: readonly { id: string; text: string }[], evidence: readonly Evidence[]): QuotedMessage[] {
  return messages.map((m) => {
    const text = m.text.length > MAX_TEXT ? `${m.text.slice(0, MAX_TEXT - 1)}…` : m.text;
    const highlights = evidence
      .filter((e) => e.message === m.id && e.end <= MAX_TEXT - 1 && e.start < e.end)
      .map((e) => ({ start: e.start, end: e.end, cue: e.cue }))
      .sort((a, b) => a.start - b.start || b.end - a.end)
      // Overlapping spans would nest marks; keep the first of any overlap.
      .filter((h, i, all) => i === 0 || all.slice(0, i).every((p) => p.end <= h.start));
    return { id: m.id, text, highlights };
  });
}

function item(kind: AtRiskItem['kind'], key: string, t: TaggedExchange, reasons: AtRiskReason[], health: number | null): AtRiskItem {
  const evidence = [
    ...(reasons.includes('revoked') ? t.labels.permission.evidence : []),
    ...(reasons.includes('negative') ? t.labels.experience.evidence : []),
  ];
  return {
    kind,
    key,
    account: t.exchange.account,
    thread: t.exchange.thread,
    exchange: t.exchange.id,
    file: t.exchange.file,
    roles: turnRoles(t.exchange),
    time: t.exchange.time === null ? null : new Date(t.exchange.time).toISOString(),
    health,
    reasons,
    evidence: evidence.map((e) => ({ cue: e.cue, message: e.message, text: e.text })),
    messages: quoted(t.exchange.customerTurn, evidence),
  };
}

/** Later exchange wins: by time, then position in the thread, then id. */
function later(a: TaggedExchange, b: TaggedExchange): boolean {
  const ta = a.exchange.time ?? -Infinity;
  const tb = b.exchange.time ?? -Infinity;
  if (ta !== tb) return ta > tb;
  if (a.exchange.thread === b.exchange.thread && a.exchange.index !== b.exchange.index) return a.exchange.index > b.exchange.index;
  return a.exchange.id > b.exchange.id;
}

/** How bad the reasons are together: revoked weighs most, then negative, then unanswered. */
export function severity(item: Pick<AtRiskItem, 'reasons'>): number {
  return item.reasons.reduce((n, r) => n + SEVERITY[r], 0);
}

/** Most severe first, then lowest health, then most recent, then key: a stable order. */
export function compareAtRisk(a: Pick<AtRiskItem, 'kind' | 'key' | 'health' | 'reasons' | 'time'>, b: Pick<AtRiskItem, 'kind' | 'key' | 'health' | 'reasons' | 'time'>): number {
  return (
    severity(b) - severity(a) ||
    (a.health ?? 101) - (b.health ?? 101) ||
    (b.time ?? '').localeCompare(a.time ?? '') ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

type Candidate = Pick<AtRiskItem, 'kind' | 'key' | 'health' | 'reasons' | 'time'>;

/** The first `limit` of the candidates offered, in `compareAtRisk` order; items are made only for those kept. */
class Best<T> {
  private readonly kept: { candidate: Candidate; value: T }[] = [];
  constructor(private readonly limit: number) {}
  offer(candidate: Candidate, make: () => T): void {
    const kept = this.kept;
    if (kept.length >= this.limit && (this.limit === 0 || compareAtRisk(candidate, kept[kept.length - 1]!.candidate) >= 0)) return;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareAtRisk(kept[mid]!.candidate, candidate) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, { candidate, value: make() });
    if (kept.length > this.limit) kept.pop();
  }
  values(): T[] {
    return this.kept.map((k) => k.value);
  }
}

const iso = (time: number | null): string | null => (time === null ? null : new Date(time).toISOString());

/** Reason flags of an exchange as bits, in AT_RISK_REASONS order (0: not at risk). */
function riskBits(t: TaggedExchange): number {
  return riskReasons(t).reduce((bits, r) => bits | (1 << AT_RISK_REASONS.indexOf(r)), 0);
}

const reasonsOf = (bits: number): AtRiskReason[] => AT_RISK_REASONS.filter((_, i) => bits & (1 << i));

/**
 * The at-risk list, built a thread at a time: threads, then customers, whose latest exchange with a
 * customer turn is at risk, `limit` items of each kind. Holds the best thread items so far, and per
 * customer the latest exchange's sort keys; the latest item of each customer at risk waits in a spill
 * file until the end decides which are listed.
 */
export class AtRiskReducer {
  private threadCount = 0;
  private readonly threads: Best<AtRiskItem>;
  /** Per customer id (`customers`): the latest exchange's time (NaN: none yet; -Infinity: no time). */
  private readonly time = floats(1024);
  private readonly index = ints(1024);
  /** The thread's number in the order threads were added: "the same thread" without keeping its id. */
  private readonly thread = floats(1024);
  /** The latest exchange's id: as a number when it is a plain integer (a string per customer costs ~40 bytes). */
  private readonly idNumber = floats(1024);
  private readonly idText = new Map<number, string>();
  private readonly risk = bytes(1024);
  private readonly health = floats(1024);
  /** Spill handle of the customer's item when at risk, else -1. */
  private readonly handle = floats(1024);
  private readonly spill = new Spill();
  private threadNumber = 0;

  constructor(
    private readonly healthOf: (t: TaggedExchange) => number | null,
    private readonly limit: number,
    /** Customer names, shared with the other reducers of the report. */
    private readonly customers = new CustomerNames(),
  ) {
    this.threads = new Best(limit);
  }

  /** The exchanges of one thread (all of them, or those a filter kept). */
  addThread(tagged: readonly TaggedExchange[]): void {
    const number = this.threadNumber++;
    let latest: TaggedExchange | null = null;
    for (const t of tagged) {
      if (!t.exchange.customerTurn.length) continue;
      if (!latest || later(t, latest)) latest = t;
      if (t.exchange.customer !== null) this.addCustomer(this.customers.of(t.exchange.customer), t, number);
    }
    if (!latest) return;
    const reasons = riskReasons(latest);
    if (!reasons.length) return;
    this.threadCount++;
    const t = latest;
    const health = this.healthOf(t);
    const candidate: Candidate = { kind: 'thread', key: t.exchange.thread, health, reasons, time: iso(t.exchange.time) };
    // Copied through JSON: its strings would otherwise hold the read buffers they were cut from.
    this.threads.offer(candidate, () => JSON.parse(JSON.stringify(item('thread', candidate.key, t, reasons, health))) as AtRiskItem);
  }

  private addCustomer(i: number, t: TaggedExchange, thread: number): void {
    while (this.time.length <= i) {
      this.idNumber.push(0);
      this.time.push(Number.NaN);
      for (const column of [this.index, this.thread, this.risk, this.health, this.handle]) column.push(0);
    }
    const time = t.exchange.time ?? -Infinity;
    const seenTime = this.time.data[i]!;
    if (!Number.isNaN(seenTime)) {
      const isLater =
        time !== seenTime
          ? time > seenTime
          : thread === this.thread.data[i] && t.exchange.index !== this.index.data[i]
            ? t.exchange.index > this.index.data[i]!
            : t.exchange.id > this.idOf(i);
      if (!isLater) return;
    }
    const bits = riskBits(t);
    const health = bits ? this.healthOf(t) : null;
    this.time.data[i] = time;
    this.index.data[i] = t.exchange.index;
    this.thread.data[i] = thread;
    const id = t.exchange.id;
    if (PLAIN_INTEGER.test(id)) {
      this.idNumber.data[i] = Number(id);
      this.idText.delete(i);
    } else {
      this.idNumber.data[i] = Number.NaN;
      this.idText.set(i, own(id));
    }
    this.risk.data[i] = bits;
    this.health.data[i] = health ?? Number.NaN;
    this.handle.data[i] = bits ? this.spill.add(JSON.stringify(item('customer', this.customers.name(i), t, reasonsOf(bits), health))) : -1;
  }

  private idOf(i: number): string {
    const n = this.idNumber.data[i]!;
    return Number.isNaN(n) ? this.idText.get(i)! : String(n);
  }

  result(): { threads: number; customers: number; items: AtRiskItem[] } {
    const customers = new Best<number>(this.limit);
    let count = 0;
    for (let i = 0; i < this.time.length; i++) {
      const bits = this.risk.data[i]!;
      const key = this.customers.name(i);
      if (!bits) continue;
      count++;
      const time = this.time.data[i]!;
      const health = this.health.data[i]!;
      const candidate: Candidate = { kind: 'customer', key, health: Number.isNaN(health) ? null : health, reasons: reasonsOf(bits), time: time === -Infinity ? null : iso(time) };
      customers.offer(candidate, () => this.handle.data[i]!);
    }
    const items = [...this.threads.values(), ...customers.values().map((h) => JSON.parse(this.spill.get(h)) as AtRiskItem)];
    this.close();
    return { threads: this.threadCount, customers: count, items };
  }

  close(): void {
    this.spill.close();
  }
}
