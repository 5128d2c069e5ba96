// Build the Report from tagged exchanges: totals, health, service measures, groupings, top cues.
import { AXES, RUE_FLAGS, type Diagnostic, type Evidence, type TaggedExchange, type Thread } from '../model/types.js';
import type { FileSummary } from '../pipeline.js';
import { DEFAULT_FORMULA, describeFormula, exchangeHealth, type HealthFormula } from '../score/health.js';
import { median, quantile, ratio, round1 } from '../score/stats.js';
import { atRisk } from './at-risk.js';
import { GROUP_KEY_OF, PERIOD_KEYS } from './group-keys.js';
import {
  SCHEMA_VERSION,
  type AxisBreakdown,
  type CueCount,
  type Durations,
  type GroupKey,
  type GroupRow,
  type Report,
  type ReportScope,
  type ServiceMeasures,
  type SortKey,
} from './types.js';
import { VERSION } from '../version.js';
import { buildVoice } from '../topics/build.js';

export interface BuildOptions {
  formula?: HealthFormula;
  /** One grouping per key, in this order (`--by`). */
  groupBy?: readonly GroupKey[];
  /** Row order of every grouping; periods default to chronological, the rest to volume. */
  sort?: Exclude<SortKey, 'time'>;
  /** IANA zone for day/week/month keys; default UTC. */
  timeZone?: string;
  /** At-risk items kept per kind (threads, customers); default 100. */
  atRiskLimit?: number;
  /** What was filtered before building, recorded in the report. */
  scope?: Partial<Omit<ReportScope, 'timeZone'>>;
  /** Diagnostics listed in the report (all are counted). */
  diagnosticSample?: number;
  topCues?: number;
  /** Topics in the voice-of-the-customer section. */
  topics?: number;
}

function durations(values: number[]): Durations {
  return { median: round1(median(values)), p90: quantile(values, 0.9), count: values.length };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First response per thread: first customer message → first brand message after it. */
function firstResponses(threads: Iterable<Thread>): number[] {
  const out: number[] = [];
  for (const thread of threads) {
    const firstCustomer = thread.messages.findIndex((m) => m.role === 'customer');
    if (firstCustomer < 0) continue;
    const reply = thread.messages.slice(firstCustomer + 1).find((m) => m.role === 'brand');
    const asked = thread.messages[firstCustomer]!.time;
    if (reply && reply.time !== null && asked !== null) out.push(Math.round((reply.time - asked) / 1000));
  }
  return out;
}

function service(tagged: readonly TaggedExchange[], threads: Iterable<Thread>): ServiceMeasures {
  const withCustomer = tagged.filter((t) => t.exchange.customerTurn.length > 0);
  const answered = withCustomer.filter((t) => t.exchange.brandTurn.length > 0);
  const response = answered.map((t) => t.exchange.responseSeconds).filter((s): s is number => s !== null);
  return {
    customerTurns: withCustomer.length,
    answered: answered.length,
    replyRate: ratio(answered.length, withCustomer.length),
    unansweredShare: ratio(withCustomer.length - answered.length, withCustomer.length),
    firstResponse: durations(firstResponses(threads)),
    response: durations(response),
  };
}

function axes(tagged: readonly TaggedExchange[], formula: HealthFormula): Record<string, AxisBreakdown> {
  const scored = tagged.filter((t) => t.exchange.customerTurn.length > 0);
  const out: Record<string, AxisBreakdown> = {};
  for (const axis of AXES) {
    const labels: Record<string, number> = Object.fromEntries(Object.keys(formula.values[axis]).map((l) => [l, 0]));
    for (const t of tagged) labels[t.labels[axis].label] = (labels[t.labels[axis].label] ?? 0) + 1;
    const values = scored.map((t) => formula.values[axis][t.labels[axis].label] ?? 0);
    out[axis] = { value: values.length ? round1((100 * values.reduce((a, b) => a + b, 0)) / values.length) : null, labels };
  }
  return out;
}

/** Health of one exchange under the report's formula (the config may differ from the tagger's default). */
function healthOf(t: TaggedExchange, formula: HealthFormula): number | null {
  return exchangeHealth(t.labels, t.exchange.customerTurn.length > 0, formula);
}

function meanHealth(tagged: readonly TaggedExchange[], formula: HealthFormula): number | null {
  const values = tagged.map((t) => healthOf(t, formula)).filter((h): h is number => h !== null);
  return values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

/** FRT buckets for the distribution chart: upper bounds in seconds, the last one open. */
const FRT_BUCKETS: { bucket: string; upTo: number | null }[] = [
  { bucket: '< 5m', upTo: 300 },
  { bucket: '5–15m', upTo: 900 },
  { bucket: '15m–1h', upTo: 3600 },
  { bucket: '1–4h', upTo: 4 * 3600 },
  { bucket: '4–24h', upTo: 86400 },
  { bucket: '> 1d', upTo: null },
];

export function frtDistribution(seconds: readonly number[]): Report['frtDistribution'] {
  const out = FRT_BUCKETS.map((b) => ({ ...b, count: 0 }));
  for (const s of seconds) out.find((b) => b.upTo === null || s < b.upTo)!.count++;
  return out;
}

/** Evidence of the non-default labels and RUE flags, in axis then flag order. */
function reportedEvidence(t: TaggedExchange): Evidence[] {
  return [...AXES.flatMap((axis) => t.labels[axis].evidence), ...RUE_FLAGS.flatMap((flag) => (t.rue[flag] ? t.rue.evidence[flag] : []))];
}

/**
 * The cue ids of `reportedEvidence`, kept per exchange: every grouping counts them again, and slim
 * exchanges (pipeline/slim.ts) unpack their evidence on each read.
 */
const cueIds = new WeakMap<TaggedExchange, string[]>();

function cuesOf(t: TaggedExchange): string[] {
  let cues = cueIds.get(t);
  if (!cues) cueIds.set(t, (cues = reportedEvidence(t).map((e) => e.cue)));
  return cues;
}

/** Evidence cue ids of the non-default labels and RUE flags, counted, each with its first example. */
export function countCues(tagged: readonly TaggedExchange[]): CueCount[] {
  const counts = new Map<string, CueCount>();
  for (const t of tagged) {
    const cues = cuesOf(t);
    let evidence: Evidence[] | null = null;
    for (let i = 0; i < cues.length; i++) {
      const c = counts.get(cues[i]!);
      if (c) c.count++;
      else {
        const e = (evidence ??= reportedEvidence(t))[i]!;
        counts.set(e.cue, { cue: e.cue, count: 1, example: { exchange: t.exchange.id, message: e.message, text: e.text } });
      }
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || compareKeys(a.cue, b.cue));
}

function groupRow(key: string, tagged: TaggedExchange[], formula: HealthFormula): GroupRow {
  const threads = new Map<string, Thread>();
  let messages = 0;
  for (const t of tagged) messages += t.exchange.customerTurn.length + t.exchange.brandTurn.length;
  // Service measures of a group only see the messages of its own exchanges.
  for (const t of tagged) {
    const thread = threads.get(t.exchange.thread) ?? { id: t.exchange.thread, messages: [] };
    thread.messages.push(...t.exchange.customerTurn, ...t.exchange.brandTurn);
    threads.set(t.exchange.thread, thread);
  }
  return {
    key,
    messages,
    exchanges: tagged.length,
    scored: tagged.filter((t) => t.exchange.customerTurn.length > 0).length,
    health: meanHealth(tagged, formula),
    axes: axes(tagged, formula),
    service: service(tagged, threads.values()),
    topCues: countCues(tagged).slice(0, 3).map((c) => c.cue),
  };
}

const compareNullsLast = (a: number | null, b: number | null, dir: 1 | -1): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : dir * (a - b);

/** Row orders: `health` worst first, `volume` most exchanges first, `frt` slowest first median, `time` by key; ties by key. */
const ROW_ORDER: Record<SortKey, (a: GroupRow, b: GroupRow) => number> = {
  health: (a, b) => compareNullsLast(a.health, b.health, 1) || b.exchanges - a.exchanges || compareKeys(a.key, b.key),
  volume: (a, b) => b.exchanges - a.exchanges || compareKeys(a.key, b.key),
  frt: (a, b) => compareNullsLast(a.service.firstResponse.median, b.service.firstResponse.median, -1) || b.exchanges - a.exchanges || compareKeys(a.key, b.key),
  time: (a, b) => compareKeys(a.key, b.key),
};

export function sortRows(rows: GroupRow[], sort: SortKey): GroupRow[] {
  return rows.sort(ROW_ORDER[sort]);
}

export function groupBy(tagged: readonly TaggedExchange[], keyOf: (t: TaggedExchange) => string | null, formula: HealthFormula, sort: SortKey = 'volume'): GroupRow[] {
  const groups = new Map<string, TaggedExchange[]>();
  for (const t of tagged) {
    const key = keyOf(t) ?? '(none)';
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  return sortRows(
    [...groups.entries()].map(([key, list]) => groupRow(key, list, formula)),
    sort,
  );
}

export function buildReport(
  input: { tagged: readonly TaggedExchange[]; threads: readonly Thread[]; diagnostics: readonly Diagnostic[]; files: readonly FileSummary[] },
  options: BuildOptions = {},
): Report {
  const formula = options.formula ?? DEFAULT_FORMULA;
  const timeZone = options.timeZone ?? 'UTC';
  const scope = options.scope ?? {};
  const { tagged, threads, diagnostics, files } = input;
  const messages = threads.reduce((n, t) => n + t.messages.length, 0);
  const customers = new Set<string>();
  const brands = new Set<string>();
  const agents = new Set<string>();
  for (const thread of threads) {
    for (const m of thread.messages) {
      if (m.role === 'customer') customers.add(m.author);
      else brands.add(m.brand ?? m.author);
      if (m.agent) agents.add(m.agent);
    }
  }
  const byCode: Record<string, number> = {};
  for (const d of diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  const rue: Report['rue'] = {};
  const answered = tagged.filter((t) => t.exchange.brandTurn.length > 0);
  for (const flag of RUE_FLAGS) {
    const count = answered.filter((t) => t.rue[flag] === 1).length;
    rue[flag] = { share: ratio(count, answered.length), count };
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'rapport', version: VERSION },
    inputs: files.map((f) => ({ ...f })),
    scope: {
      since: scope.since ?? null,
      until: scope.until ?? null,
      brands: [...(scope.brands ?? [])],
      timeZone,
      now: scope.now ?? null,
      excluded: scope.excluded ?? 0,
    },
    totals: {
      recordsRead: files.reduce((n, f) => n + f.read, 0),
      recordsRejected: files.reduce((n, f) => n + f.rejected, 0),
      messages,
      threads: threads.length,
      exchanges: tagged.length,
      customers: customers.size,
      brands: brands.size,
      agents: agents.size,
    },
    health: {
      score: meanHealth(tagged, formula),
      scored: tagged.filter((t) => t.exchange.customerTurn.length > 0).length,
      formula: { ...formula, description: describeFormula(formula) },
    },
    axes: axes(tagged, formula),
    rue,
    service: service(tagged, threads),
    brands: groupBy(tagged, (t) => t.exchange.account, formula, options.sort ?? 'volume'),
    groupings: (options.groupBy ?? []).map((by) => {
      const sort: SortKey = options.sort ?? (PERIOD_KEYS.has(by) ? 'time' : 'volume');
      return { by, sort, rows: groupBy(tagged, (t) => GROUP_KEY_OF[by](t, timeZone), formula, sort) };
    }),
    trend: groupBy(tagged.filter((t) => t.exchange.time !== null), (t) => GROUP_KEY_OF.week(t, timeZone), formula, 'time'),
    frtDistribution: frtDistribution(firstResponses(threads)),
    atRisk: atRisk(tagged, (t) => round1(healthOf(t, formula)), options.atRiskLimit ?? 100),
    topCues: countCues(tagged).slice(0, options.topCues ?? 15),
    voice: buildVoice(tagged, { top: options.topics ?? 10 }),
    diagnostics: {
      total: diagnostics.length,
      byCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => compareKeys(a, b))),
      sample: diagnostics.slice(0, options.diagnosticSample ?? 20).map(({ raw: _raw, ...d }) => d),
    },
  };
}
