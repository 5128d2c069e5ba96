// The Markdown reporter: GitHub-flavored, for PR comments and $GITHUB_STEP_SUMMARY.
import { terminalSafe } from '../../text/sanitize.js';
import type { Report } from '../types.js';
import { formatDuration, formatPercent, formatScore, labelShares } from '../format.js';

export interface MarkdownOptions {
  /** Rows in the per-brand table. */
  top?: number;
}

/** Escape text from the data so it cannot break the table or inject markup. */
export function mdText(text: string): string {
  return terminalSafe(text)
    .replace(/[\\`*_{}[\]<>|#!]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim();
}

export function markdownReporter(report: Report, options: MarkdownOptions = {}): string {
  const t = report.totals;
  const s = report.service;
  const lines: string[] = [];
  lines.push('# rapport — relationship health', '');
  lines.push(`**Health ${formatScore(report.health.score)} / 100** over ${report.health.scored} exchanges with a customer turn.`, '');
  lines.push('| messages | threads | exchanges | customers | brand accounts | agents | records read | rejected |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  lines.push(`| ${t.messages} | ${t.threads} | ${t.exchanges} | ${t.customers} | ${t.brands} | ${t.agents} | ${t.recordsRead} | ${t.recordsRejected} |`, '');
  lines.push('## EPIC axes', '', '| axis | value | labels |', '|---|---:|---|');
  for (const [axis, b] of Object.entries(report.axes)) lines.push(`| ${axis} | ${formatScore(b.value)} | ${labelShares(b.labels)} |`);
  lines.push('', `RUE (share of brand replies): ${Object.entries(report.rue).map(([f, r]) => `${f} ${formatPercent(r.share)}`).join(' · ')}`, '');
  lines.push('## Service', '');
  lines.push(`Reply rate ${formatPercent(s.replyRate)} (${s.answered}/${s.customerTurns}) · unanswered ${formatPercent(s.unansweredShare)} · first response median ${formatDuration(s.firstResponse.median)}, p90 ${formatDuration(s.firstResponse.p90)} (${s.firstResponse.count} threads) · response time median ${formatDuration(s.response.median)}, p90 ${formatDuration(s.response.p90)}`, '');
  const top = options.top ?? 20;
  lines.push('## Brand accounts', '');
  lines.push('| account | exchanges | health | experience | permission | involvement | conversation | reply rate | FRT median | FRT p90 |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of report.brands.slice(0, top)) {
    const a = row.axes;
    lines.push(
      `| ${mdText(row.key)} | ${row.exchanges} | ${formatScore(row.health)} | ${formatScore(a.experience?.value ?? null)} | ${formatScore(a.permission?.value ?? null)} | ${formatScore(a.involvement?.value ?? null)} | ${formatScore(a.conversation?.value ?? null)} | ${formatPercent(row.service.replyRate)} | ${formatDuration(row.service.firstResponse.median)} | ${formatDuration(row.service.firstResponse.p90)} |`,
    );
  }
  if (report.brands.length > top) lines.push('', `…and ${report.brands.length - top} more accounts.`);
  lines.push('', '## Top evidence cues', '', '| cue | count | example |', '|---|---:|---|');
  for (const c of report.topCues) lines.push(`| \`${c.cue}\` | ${c.count} | “${mdText(c.example.text)}” (${mdText(c.example.message)}) |`);
  lines.push('', '## Inputs', '', '| file | source | read | used | rejected |', '|---|---|---:|---:|---:|');
  for (const f of report.inputs) lines.push(`| ${mdText(f.file)} | ${f.source} | ${f.read} | ${f.used} | ${f.rejected} |`);
  if (report.diagnostics.total) {
    const warnings = report.diagnostics.total - t.recordsRejected;
    lines.push('', `**${t.recordsRejected} records rejected**${warnings > 0 ? `, ${warnings} warning(s)` : ''}: ${Object.entries(report.diagnostics.byCode).map(([c, n]) => `${c} ${n}`).join(', ')}`);
    for (const d of report.diagnostics.sample.slice(0, 5)) lines.push(`- ${mdText(d.file)}:${d.line ?? '?'} ${d.code}: ${mdText(d.message)}`);
  }
  lines.push('', `<sub>${mdText(report.health.formula.description)} · rapport ${report.tool.version}</sub>`, '');
  return lines.join('\n');
}
