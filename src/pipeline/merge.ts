// Map-reduce: turn `rapport tag` NDJSON records of many shards back into the tagged exchanges of one run.
import type { AxisLabel, Axis, Message, RueFlag, SourceKind, TaggedExchange, Thread } from '../model/types.js';
import { AXES } from '../model/types.js';
import { compareMessages } from '../normalize/order.js';
import type { ExchangeRecord, TurnMessage } from '../report/exchange-json.js';
import { DEFAULT_FORMULA, exchangeHealth, type HealthFormula } from '../score/health.js';

/** What `buildReport` needs, rebuilt from NDJSON: the same exchanges and threads, in single-run order. */
export interface MergedRun {
  tagged: TaggedExchange[];
  threads: Thread[];
}

/** A role note as `rapport tag` wrote it (`given`, `inferred(<reason>)`) back into its parts. */
function roleFrom(note: string | null | undefined): Pick<Message, 'roleSource' | 'roleReason'> {
  const inferred = /^inferred\((.*)\)$/s.exec(note ?? '');
  return inferred ? { roleSource: 'inferred', roleReason: inferred[1]! } : { roleSource: 'given' };
}

function message(id: string, role: Message['role'], turn: TurnMessage | undefined, record: ExchangeRecord): Message {
  return {
    id,
    source: record.source as SourceKind,
    file: record.extra.file ?? '',
    line: 0,
    author: turn?.author ?? '',
    role,
    ...roleFrom(record.extra.roles?.[role === 'customer' ? 'customer' : 'brand']),
    time: turn?.time ?? null,
    text: turn?.text ?? '',
    brand: turn?.brand ?? null,
    agent: turn?.agent ?? null,
    channel: turn?.channel ?? null,
  };
}

/** Whether a parsed JSON line is a `rapport tag` record with what `report` needs. */
export function isExchangeRecord(value: unknown): value is ExchangeRecord {
  const r = value as ExchangeRecord;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.thread === 'string' && typeof r.labels === 'object' && typeof r.extra?.turns === 'object';
}

/**
 * Rebuild tagged exchanges and threads from records of any number of shards. Threads must not cross
 * shards (`rapport shard` splits by thread). Threads come out in the single-run order (first message
 * time, then id) and exchanges in thread order, so every count, median and first example is the same.
 */
export function mergeRecords(records: Iterable<ExchangeRecord>, formula: HealthFormula = DEFAULT_FORMULA): MergedRun {
  const byThread = new Map<string, TaggedExchange[]>();
  for (const r of records) {
    const customerTurn = r.extra.messages.customer.map((id, i) => message(id, 'customer', r.extra.turns.customer[i], r));
    const brandTurn = r.extra.messages.brand.map((id, i) => message(id, 'brand', r.extra.turns.brand[i], r));
    const first = customerTurn[0] ?? brandTurn[0];
    const labels = Object.fromEntries(AXES.map((axis) => [axis, r.labels[axis] as AxisLabel])) as Record<Axis, AxisLabel>;
    const list = byThread.get(r.thread) ?? [];
    const evidence = r.extra.rueEvidence as Record<RueFlag, TaggedExchange['rue']['evidence'][RueFlag]>;
    list.push({
      exchange: {
        id: r.id,
        thread: r.thread,
        source: r.source as SourceKind,
        file: r.extra.file ?? first?.file ?? '',
        customer: r.customer,
        brand: r.brand,
        account: r.extra.account,
        agent: r.extra.agent,
        customerTurn,
        brandTurn,
        previousBrandTurn: [],
        index: list.length,
        responseSeconds: r.responseSeconds,
        time: first?.time ?? null,
      },
      labels,
      rue: { ...r.rue, evidence },
      health: exchangeHealth(labels, customerTurn.length > 0, formula) ?? Number.NaN,
      terms: r.extra.terms ?? [],
    });
    byThread.set(r.thread, list);
  }
  const threads: Thread[] = [];
  for (const [id, list] of byThread) threads.push({ id, messages: list.flatMap((t) => [...t.exchange.customerTurn, ...t.exchange.brandTurn]) });
  threads.sort((a, b) => compareMessages(a.messages[0]!, b.messages[0]!));
  return { tagged: threads.flatMap((t) => byThread.get(t.id)!), threads };
}
