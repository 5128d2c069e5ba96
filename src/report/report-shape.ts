// The shape of a JSON report as rapport writes it (types.ts), for checking a report file before it is read.
import { AXES, AXIS_LABELS, RUE_FLAGS } from '../model/types.js';
import { SOURCE_KINDS } from '../sources/index.js';
import { AT_RISK_REASONS, GROUP_KEYS, SCHEMA_VERSION } from './types.js';
import type { Shape } from './shape.js';

/** The report schemas this version reads: 1 (no scope, groupings, trend or at-risk list) up to its own. */
export const READABLE_SCHEMAS: readonly number[] = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);

const count: Shape = 'number';
const maybe: Shape = { nullable: 'number' };
const text: Shape = 'string';
const durations: Shape = { fields: { median: maybe, p90: maybe, count } };
const service: Shape = { fields: { customerTurns: count, answered: count, closings: { optional: count }, replyRate: maybe, unansweredShare: maybe, firstResponse: durations, response: durations } };
const axis: Shape = { fields: { value: maybe, labels: { dict: count } } };
const row: Shape = { fields: { key: text, messages: count, exchanges: count, scored: count, health: maybe, axes: { dict: axis }, service, topCues: { list: text } } };
const quote: Shape = { fields: { exchange: text, message: text, text } };
const voiceItem: Shape = { fields: { topic: text, exchanges: count, cues: { list: { fields: { cue: text, count } } }, quotes: { list: quote } } };

export const REPORT_SHAPE: Shape = {
  fields: {
    schemaVersion: 'number',
    tool: { fields: { name: text, version: text } },
    inputs: { list: { fields: { file: text, source: { oneOf: SOURCE_KINDS }, read: count, used: count, rejected: count } } },
    config: { optional: { nullable: { fields: { path: text, sha256: text } } } },
    scope: {
      optional: { fields: { since: { nullable: text }, until: { nullable: text }, brands: { list: text }, timeZone: text, now: { nullable: text }, excluded: count } },
    },
    totals: { fields: Object.fromEntries(['recordsRead', 'recordsRejected', 'messages', 'threads', 'exchanges', 'customers', 'brands', 'agents'].map((k) => [k, count])) },
    health: { fields: { score: maybe, scored: count, formula: { fields: { weights: { dict: count }, values: { dict: { dict: count } }, description: text } } } },
    axes: { dict: axis },
    rue: { dict: { fields: { share: maybe, count } } },
    service,
    brands: { optional: { list: row } },
    groupings: { optional: { list: { fields: { by: { oneOf: GROUP_KEYS }, sort: text, rows: { list: row } } } } },
    trend: { optional: { list: row } },
    frtDistribution: { optional: { list: { fields: { bucket: text, upTo: maybe, count } } } },
    atRisk: {
      optional: {
        fields: {
          threads: count,
          customers: count,
          items: {
            list: {
              fields: {
                kind: { oneOf: ['thread', 'customer'] },
                key: text,
                account: { nullable: text },
                thread: text,
                exchange: text,
                time: { nullable: text },
                health: maybe,
                reasons: { list: { oneOf: AT_RISK_REASONS } },
                evidence: { list: { fields: { cue: text, message: text, text } } },
                messages: { list: { fields: { id: text, text, highlights: { list: { fields: { start: count, end: count, cue: text } } } } } },
              },
            },
          },
        },
      },
    },
    topCues: { list: { fields: { cue: text, count, example: quote } } },
    voice: {
      optional: {
        fields: {
          exchanges: count,
          topics: {
            list: {
              fields: {
                term: text,
                exchanges: count,
                customers: count,
                negativeShare: maybe,
                replyRate: maybe,
                responseMedian: maybe,
                related: { list: text },
                weeks: { list: { fields: { week: text, exchanges: count } } },
                quotes: { list: quote },
              },
            },
          },
          requests: { list: voiceItem },
          complaints: { list: voiceItem },
          praise: { list: voiceItem },
        },
      },
    },
    diagnostics: { fields: { total: count, byCode: { dict: count }, sample: { list: 'any' } } },
  },
};

const evidence: Shape = { list: { fields: { cue: text, message: text, start: count, end: count, text } } };
const turn: Shape = {
  list: { fields: { author: text, brand: { nullable: text }, agent: { nullable: text }, time: maybe, channel: { nullable: text }, text } },
};

/** One line of `rapport tag` (exchange-json.ts), as `rapport report` reads it back: labels must be the axes' own. */
export const EXCHANGE_RECORD_SHAPE: Shape = {
  fields: {
    id: text,
    thread: text,
    source: { oneOf: SOURCE_KINDS },
    customer: { nullable: text },
    brand: { nullable: text },
    labels: {
      fields: Object.fromEntries(
        AXES.map((a) => [a, { fields: { label: { oneOf: AXIS_LABELS[a] }, score: count, probabilities: { optional: { dict: count } }, evidence } }]),
      ),
    },
    rue: { fields: Object.fromEntries(RUE_FLAGS.map((f) => [f, 'number'])) },
    responseSeconds: maybe,
    extra: {
      fields: {
        account: { nullable: text },
        agent: { nullable: text },
        time: { nullable: text },
        health: maybe,
        messages: { fields: { customer: { list: text }, brand: { list: text } } },
        rueEvidence: { fields: Object.fromEntries(RUE_FLAGS.map((f) => [f, evidence])) },
        terms: { optional: { list: text } },
        turns: { fields: { customer: turn, brand: turn } },
      },
    },
  },
};
