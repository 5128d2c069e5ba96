// A hand-built report for reporter tests: small, with every section filled.
import type { DrillDown, Report } from '../../src/report/types.js';
import { DEFAULT_FORMULA, describeFormula } from '../../src/score/health.js';

const axes = {
  experience: { value: 48, labels: { positive: 1, neutral: 2, negative: 2 } },
  permission: { value: 80, labels: { granted: 1, neutral: 4, revoked: 0 } },
  involvement: { value: 70, labels: { high: 0, medium: 4, low: 1 } },
  conversation: { value: 61, labels: { 'two-way': 3, 'one-way': 1, none: 1 } },
};
const service = {
  customerTurns: 5,
  answered: 4,
  closings: 0,
  replyRate: 0.8,
  unansweredShare: 0.2,
  firstResponse: { median: 600, p90: 7200, count: 3 },
  response: { median: 300, p90: 7200, count: 4 },
};

export function sampleReport(): Report {
  return {
    schemaVersion: 3,
    tool: { name: 'rapport', version: '0.0.0-test' },
    inputs: [{ file: 'export.csv', source: 'twcs', read: 12, used: 11, rejected: 1 }],
    config: null,
    scope: { since: '2017-10-01T00:00:00.000Z', until: null, brands: [], timeZone: 'UTC', now: null, excluded: 2 },
    totals: { recordsRead: 12, recordsRejected: 1, messages: 11, threads: 3, exchanges: 5, customers: 3, brands: 2, agents: 1 },
    health: { score: 61.5, scored: 5, formula: { ...DEFAULT_FORMULA, description: describeFormula() } },
    axes,
    rue: { relevance: { share: 0.75, count: 3 }, utility: { share: 0.5, count: 2 }, entertainment: { share: 0.25, count: 1 } },
    service,
    brands: [
      { key: 'AcmeHelp', messages: 8, exchanges: 3, scored: 3, health: 72.25, axes, service, topCues: ['experience.effort.waiting'] },
      { key: 'Evil|Brand\u001b[31m', messages: 3, exchanges: 2, scored: 2, health: 40, axes, service, topCues: [] },
    ],
    groupings: [
      {
        by: 'week',
        sort: 'time',
        rows: [
          { key: '2017-W43', messages: 4, exchanges: 2, scored: 2, health: 55, axes, service, topCues: [] },
          { key: '2017-W44', messages: 7, exchanges: 3, scored: 3, health: 66, axes, service, topCues: ['experience.effort.waiting'] },
        ],
      },
      {
        by: 'agent',
        sort: 'volume',
        rows: [
          { key: '(none)', messages: 8, exchanges: 4, scored: 4, health: 58, axes, service, topCues: [] },
          { key: '=HYPERLINK("x")', messages: 3, exchanges: 1, scored: 1, health: 90, axes, service, topCues: [] },
        ],
      },
    ],
    trend: [
      { key: '2017-W43', messages: 4, exchanges: 2, scored: 2, health: 55, axes, service, topCues: [] },
      { key: '2017-W44', messages: 7, exchanges: 3, scored: 3, health: 66, axes, service, topCues: [] },
    ],
    frtDistribution: [
      { bucket: '< 5m', upTo: 300, count: 1 },
      { bucket: '5–15m', upTo: 900, count: 1 },
      { bucket: '15m–1h', upTo: 3600, count: 0 },
      { bucket: '1–4h', upTo: 14400, count: 1 },
      { bucket: '4–24h', upTo: 86400, count: 0 },
      { bucket: '> 1d', upTo: null, count: 0 },
    ],
    atRisk: {
      threads: 2,
      customers: 1,
      items: [
        {
          kind: 'thread',
          key: '100',
          account: 'AcmeHelp',
          thread: '100',
          exchange: '101',
          file: 'sample.csv',
          roles: { customer: 'given', brand: 'given' },
          time: '2017-10-31T10:00:00.000Z',
          health: 12,
          reasons: ['revoked', 'negative'],
          evidence: [
            { cue: 'permission.revoked.stop', message: '101', text: 'stop emailing me' },
            { cue: 'experience.complaint', message: '101', text: 'sick of' },
          ],
          messages: [{ id: '101', text: 'I am sick of this <script>alert(1)</script>, stop emailing me', highlights: [{ start: 5, end: 12, cue: 'experience.complaint' }, { start: 45, end: 61, cue: 'permission.revoked.stop' }] }],
        },
        {
          kind: 'thread',
          key: '200',
          account: 'Evil|Brand',
          thread: '200',
          exchange: '200',
          file: 'sample.csv',
          roles: { customer: 'given', brand: 'given' },
          time: '2017-10-30T09:00:00.000Z',
          health: 36,
          reasons: ['unanswered'],
          evidence: [],
          messages: [{ id: '200', text: 'hello? anyone there', highlights: [] }],
        },
        {
          kind: 'customer',
          key: 'cust_7',
          account: 'AcmeHelp',
          thread: '100',
          exchange: '101',
          file: 'sample.csv',
          roles: { customer: 'given', brand: 'given' },
          time: '2017-10-31T10:00:00.000Z',
          health: 12,
          reasons: ['revoked', 'negative'],
          evidence: [{ cue: 'permission.revoked.stop', message: '101', text: 'stop emailing me' }],
          messages: [{ id: '101', text: 'I am sick of this <script>alert(1)</script>, stop emailing me', highlights: [{ start: 45, end: 61, cue: 'permission.revoked.stop' }] }],
        },
      ],
    },
    topCues: [{ cue: 'experience.effort.waiting', count: 2, example: { exchange: '1', message: '1', text: 'on hold for 2 hours' } }],
    diagnostics: { total: 1, byCode: { 'bad-time': 1 }, sample: [{ code: 'bad-time', file: 'export.csv', line: 7, message: 'created_at "x" is not a Twitter date' }] },
  };
}

/** Drill-down samples for the sample report: a brand and an agent row, one exchange with hostile text. */
export function sampleDrill(): DrillDown {
  const hostile = 'I am sick of this </script><script>alert(1)</script> <img src=x onerror=alert(2)>, stop emailing me';
  const start = hostile.indexOf('stop emailing me');
  return {
    perGroup: 10,
    groups: [
      { by: 'brand', key: 'AcmeHelp', exchanges: 3, brand: 'AcmeHelp', shown: [0, 1] },
      { by: 'brand', key: 'Evil|Brand\u001b[31m', exchanges: 2, brand: 'Evil|Brand\u001b[31m', shown: [2] },
      { by: 'agent', key: '=HYPERLINK("x")', exchanges: 1, brand: 'AcmeHelp', shown: [0] },
    ],
    exchanges: [
      {
        id: '101',
        thread: '100',
        account: 'AcmeHelp',
        agent: '=HYPERLINK("x")',
        time: '2017-10-31T10:00:00.000Z',
        health: 12,
        reasons: ['revoked', 'negative'],
        labels: { experience: 'negative', permission: 'revoked', involvement: 'medium', conversation: 'two-way' },
        cues: ['experience.complaint', 'permission.revoked.stop'],
        messages: [
          { id: '101', role: 'customer', text: hostile, highlights: [{ start: 5, end: 12, cue: 'experience.complaint' }, { start, end: start + 16, cue: 'permission.revoked.stop' }] },
          { id: '102', role: 'brand', text: 'Sorry to hear that, we will stop.', highlights: [] },
        ],
        moreMessages: 0,
      },
      {
        id: '105',
        thread: '104',
        account: 'AcmeHelp',
        agent: null,
        time: '2017-10-30T08:00:00.000Z',
        health: 80,
        reasons: [],
        labels: { experience: 'positive', permission: 'neutral', involvement: 'medium', conversation: 'two-way' },
        cues: [],
        messages: [{ id: '105', role: 'customer', text: 'thanks, all good', highlights: [] }],
        moreMessages: 2,
      },
      {
        id: '200',
        thread: '200',
        account: 'Evil|Brand\u001b[31m',
        agent: null,
        time: null,
        health: 36,
        reasons: ['unanswered'],
        labels: { experience: 'neutral', permission: 'neutral', involvement: 'low', conversation: 'none' },
        cues: [],
        messages: [{ id: '200', role: 'customer', text: 'hello? anyone there', highlights: [] }],
        moreMessages: 0,
      },
    ],
  };
}
