// The Report: the plain data every reporter renders. Its JSON form is `--format json`.
import type { Diagnostic } from '../model/types.js';
import type { FileSummary } from '../pipeline.js';
import type { HealthFormula } from '../score/health.js';
import type { VoiceOfCustomer } from '../topics/build.js';

export const SCHEMA_VERSION = 1;

/** Label counts and the mean label value (0-100) on one axis. */
export interface AxisBreakdown {
  /** Mean value of this axis's labels under the health formula, 0-100. */
  value: number | null;
  labels: Record<string, number>;
}

/** Seconds; null when there was nothing to measure. */
export interface Durations {
  median: number | null;
  p90: number | null;
  count: number;
}

export interface ServiceMeasures {
  /** Exchanges with a customer turn. */
  customerTurns: number;
  answered: number;
  /** Share of customer turns the brand answered, 0-1. */
  replyRate: number | null;
  /** Share of exchanges with a customer turn and no brand reply (`conversation: none`), 0-1. */
  unansweredShare: number | null;
  /** First response time per thread: first customer message to the first brand message after it. */
  firstResponse: Durations;
  /** Response time per answered exchange (EPIC.md): last customer message to first brand message. */
  response: Durations;
}

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
  topCues: CueCount[];
  /** Voice of the customer: topics, requests, complaints, praise (absent in reports built without it). */
  voice?: VoiceOfCustomer;
  diagnostics: { total: number; byCode: Record<string, number>; sample: Diagnostic[] };
}
