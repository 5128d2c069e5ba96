// Build the Report from tagged exchanges: totals, health, service measures, groupings, top cues.
import { RUE_FLAGS, type Diagnostic, type Message, type TaggedExchange, type Thread } from '../model/types.js';
import { CustomerNames, own } from '../text/own.js';
import type { FileSummary } from '../model/types.js';
import { DEFAULT_FORMULA, describeFormula, exchangeHealth, type HealthFormula } from '../score/health.js';
import { ratio, round1 } from '../score/stats.js';
import { isClosing } from '../score/closing.js';
import { Seconds, Tally, comboOf, compareKeys, firstResponse, type Facts } from '../score/tally.js';
import { AtRiskReducer } from './at-risk.js';
import { DrillReducer, reportedEvidence } from './drill.js';
import { GROUP_KEY_OF, PERIOD_KEYS } from './group-keys.js';
import {
  SCHEMA_VERSION,
  type CueCount,
  type GroupKey,
  type GroupRow,
  type Report,
  type ReportConfig,
  type ReportScope,
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

/** A group's row of the report: its tally under the formula. */
function rowOf(key: string, tally: Tally, formula: HealthFormula): GroupRow {
  return {
    key,
    messages: tally.messages,
    exchanges: tally.exchanges,
    scored: tally.scored,
    health: tally.health(formula),
    axes: tally.axes(formula),
    service: tally.service(),
    topCues: tally.topCues(3),
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
      [...this.tallies.entries()].map(([key, tally]) => rowOf(key, tally, formula)),
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
