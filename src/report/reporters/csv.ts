// The CSV reporter: one row per group (every grouping) or per exchange; cells guarded against formula injection.
import { AXES, RUE_FLAGS, type TaggedExchange } from '../../model/types.js';
import { DEFAULT_FORMULA, exchangeHealth, type HealthFormula } from '../../score/health.js';
import { csvCell } from '../../text/sanitize.js';
import type { Report } from '../types.js';

/** `groups`: a row per group of every `--by` (brands when none); `exchanges`: a row per exchange. */
export type CsvRows = 'groups' | 'exchanges';

const line = (cells: (string | number | null)[]): string => `${cells.map(csvCell).join(',')}\n`;

export function csvGroupsReporter(report: Report): string {
  const groupings = report.groupings.length ? report.groupings : [{ by: 'brand', rows: report.brands }];
  let out = line(['grouping', 'key', 'messages', 'exchanges', 'scored', 'health', ...AXES, 'reply_rate', 'unanswered_share', 'frt_median_s', 'frt_p90_s', 'top_cues']);
  for (const g of groupings) {
    for (const r of g.rows) {
      out += line([
        g.by, r.key, r.messages, r.exchanges, r.scored, r.health,
        ...AXES.map((a) => r.axes[a]?.value ?? null),
        r.service.replyRate, r.service.unansweredShare, r.service.firstResponse.median, r.service.firstResponse.p90,
        r.topCues.join(' '),
      ]);
    }
  }
  return out;
}

/** Per-exchange rows; health under `formula` (the report's, so it agrees with the group rows). */
export function csvExchangesReporter(tagged: readonly TaggedExchange[], formula: HealthFormula = DEFAULT_FORMULA): string {
  let out = line(['id', 'thread', 'time', 'account', 'agent', 'customer', 'brand', ...AXES, 'health', 'response_seconds', ...RUE_FLAGS, 'cues']);
  for (const t of tagged) {
    const e = t.exchange;
    const cues = AXES.flatMap((a) => t.labels[a].evidence.map((ev) => ev.cue));
    out += line([
      e.id, e.thread, e.time === null ? null : new Date(e.time).toISOString(), e.account, e.agent, e.customer, e.brand,
      ...AXES.map((a) => t.labels[a].label),
      ((h) => (h === null ? null : Math.round(h * 10) / 10))(exchangeHealth(t.labels, e.customerTurn.length > 0, formula)),
      e.responseSeconds,
      ...RUE_FLAGS.map((f) => t.rue[f]),
      [...new Set(cues)].join(' '),
    ]);
  }
  return out;
}
