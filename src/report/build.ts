// Build the Report from tagged exchanges: totals, health, service measures, groupings, top cues.
import { AXES, AXIS_LABELS, type Axis, RUE_FLAGS, type Diagnostic, type Message, type TaggedExchange, type Thread } from '../model/types.js';
import { CustomerNames, own } from '../text/own.js';
import type { FileSummary } from '../model/types.js';
import { DEFAULT_FORMULA, SCALE, describeFormula, exchangeHealth, healthParts, labelValue, scaled, tenths, type HealthFormula } from '../score/health.js';
import { ratio, round1 } from '../score/stats.js';
import { isClosing } from '../score/closing.js';
import { AtRiskReducer } from './at-risk.js';
import { DrillReducer, reportedEvidence } from './drill.js';
import { GROUP_KEY_OF, PERIOD_KEYS } from './group-keys.js';
import {
  SCHEMA_VERSION,
  type AxisBreakdown,
  type CueCount,
  type Durations,
  type GroupKey,
  type GroupRow,
  type Report,
  type ReportConfig,
  type ReportScope,
  type ServiceMeasures,
  type SortKey,
} from './types.js';
import { VERSION } from '../version.js';
import { VoiceReducer } from '../topics/build.js';

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
  /**
   * Sample exchanges for a drill-down (the HTML report): the `perGroup` worst of each of the first
   * `groups` brand rows and agent rows (the `--by agent` rows when there are, else the busiest agents).
   */
  drill?: { perGroup: number; groups: number };
  /** The settings file used, recorded in the report. */
  config?: ReportConfig | null;
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

/** First response times, as [seconds, how many] pairs, counted into the chart's buckets. */
export function frtDistribution(counts: Iterable<readonly [number, number]>): Report['frtDistribution'] {
  const out = FRT_BUCKETS.map((b) => ({ ...b, count: 0 }));
  for (const [s, n] of counts) out.find((b) => b.upTo === null || s < b.upTo)!.count += n;
  return out;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Durations in whole seconds, as counts per value: a few thousand distinct values stand for millions
 * of exchanges, and the median and p90 come out exactly as from the sorted list.
 */
export class Seconds {
  private counts: Map<number, number> | null = null;
  count = 0;

  add(seconds: number): void {
    this.counts ??= new Map();
    this.counts.set(seconds, (this.counts.get(seconds) ?? 0) + 1);
    this.count++;
  }

  /** Values and their counts, smallest first. */
  sorted(): [number, number][] {
    return [...(this.counts ?? [])].sort((a, b) => a[0] - b[0]);
  }

  /** Median, nearest-rank p90 and count (as score/stats.ts computes them on a list). */
  summary(): Durations {
    const n = this.count;
    if (!n) return { median: null, p90: null, count: 0 };
    const sorted = this.sorted();
    /** The value at 0-based rank r of the sorted list. */
    const at = (r: number): number => {
      let seen = 0;
      for (const [value, count] of sorted) if ((seen += count) > r) return value;
      throw new Error(`rank ${r} past ${n} durations`);
    };
    const mid = n >> 1;
    const median = n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
    return { median: round1(median), p90: at(Math.max(1, Math.ceil(0.9 * n)) - 1), count: n };
  }
}

/** First response of a thread (or a group's part of it): first customer message → first brand message after it. */
function firstResponse(messages: readonly Message[]): number | null {
  const first = messages.findIndex((m) => m.role === 'customer');
  if (first < 0) return null;
  const asked = messages[first]!.time;
  for (let i = first + 1; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role === 'brand') return m.time !== null && asked !== null ? Math.round((m.time - asked) / 1000) : null;
  }
  return null;
}

/** The labels of the four axes as one key (`AXES` order): health and axis values depend on nothing else. */
const SEP = '\u0001';
const comboOf = (t: TaggedExchange): string => AXES.map((axis) => t.labels[axis].label).join(SEP);

/** What every tally reads of an exchange, worked out once however many groupings count it. */
interface Facts {
  t: TaggedExchange;
  combo: string;
  cues: readonly string[];
  /** An unanswered thanks that closes the conversation (score/closing.ts). */
  closing: boolean;
}

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

/**
 * What a report says of a set of exchanges (all of them, or one group), added one thread at a time.
 * Counts, not exchanges: label combinations of every exchange and of the scored ones (sums over them
 * are taken at the end in key order, so the result does not depend on the order threads arrive in),
 * cue counts and response times.
 */
class Tally {
  messages = 0;
  exchanges = 0;
  scored = 0;
  answered = 0;
  /** Unanswered customer turns that needed no reply. */
  closings = 0;
  /** Label combinations of every exchange: the label counts per axis. */
  readonly all = new Map<string, number>();
  /** Label combinations of the scored exchanges: health and axis values. */
  readonly combos = new Map<string, number>();
  readonly cues = new Map<string, number>();
  readonly response = new Seconds();
  readonly firstResponse = new Seconds();

  add({ t, combo, cues, closing }: Facts): void {
    this.exchanges++;
    bump(this.all, combo);
    for (const cue of cues) bump(this.cues, cue);
    if (!t.exchange.customerTurn.length) return;
    this.scored++;
    bump(this.combos, combo);
    if (closing) this.closings++;
    if (!t.exchange.brandTurn.length) return;
    this.answered++;
    if (t.exchange.responseSeconds !== null) this.response.add(t.exchange.responseSeconds);
  }

  private sortedCombos(): [string[], number][] {
    return [...this.combos.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([key, n]) => [key.split(SEP), n]);
  }

  /** Mean health of the scored exchanges, exactly (health.ts): from label combinations, not per-exchange floats. */
  health(formula: HealthFormula): number | null {
    if (!this.scored) return null;
    let total = 0n;
    let weights = 0n;
    for (const [labels, count] of this.sortedCombos()) {
      const parts = healthParts(Object.fromEntries(AXES.map((axis, i) => [axis, { label: labels[i]! }])) as Record<Axis, { label: string }>, formula);
      total += parts.sum * BigInt(count);
      weights = parts.weights;
    }
    return weights > 0n ? tenths(100n * total, SCALE * weights * BigInt(this.scored)) : null;
  }

  axes(formula: HealthFormula): Record<string, AxisBreakdown> {
    const out: Record<string, AxisBreakdown> = {};
    const combos = this.sortedCombos();
    const perAxis = AXES.map(() => new Map<string, number>());
    for (const [key, n] of this.all) key.split(SEP).forEach((label, i) => perAxis[i]!.set(label, (perAxis[i]!.get(label) ?? 0) + n));
    AXES.forEach((axis, i) => {
      const counts = perAxis[i]!;
      // The formula's labels first (zero when unseen), then any other in the tagger's order.
      const names = [...Object.keys(formula.values[axis]), ...AXIS_LABELS[axis], ...[...counts.keys()].sort()];
      // Label names are data (a merged record's): a dictionary without a prototype, `__proto__` is just a name.
      const labels: Record<string, number> = Object.create(null) as Record<string, number>;
      for (const name of names) if (!Object.hasOwn(labels, name) && (counts.has(name) || Object.hasOwn(formula.values[axis], name))) labels[name] = counts.get(name) ?? 0;
      let sum = 0n;
      for (const [combo, count] of combos) sum += BigInt(count) * scaled(labelValue(formula, axis, combo[i]!));
      out[axis] = { value: this.scored ? tenths(100n * sum, SCALE * BigInt(this.scored)) : null, labels };
    });
    return out;
  }

  service(): ServiceMeasures {
    // Of the customer turns that needed a reply: closings (an unanswered thanks) did not.
    const needed = this.scored - this.closings;
    return {
      customerTurns: this.scored,
      answered: this.answered,
      closings: this.closings,
      replyRate: ratio(this.answered, needed),
      unansweredShare: ratio(needed - this.answered, needed),
      firstResponse: this.firstResponse.summary(),
      response: this.response.summary(),
    };
  }

  topCues(n: number): string[] {
    return [...this.cues.entries()]
      .sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]))
      .slice(0, n)
      .map(([cue]) => cue);
  }

  row(key: string, formula: HealthFormula): GroupRow {
    return {
      key,
      messages: this.messages,
      exchanges: this.exchanges,
      scored: this.scored,
      health: this.health(formula),
      axes: this.axes(formula),
      service: this.service(),
      topCues: this.topCues(3),
    };
  }
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

/** One grouping being reduced: a tally per key. */
class Groups {
  readonly tallies = new Map<string, Tally>();
  constructor(
    readonly keyOf: (t: TaggedExchange) => string | null,
    readonly sort: SortKey,
  ) {}

  /** A thread's exchanges: each group's service measures see only the messages of its own exchanges. */
  add(facts: readonly Facts[]): void {
    const parts = new Map<string, Facts[]>();
    for (const f of facts) {
      const key = this.keyOf(f.t) ?? '(none)';
      const part = parts.get(key);
      if (part) part.push(f);
      else parts.set(key, [f]);
    }
    for (const [key, part] of parts) {
      let tally = this.tallies.get(key);
      if (!tally) this.tallies.set(own(key), (tally = new Tally()));
      const messages: Message[] = [];
      for (const f of part) {
        tally.add(f);
        messages.push(...f.t.exchange.customerTurn, ...f.t.exchange.brandTurn);
      }
      tally.messages += messages.length;
      const first = firstResponse(messages);
      if (first !== null) tally.firstResponse.add(first);
    }
  }

  rows(formula: HealthFormula): GroupRow[] {
    return sortRows(
      [...this.tallies.entries()].map(([key, tally]) => tally.row(key, formula)),
      this.sort,
    );
  }
}

/**
 * The Report, reduced a thread at a time: what it keeps is counts, response times and the few
 * exchanges still in contention for quotes (at-risk items, cue examples, topics), never the exchanges.
 * `buildReport` is this over an in-memory result; the streaming pipeline feeds it as threads complete.
 */
export class ReportReducer {
  private readonly formula: HealthFormula;
  private readonly timeZone: string;
  private threadCount = 0;
  private readonly overall = new Tally();
  private readonly threadFirst = new Seconds();
  /** Customer names, shared with the at-risk and voice reducers: each stored once. */
  private readonly customers = new CustomerNames();
  private readonly brandNames = new Set<string>();
  private readonly agents = new Set<string>();
  private readonly rue = new Map<string, number>(RUE_FLAGS.map((f) => [f, 0]));
  /** Exchanges with a brand turn (with or without a customer turn): what RUE shares are of. */
  private brandAnswered = 0;
  /** Per cue: its count and first example, by (thread order, exchange). */
  private readonly cueExamples = new Map<string, { order: number; at: number; example: CueCount['example'] }>();
  private readonly brands: Groups;
  private readonly groupings: { by: GroupKey; groups: Groups }[];
  private readonly trend: Groups;
  private readonly atRisk: AtRiskReducer;
  private readonly voice: VoiceReducer;
  private readonly drill: DrillReducer | null;

  constructor(private readonly options: BuildOptions = {}) {
    const formula = (this.formula = options.formula ?? DEFAULT_FORMULA);
    const timeZone = (this.timeZone = options.timeZone ?? 'UTC');
    this.brands = new Groups((t) => t.exchange.account, options.sort ?? 'volume');
    this.groupings = (options.groupBy ?? []).map((by) => ({
      by,
      groups: new Groups((t) => GROUP_KEY_OF[by](t, timeZone), options.sort ?? (PERIOD_KEYS.has(by) ? 'time' : 'volume')),
    }));
    this.trend = new Groups((t) => GROUP_KEY_OF.week(t, timeZone), 'time');
    const healthOf = (t: TaggedExchange): number | null => round1(exchangeHealth(t.labels, t.exchange.customerTurn.length > 0, formula));
    this.atRisk = new AtRiskReducer(healthOf, options.atRiskLimit ?? 100, this.customers);
    this.drill = options.drill ? new DrillReducer(options.drill.perGroup, healthOf) : null;
    this.voice = new VoiceReducer({ top: options.topics ?? 10 }, { customers: this.customers });
  }

  /**
   * One thread and its tagged exchanges (those a filter kept; every one otherwise), with its place in
   * the input's thread order, which picks the cue examples.
   */
  addThread(thread: Thread, tagged: readonly TaggedExchange[], order: number): void {
    this.threadCount++;
    this.overall.messages += thread.messages.length;
    for (const m of thread.messages) {
      if (m.role === 'customer') this.customers.of(m.author);
      else {
        const brand = m.brand ?? m.author;
        if (!this.brandNames.has(brand)) this.brandNames.add(own(brand));
      }
      if (m.agent && !this.agents.has(m.agent)) this.agents.add(own(m.agent));
    }
    const first = firstResponse(thread.messages);
    if (first !== null) this.threadFirst.add(first);

    const facts = tagged.map((t, at): Facts => {
      const evidence = reportedEvidence(t);
      for (const e of evidence) {
        const seen = this.cueExamples.get(e.cue);
        if (!seen || order < seen.order || (order === seen.order && at < seen.at)) {
          this.cueExamples.set(own(e.cue), { order, at, example: { exchange: own(t.exchange.id), message: own(e.message), text: own(e.text) } });
        }
      }
      return { t, combo: comboOf(t), cues: evidence.map((e) => e.cue), closing: isClosing(t) };
    });
    facts.forEach((f) => {
      const t = f.t;
      this.overall.add(f);
      if (t.exchange.brandTurn.length) {
        this.brandAnswered++;
        for (const flag of RUE_FLAGS) if (t.rue[flag] === 1) this.rue.set(flag, this.rue.get(flag)! + 1);
      }
      this.voice.add(t);
      this.drill?.add(t);
    });
    this.brands.add(facts);
    for (const { groups } of this.groupings) groups.add(facts);
    this.trend.add(facts.filter((f) => f.t.exchange.time !== null));
    this.atRisk.addThread(tagged);
  }

  /** The report; call once. */
  result(input: { diagnostics: readonly Diagnostic[]; files: readonly FileSummary[]; excluded?: number }): Report {
    const { formula, timeZone, options } = this;
    const scope = options.scope ?? {};
    const { diagnostics, files } = input;
    const byCode: Record<string, number> = {};
    for (const d of diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
    const overall = this.overall;
    const rue: Report['rue'] = {};
    for (const flag of RUE_FLAGS) rue[flag] = { share: ratio(this.rue.get(flag)!, this.brandAnswered), count: this.rue.get(flag)! };
    const cueCounts = overall.cues;
    const topCues: CueCount[] = [...cueCounts.entries()]
      .sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]))
      .slice(0, options.topCues ?? 15)
      .map(([cue, count]) => ({ cue, count, example: this.cueExamples.get(cue)!.example }));
    const service = { ...overall.service(), firstResponse: this.threadFirst.summary() };
    const brands = this.brands.rows(formula);
    const groupings = this.groupings.map(({ by, groups }) => ({ by, sort: groups.sort, rows: groups.rows(formula) }));
    const drillGroups = options.drill?.groups ?? 0;
    const agentRows = groupings.find((g) => g.by === 'agent')?.rows;
    const drill = this.drill?.result(
      { brand: (groupings.find((g) => g.by === 'brand')?.rows ?? brands).slice(0, drillGroups).map((r) => r.key), agent: agentRows?.slice(0, drillGroups).map((r) => r.key) ?? null },
      drillGroups,
    );
    return {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'rapport', version: VERSION },
      inputs: files.map((f) => ({ ...f })),
      config: options.config ? { ...options.config } : null,
      scope: {
        since: scope.since ?? null,
        until: scope.until ?? null,
        brands: [...(scope.brands ?? [])],
        timeZone,
        now: scope.now ?? null,
        excluded: input.excluded ?? scope.excluded ?? 0,
      },
      totals: {
        recordsRead: files.reduce((n, f) => n + f.read, 0),
        recordsRejected: files.reduce((n, f) => n + f.rejected, 0),
        messages: overall.messages,
        threads: this.threadCount,
        exchanges: overall.exchanges,
        customers: this.customers.size,
        brands: this.brandNames.size,
        agents: this.agents.size,
      },
      health: {
        score: overall.health(formula),
        scored: overall.scored,
        formula: { ...formula, description: describeFormula(formula) },
      },
      axes: overall.axes(formula),
      rue,
      service,
      brands,
      groupings,
      trend: this.trend.rows(formula),
      frtDistribution: frtDistribution(this.threadFirst.sorted()),
      atRisk: this.atRisk.result(),
      topCues,
      voice: this.voice.result(),
      ...(drill ? { drill } : {}),
      diagnostics: {
        total: diagnostics.length,
        byCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => compareKeys(a, b))),
        sample: diagnostics.slice(0, options.diagnosticSample ?? 20).map(({ raw: _raw, ...d }) => d),
      },
    };
  }

  /** Frees what the reducer holds on disk, without a result (error paths). */
  close(): void {
    this.atRisk.close();
    this.voice.close();
    this.drill?.close();
  }
}

/** The report of an in-memory result: its threads in order, each with its tagged exchanges. */
export function buildReport(
  input: { tagged: readonly TaggedExchange[]; threads: readonly Thread[]; diagnostics: readonly Diagnostic[]; files: readonly FileSummary[] },
  options: BuildOptions = {},
): Report {
  const byThread = new Map<string, TaggedExchange[]>();
  for (const t of input.tagged) {
    const list = byThread.get(t.exchange.thread);
    if (list) list.push(t);
    else byThread.set(t.exchange.thread, [t]);
  }
  const reducer = new ReportReducer(options);
  input.threads.forEach((thread, order) => reducer.addThread(thread, byThread.get(thread.id) ?? [], order));
  return reducer.result(input);
}
