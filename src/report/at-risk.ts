// The at-risk list: threads and customers whose latest exchange is revoked, negative or unanswered, with evidence.
import type { Evidence, TaggedExchange } from '../model/types.js';
import { AT_RISK_REASONS, type AtRiskItem, type AtRiskReason, type QuotedMessage } from './types.js';

/** Longest message text kept in an item; highlights past it are dropped. */
const MAX_TEXT = 600;

const SEVERITY: Record<AtRiskReason, number> = { revoked: 4, negative: 2, unanswered: 1 };

export function riskReasons(t: TaggedExchange): AtRiskReason[] {
  const found: Record<AtRiskReason, boolean> = {
    revoked: t.labels.permission.label === 'revoked',
    negative: t.labels.experience.label === 'negative',
    unanswered: t.exchange.brandTurn.length === 0,
  };
  return AT_RISK_REASONS.filter((r) => found[r]);
}

function quoted(t: TaggedExchange, evidence: Evidence[]): QuotedMessage[] {
  return t.exchange.customerTurn.map((m) => {
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
    time: t.exchange.time === null ? null : new Date(t.exchange.time).toISOString(),
    health,
    reasons,
    evidence: evidence.map((e) => ({ cue: e.cue, message: e.message, text: e.text })),
    messages: quoted(t, evidence),
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

function latestBy(tagged: readonly TaggedExchange[], keyOf: (t: TaggedExchange) => string | null): Map<string, TaggedExchange> {
  const latest = new Map<string, TaggedExchange>();
  for (const t of tagged) {
    if (!t.exchange.customerTurn.length) continue;
    const key = keyOf(t);
    if (key === null) continue;
    const seen = latest.get(key);
    if (!seen || later(t, seen)) latest.set(key, t);
  }
  return latest;
}

function severity(item: Pick<AtRiskItem, 'reasons'>): number {
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

/** Threads, then customers, whose latest exchange with a customer turn is at risk; `limit` items of each kind. */
export function atRisk(
  tagged: readonly TaggedExchange[],
  healthOf: (t: TaggedExchange) => number | null,
  limit: number,
): { threads: number; customers: number; items: AtRiskItem[] } {
  // Sorted on what the order reads, quoted only for the `limit` kept: a large input has many at risk.
  type Candidate = Pick<AtRiskItem, 'kind' | 'key' | 'health' | 'reasons' | 'time'> & { t: TaggedExchange };
  const collect = (kind: AtRiskItem['kind'], keyOf: (t: TaggedExchange) => string | null): { count: number; items: AtRiskItem[] } => {
    const candidates: Candidate[] = [];
    for (const [key, t] of latestBy(tagged, keyOf)) {
      const reasons = riskReasons(t);
      if (reasons.length) candidates.push({ kind, key, t, reasons, health: healthOf(t), time: t.exchange.time === null ? null : new Date(t.exchange.time).toISOString() });
    }
    candidates.sort(compareAtRisk);
    return { count: candidates.length, items: candidates.slice(0, limit).map((c) => item(kind, c.key, c.t, c.reasons, c.health)) };
  };
  const threads = collect('thread', (t) => t.exchange.thread);
  const customers = collect('customer', (t) => t.exchange.customer);
  return { threads: threads.count, customers: customers.count, items: [...threads.items, ...customers.items] };
}
