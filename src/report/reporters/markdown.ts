// The Markdown reporter: GitHub-flavored, for PR comments and $GITHUB_STEP_SUMMARY.
import { terminalSafe } from '../../text/sanitize.js';
import type { AtRiskItem, GroupRow, Report } from '../types.js';
import { coverage, groupTitle, formatDuration, formatPercent, formatScore, labelShares, replyRateBasis, segments } from '../format.js';
import { mdCode, mdText } from './markdown-text.js';
import { voiceMarkdown } from './voice.js';

export { mdCode, mdText };

export interface MarkdownOptions {
  /** Rows in the per-brand table. */
  top?: number;
}

/** Like mdText, but keeps edge spaces: for runs of a message around highlights. */
function mdRun(text: string): string {
  return terminalSafe(text).replace(/[\\`*_{}[\]<>|#!~]/g, (c) => `\\${c}`).replace(/@(?=\w)/g, '@\u200b').replace(/\s+/g, ' ');
}

function groupTable(title: string, rows: GroupRow[], top: number): string[] {
  const lines = [
    `| ${title} | exchanges | health | experience | permission | involvement | conversation | reply rate | none | FRT median | FRT p90 | messages | top cues |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows.slice(0, top)) {
    const a = row.axes;
    lines.push(
      `| ${mdText(row.key)} | ${row.exchanges} | ${formatScore(row.health)} | ${formatScore(a.experience?.value ?? null)} | ${formatScore(a.permission?.value ?? null)} | ${formatScore(a.involvement?.value ?? null)} | ${formatScore(a.conversation?.value ?? null)} | ${formatPercent(row.service.replyRate)} | ${formatPercent(row.service.unansweredShare)} | ${formatDuration(row.service.firstResponse.median)} | ${formatDuration(row.service.firstResponse.p90)} | ${row.messages} | ${row.topCues.map(mdCode).join(' ')} |`,
    );
  }
  if (rows.length > top) lines.push('', `…and ${rows.length - top} more (--top to show more).`);
  return lines;
}

function atRiskLine(item: AtRiskItem): string[] {
  const where = `${mdText(item.kind)} ${mdText(item.key)}${item.account ? ` · account ${mdText(item.account)}` : ''}${item.time ? ` · ${item.time.slice(0, 16).replace('T', ' ')}` : ''}`;
  // One quote paragraph per message (an empty `>` line between them keeps GitHub from joining them).
  const quotes = item.messages.flatMap((m, i) => [
    ...(i ? ['  >'] : []),
    `  > ${segments(m.text, m.highlights).map((s) => (s.mark ? `**${mdRun(s.text)}**` : mdRun(s.text))).join('').trim()}`,
  ]);
  const cues = [...new Set(item.evidence.map((e) => e.cue))].map(mdCode).join(' ');
  return [`- **${mdText(item.reasons.join(', '))}** — ${where} · health ${formatScore(item.health)}${cues ? ` · ${cues}` : ''}`, ...quotes];
}

export function markdownReporter(report: Report, options: MarkdownOptions = {}): string {
  const t = report.totals;
  const s = report.service;
  const lines: string[] = [];
  const covers = coverage(report);
  lines.push('# rapport — relationship health', '', `**Period** ${mdText(covers.period)} · **inputs** ${mdText(covers.inputs)}${covers.config ? ` · **config** ${mdText(covers.config.path)} (${covers.config.hash})` : ''}`, '');
  lines.push(`**Health ${formatScore(report.health.score)} / 100** over ${report.health.scored} exchanges with a customer turn.`, '');
  lines.push('| messages | threads | exchanges | customers | brand accounts | agents | records read | rejected |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  lines.push(`| ${t.messages} | ${t.threads} | ${t.exchanges} | ${t.customers} | ${t.brands} | ${t.agents} | ${t.recordsRead} | ${t.recordsRejected} |`, '');
  lines.push('## EPIC axes', '', '| axis | value | labels |', '|---|---:|---|');
  for (const [axis, b] of Object.entries(report.axes)) lines.push(`| ${mdText(axis)} | ${formatScore(b.value)} | ${mdText(labelShares(b.labels))} |`);
  lines.push('', `RUE (share of brand replies): ${Object.entries(report.rue).map(([f, r]) => `${f} ${formatPercent(r.share)}`).join(' · ')}`, '');
  lines.push('## Service', '');
  lines.push(`Reply rate ${formatPercent(s.replyRate)} (${replyRateBasis(s)}) · unanswered ${formatPercent(s.unansweredShare)} · first response median ${formatDuration(s.firstResponse.median)}, p90 ${formatDuration(s.firstResponse.p90)} (${s.firstResponse.count} threads) · response time median ${formatDuration(s.response.median)}, p90 ${formatDuration(s.response.p90)}`, '');
  const top = options.top ?? 20;
  const groupings = report.groupings.length ? report.groupings : [{ by: 'brand' as const, sort: 'volume' as const, rows: report.brands }];
  for (const g of groupings) {
    const title = mdText(groupTitle(g.by));
    lines.push(`## By ${title}`, '', ...groupTable(title, g.rows, top), '');
  }
  lines.push('## At risk', '');
  const risky = report.atRisk.items;
  if (!risky.length) lines.push('No thread or customer whose latest exchange is negative, revoked or unanswered.', '');
  else {
    lines.push(`${report.atRisk.threads} threads and ${report.atRisk.customers} customers whose latest exchange is negative, revoked or unanswered; worst first.`, '');
    for (const kind of ['thread', 'customer'] as const) {
      const items = risky.filter((i) => i.kind === kind);
      const total = kind === 'thread' ? report.atRisk.threads : report.atRisk.customers;
      if (!items.length) continue;
      lines.push(`### ${kind === 'thread' ? 'Threads' : 'Customers'}`, '');
      for (const item of items.slice(0, top)) lines.push(...atRiskLine(item));
      if (total > Math.min(top, items.length)) lines.push('', `…and ${total - Math.min(top, items.length)} more (--top to show more; all in the JSON report up to its limit).`);
      lines.push('');
    }
  }
  lines.push('', '## Top evidence cues', '', '| cue | count | example |', '|---|---:|---|');
  for (const c of report.topCues) lines.push(`| ${mdCode(c.cue)} | ${c.count} | “${mdText(c.example.text)}” (${mdText(c.example.message)}) |`);
  if (report.voice) lines.push('', voiceMarkdown(report.voice));
  lines.push('', '## Inputs', '', '| file | source | read | used | rejected |', '|---|---|---:|---:|---:|');
  for (const f of report.inputs) lines.push(`| ${mdText(f.file)} | ${mdText(f.source)} | ${f.read} | ${f.used} | ${f.rejected} |`);
  if (report.diagnostics.total) {
    const warnings = report.diagnostics.total - t.recordsRejected;
    lines.push('', `**${t.recordsRejected} records rejected**${warnings > 0 ? `, ${warnings} warning(s)` : ''}: ${mdText(Object.entries(report.diagnostics.byCode).map(([c, n]) => `${c} ${n}`).join(', '))}`);
    for (const d of report.diagnostics.sample.slice(0, 5)) lines.push(`- ${mdText(d.file)}:${d.line ?? '?'} ${mdText(d.code)}: ${mdText(d.message)}`);
  }
  lines.push('', '## Health formula', '', '| axis | weight | label values |', '|---|---:|---|');
  const f = report.health.formula;
  for (const [axis, w] of Object.entries(f.weights)) {
    lines.push(`| ${axis} | ${w} | ${Object.entries(f.values[axis as keyof typeof f.values] ?? {}).map(([l, v]) => `${l} ${v}`).join(', ')} |`);
  }
  const scope = report.scope;
  const scopeText = [
    scope.since ? `since ${scope.since}` : '',
    scope.until ? `until ${scope.until}` : '',
    scope.brands.length ? `brands ${scope.brands.map(mdText).join(', ')}` : '',
    scope.excluded ? `${scope.excluded} exchanges outside the scope left out` : '',
    `periods in ${mdText(scope.timeZone)}`,
    scope.now ? `as of ${scope.now}` : '',
  ].filter(Boolean);
  lines.push('', `<sub>${mdText(report.health.formula.description)} · ${scopeText.join(' · ')} · rapport ${report.tool.version}</sub>`, '');
  return lines.join('\n');
}
