// The terminal reporter: cli-table3 tables, colour only when asked, fits 80 columns.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { terminalSafe } from '../../text/sanitize.js';
import { formatDuration, formatPercent, formatScore, healthBar, labelShares, truncate } from '../format.js';
import type { Report } from '../types.js';

/** No box lines: rows stay one line each, so the report fits 80 columns. */
const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};

export interface TableOptions {
  color?: boolean;
  top?: number;
}

export function tableReporter(report: Report, options: TableOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const style = { head: options.color ? ['cyan'] : [], border: [], 'padding-left': 0, 'padding-right': 2 };
  const chars = BORDERLESS;
  const tint = (score: number | null, text: string): string =>
    score === null ? text : score >= 70 ? c.green(text) : score >= 50 ? c.yellow(text) : c.red(text);
  const t = report.totals;
  const s = report.service;
  const out: string[] = [];

  out.push(c.bold(`Relationship health ${tint(report.health.score, formatScore(report.health.score))} / 100 ${tint(report.health.score, healthBar(report.health.score))}`));
  out.push(c.dim(`${t.messages} messages · ${t.threads} threads · ${t.exchanges} exchanges · ${t.customers} customers`));
  out.push(c.dim(`${t.brands} brand accounts · ${t.agents} agents · ${t.recordsRead} records read, ${t.recordsRejected} rejected`));
  out.push('');

  const axes = new Table({ head: ['axis', 'value', 'labels'], style, chars });
  for (const [axis, b] of Object.entries(report.axes)) axes.push([axis, tint(b.value, formatScore(b.value)), labelShares(b.labels)]);
  axes.push(['rue', '', Object.entries(report.rue).map(([f, r]) => `${f} ${formatPercent(r.share)}`).join(' · ')]);
  out.push(axes.toString());

  out.push(
    `Reply rate ${c.bold(formatPercent(s.replyRate))} (${s.answered}/${s.customerTurns}) · first response median ${c.bold(formatDuration(s.firstResponse.median))}, p90 ${c.bold(formatDuration(s.firstResponse.p90))}`,
  );
  out.push('');

  const top = options.top ?? 15;
  const brands = new Table({ head: ['account', 'exch', 'health', '', 'E', 'P', 'I', 'C', 'reply', 'FRT'], style: { ...style, 'padding-right': 1 }, chars });
  for (const row of report.brands.slice(0, top)) {
    const a = row.axes;
    brands.push([
      truncate(terminalSafe(row.key), 16),
      row.exchanges,
      tint(row.health, formatScore(row.health)),
      tint(row.health, healthBar(row.health, 8)),
      formatScore(a.experience?.value ?? null),
      formatScore(a.permission?.value ?? null),
      formatScore(a.involvement?.value ?? null),
      formatScore(a.conversation?.value ?? null),
      formatPercent(row.service.replyRate),
      formatDuration(row.service.firstResponse.median),
    ]);
  }
  out.push(brands.toString());
  if (report.brands.length > top) out.push(c.dim(`…and ${report.brands.length - top} more accounts (--top to show more).`));
  out.push(c.dim('E P I C: mean label value per axis, 0-100; FRT: first response time, median.'));
  out.push('');

  const cues = new Table({ head: ['top cue', 'n', 'example'], style, chars });
  for (const cue of report.topCues.slice(0, 10)) cues.push([truncate(cue.cue, 36), cue.count, truncate(terminalSafe(cue.example.text), 32)]);
  out.push(cues.toString());

  if (report.diagnostics.total) {
    const warnings = report.diagnostics.total - t.recordsRejected;
    out.push(c.yellow(`${t.recordsRejected} records rejected${warnings > 0 ? `, ${warnings} warning(s)` : ''}: ${Object.entries(report.diagnostics.byCode).map(([code, n]) => `${code} ${n}`).join(', ')}`));
    for (const d of report.diagnostics.sample.slice(0, 3)) out.push(c.dim(`  ${terminalSafe(d.file)}:${d.line ?? '?'} ${d.code}: ${truncate(terminalSafe(d.message), 60)}`));
  }
  out.push(c.dim(wrap(report.health.formula.description, 80)));
  return `${out.join('\n')}\n`;
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
