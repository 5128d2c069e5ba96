// A hand-built report for reporter tests: small, with every section filled.
import type { Report } from '../../src/report/types.js';
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
  replyRate: 0.8,
  unansweredShare: 0.2,
  firstResponse: { median: 600, p90: 7200, count: 3 },
  response: { median: 300, p90: 7200, count: 4 },
};

export function sampleReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'rapport', version: '0.0.0-test' },
    inputs: [{ file: 'export.csv', source: 'twcs', read: 12, used: 11, rejected: 1 }],
    totals: { recordsRead: 12, recordsRejected: 1, messages: 11, threads: 3, exchanges: 5, customers: 3, brands: 2, agents: 1 },
    health: { score: 61.5, scored: 5, formula: { ...DEFAULT_FORMULA, description: describeFormula() } },
    axes,
    rue: { relevance: { share: 0.75, count: 3 }, utility: { share: 0.5, count: 2 }, entertainment: { share: 0.25, count: 1 } },
    service,
    brands: [
      { key: 'AcmeHelp', messages: 8, exchanges: 3, scored: 3, health: 72.25, axes, service, topCues: ['experience.effort.waiting'] },
      { key: 'Evil|Brand\u001b[31m', messages: 3, exchanges: 2, scored: 2, health: 40, axes, service, topCues: [] },
    ],
    topCues: [{ cue: 'experience.effort.waiting', count: 2, example: { exchange: '1', message: '1', text: 'on hold for 2 hours' } }],
    diagnostics: { total: 1, byCode: { 'bad-time': 1 }, sample: [{ code: 'bad-time', file: 'export.csv', line: 7, message: 'created_at "x" is not a Twitter date' }] },
  };
}
