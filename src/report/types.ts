// The Report: the plain data every reporter renders. Its JSON form is `--format json`.
import type { Diagnostic } from '../model/types.js';
import type { FileSummary } from '../model/types.js';
import type { HealthFormula } from '../score/health.js';
import type { VoiceOfCustomer } from '../topics/build.js';

/** Version of the Report's JSON shape; bumped on every change to it (see README "JSON report"). */
export const SCHEMA_VERSION = 4;

/** What `--by` can group by: people and places, or calendar periods in `--tz`. */
export const GROUP_KEYS = ['brand', 'agent', 'customer', 'channel', 'thread', 'day', 'week', 'month'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

/** How grouping rows are ordered: `health` worst first, `volume` most exchanges first, `frt` slowest first, `time` chronological. */
export const SORT_KEYS = ['health', 'volume', 'frt'] as const;
export type SortKey = (typeof SORT_KEYS)[number] | 'time';

export type { AxisBreakdown, Durations, ServiceMeasures } from '../score/tally.js';
import type { AxisBreakdown, ServiceMeasures } from '../score/tally.js';

/** One row of a grouping (brand account, agent, week...). */
export interface GroupRow {
  key: string;
  messages: number;
  exchanges: number;
  /** Exchanges with a customer turn: the ones health is measured on. */
  scored: number;
  health: number | null;
  axes: Record<string, AxisBreakdown>;
  service: ServiceMeasures;
  topCues: string[];
}

/** One `--by` table: every group, sorted; reporters show the first `--top`. */
export interface Grouping {
  by: GroupKey;
  sort: SortKey;
  rows: GroupRow[];
}

/** Why a thread or customer is at risk, most severe first. */
export const AT_RISK_REASONS = ['revoked', 'negative', 'unanswered'] as const;
export type AtRiskReason = (typeof AT_RISK_REASONS)[number];

/** A customer message of an at-risk exchange, with the evidence spans to highlight in it. */
export interface QuotedMessage {
  id: string;
  text: string;
  highlights: { start: number; end: number; cue: string }[];
}

/** A thread or customer whose latest exchange is negative, revoked or unanswered. */
export interface AtRiskItem {
  kind: 'thread' | 'customer';
  /** Thread id or customer id. */
  key: string;
  account: string | null;
  thread: string;
  /** The latest exchange with a customer turn: the one that put the item on the list. */
  exchange: string;
  /** The input that exchange was read from. */
  file: string;
  /** How that exchange's roles were decided: `given` or `inferred(<reason>)`. */
  roles: { customer: string | null; brand: string | null };
  /** ISO time of that exchange, or null. */
  time: string | null;
  health: number | null;
  reasons: AtRiskReason[];
  /** The evidence behind the reasons (cue, message, quoted span). */
  evidence: { cue: string; message: string; text: string }[];
  /** The customer turn, whole, with the spans highlighted. */
  messages: QuotedMessage[];
}

/** A message of an exchange behind a drill-down, with the evidence spans to highlight in it. */
export interface DrillMessage extends QuotedMessage {
  role: 'customer' | 'brand';
}

/** One exchange behind a brand's or agent's numbers: its labels, and its messages with the evidence marked. */
export interface DrillExchange {
  id: string;
  thread: string;
  account: string | null;
  agent: string | null;
  /** ISO time of the exchange, or null. */
  time: string | null;
  health: number | null;
  reasons: AtRiskReason[];
  /** Label per axis. */
  labels: Record<string, string>;
  /** The evidence cues of its non-default labels and RUE flags. */
  cues: string[];
  /** Customer turn, then brand turn; long texts cut, at most a few messages per turn. */
  messages: DrillMessage[];
  /** Messages of the exchange left out of `messages`. */
  moreMessages: number;
}

/** The exchanges kept for one brand account or agent: the worst first, at most `perGroup`. */
export interface DrillGroup {
  by: 'brand' | 'agent';
  key: string;
  /** Every exchange of the group (what `shown` is a sample of). */
  exchanges: number;
  /** The brand account an agent answers for (the one most of its exchanges belong to); a brand's own key. */
  brand: string | null;
  /** Indexes into `DrillDown.exchanges`. */
  shown: number[];
}

/** Exchanges behind the HTML report's brand and agent rows (built only when asked for: `BuildOptions.drill`). */
export interface DrillDown {
  perGroup: number;
  groups: DrillGroup[];
  /** Each exchange once, however many groups show it. */
  exchanges: DrillExchange[];
}

/** Which exchanges the report covers and how periods are cut. */
export interface ReportScope {
  since: string | null;
  until: string | null;
  brands: string[];
  timeZone: string;
  /** `--now`, when given: the only "now" a report may contain. */
  now: string | null;
  /** Exchanges left out by since/until/brand. */
  excluded: number;
}

/** Which rapport.config.json a report was made with. */
export interface ReportConfig {
  path: string;
  sha256: string;
}

export interface CueCount {
  cue: string;
  count: number;
  /** The first place it fired, in input order. */
  example: { exchange: string; message: string; text: string };
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'rapport'; version: string };
  inputs: FileSummary[];
  /** The settings file the report was made with (its path and the SHA-256 of its bytes), or null for none. */
  config: ReportConfig | null;
  scope: ReportScope;
  totals: {
    recordsRead: number;
    recordsRejected: number;
    messages: number;
    threads: number;
    exchanges: number;
    customers: number;
    brands: number;
    agents: number;
  };
  health: {
    score: number | null;
    scored: number;
    formula: HealthFormula & { description: string };
  };
  axes: Record<string, AxisBreakdown>;
  rue: Record<string, { share: number | null; count: number }>;
  service: ServiceMeasures;
  brands: GroupRow[];
  /** One entry per `--by`, in the order given. */
  groupings: Grouping[];
  /** Health per ISO week (in `scope.timeZone`), chronological: the trend chart. */
  trend: GroupRow[];
  /** First response times per thread in buckets: the FRT distribution chart. */
  frtDistribution: { bucket: string; upTo: number | null; count: number }[];
  atRisk: { threads: number; customers: number; items: AtRiskItem[] };
  topCues: CueCount[];
  /** Voice of the customer: topics, requests, complaints, praise (absent in reports built without it). */
  voice?: VoiceOfCustomer;
  /** Sample exchanges per brand and agent for the HTML report's drill-down (absent unless asked for; never in `-f json`). */
  drill?: DrillDown;
  diagnostics: { total: number; byCode: Record<string, number>; sample: Diagnostic[] };
}
