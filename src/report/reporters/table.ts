// The terminal reporter: cli-table3 tables, colour only when asked, fits 80 columns.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { terminalSafe } from '../../text/sanitize.js';
import { coverage, groupTitle, formatDuration, formatPercent, formatScore, healthBar, labelShares, replyRateBasis, segments, truncate } from '../format.js';
import type { AtRiskItem, Report } from '../types.js';
import { BORDERLESS } from './table-style.js';
import { voiceTable } from './voice.js';

export interface TableOptions {
  color?: boolean;
  top?: number;
  /** Terminal columns to fit (default 80); wider terminals give group keys more room. */
  width?: number;
}

/** Columns of a group key at 80 columns, and at most on a wide terminal. */
const KEY_COLUMNS = 14;
const KEY_COLUMNS_MAX = 40;

export function tableReporter(report: Report, options: TableOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const style = { head: options.color ? ['cyan'] : [], border: [], 'padding-left': 0, 'padding-right': 2 };
  const chars = BORDERLESS;
  const tint = (score: number | null, text: string): string =>
    score === null ? text : score >= 70 ? c.green(text) : score >= 50 ? c.yellow(text) : c.red(text);
  const t = report.totals;
  const s = report.service;
  const out: string[] = [];
  const width = Math.max(80, options.width ?? 80);
  const keyColumns = Math.min(KEY_COLUMNS_MAX, KEY_COLUMNS + width - 80);

  out.push(c.bold(`Relationship health ${tint(report.health.score, formatScore(report.health.score))} / 100 ${tint(report.health.score, healthBar(report.health.score))}`));
  const covers = coverage(report);
  out.push(c.dim(truncate(`Period ${terminalSafe(covers.period)}`, width)));
  out.push(c.dim(truncate(`Inputs ${terminalSafe(covers.inputs)}`, width)));
  if (covers.config) {
    // A long path loses its start, not the file name or the hash.
    const path = [...terminalSafe(covers.config.path)];
    const room = Math.max(10, width - 'Config  ()'.length - covers.config.hash.length);
    out.push(c.dim(`Config ${path.length > room ? `…${path.slice(-(room - 1)).join('')}` : path.join('')} (${covers.config.hash})`));
  }
  out.push(c.dim(`${t.messages} messages · ${t.threads} threads · ${t.exchanges} exchanges · ${t.customers} customers`));
  out.push(c.dim(`${t.brands} brand accounts · ${t.agents} agents · ${t.recordsRead} records read, ${t.recordsRejected} rejected`));
  out.push('');

  const axes = new Table({ head: ['axis', 'value', 'labels'], style, chars });
  for (const [axis, b] of Object.entries(report.axes)) axes.push([terminalSafe(axis), tint(b.value, formatScore(b.value)), terminalSafe(labelShares(b.labels))]);
  axes.push(['rue', '', Object.entries(report.rue).map(([f, r]) => `${f} ${formatPercent(r.share)}`).join(' · ')]);
  out.push(axes.toString());

  out.push(
    `Reply rate ${c.bold(formatPercent(s.replyRate))} (${replyRateBasis(s)}) · first response median ${c.bold(formatDuration(s.firstResponse.median))}, p90 ${c.bold(formatDuration(s.firstResponse.p90))}`,
  );
  out.push('');

  const top = options.top ?? 15;
  const groupings = report.groupings.length ? report.groupings : [{ by: 'brand' as const, sort: 'volume' as const, rows: report.brands }];
  for (const g of groupings) {
    const title = terminalSafe(groupTitle(g.by));
    const rows = new Table({ head: [truncate(title, keyColumns), 'exch', 'health', '', 'E', 'P', 'I', 'C', 'reply', 'none', 'FRT', 'p90'], style: { ...style, 'padding-right': 1 }, chars });
    for (const row of g.rows.slice(0, top)) {
      const a = row.axes;
      rows.push([
        truncate(terminalSafe(row.key), keyColumns),
        row.exchanges,
        tint(row.health, formatScore(row.health)),
        tint(row.health, healthBar(row.health, 6)),
        axisCell(a.experience?.value ?? null),
        axisCell(a.permission?.value ?? null),
        axisCell(a.involvement?.value ?? null),
        axisCell(a.conversation?.value ?? null),
        formatPercent(row.service.replyRate),
        formatPercent(row.service.unansweredShare),
        formatDuration(row.service.firstResponse.median),
        formatDuration(row.service.firstResponse.p90),
      ]);
    }
    out.push(rows.toString());
    if (g.rows.length > top) out.push(c.dim(`…and ${g.rows.length - top} more (--top to show more).`));
    out.push('');
  }
  out.push(c.dim('E P I C: mean label value per axis, 0-100 (rounded); none: unanswered share;'));
  out.push(c.dim('FRT: first response time per thread, median and p90.'));
  out.push('');

  const risky = report.atRisk.items.filter((i) => i.kind === 'thread');
  if (risky.length) {
    out.push(c.bold(`At risk: ${report.atRisk.threads} threads, ${report.atRisk.customers} customers`));
    out.push(c.dim('latest exchange negative, revoked or unanswered; worst first'));
    for (const item of risky.slice(0, Math.min(top, 10))) out.push(...atRiskLines(item, c));
    if (report.atRisk.threads > Math.min(top, 10, risky.length)) out.push(c.dim(`…and ${report.atRisk.threads - Math.min(top, 10, risky.length)} more threads (-f markdown, html or json list them).`));
    out.push('');
  }

  const cues = new Table({ head: ['top cue', 'n', 'example'], style, chars });
  for (const cue of report.topCues.slice(0, 10)) cues.push([truncate(terminalSafe(cue.cue), 36), cue.count, truncate(terminalSafe(cue.example.text), 32)]);
  out.push(cues.toString());

  if (report.voice) out.push(voiceTable(report.voice, c), '');
  if (report.diagnostics.total) {
    const warnings = report.diagnostics.total - t.recordsRejected;
    out.push(c.yellow(`${t.recordsRejected} records rejected${warnings > 0 ? `, ${warnings} warning(s)` : ''}: ${terminalSafe(Object.entries(report.diagnostics.byCode).map(([code, n]) => `${code} ${n}`).join(', '))}`));
    for (const d of report.diagnostics.sample.slice(0, 3)) out.push(c.dim(`  ${terminalSafe(d.file)}:${d.line ?? '?'} ${d.code}: ${truncate(terminalSafe(d.message), 60)}`));
  }
  out.push(c.dim(wrap(report.health.formula.description, 80)));
  return `${out.join('\n')}\n`;
}

function atRiskLines(item: AtRiskItem, c: InstanceType<typeof Chalk>): string[] {
  const head = `${c.red(terminalSafe(item.reasons.join(', ')))} · thread ${terminalSafe(item.thread)}${item.account ? ` · @${terminalSafe(item.account)}` : ''}${item.time ? ` · ${item.time.slice(0, 10)}` : ''} · health ${formatScore(item.health)}`;
  // The message the evidence is in (the first with a highlight), else the customer's last word.
  const m = item.messages.find((x) => x.highlights.length) ?? item.messages[item.messages.length - 1];
  if (!m) return [truncate(head, 80)];
  // Start the quote near the first highlight so the evidence is visible within 80 columns.
  const first = m.highlights[0];
  const from = first && first.start > 40 ? first.start - 20 : 0;
  const shown = m.highlights.filter((h) => h.start >= from).map((h) => ({ start: h.start - from, end: h.end - from }));
  const text = (from ? '…' : '') + m.text.slice(from);
  const offset = from ? 1 : 0;
  const runs = segments(text, shown.map((h) => ({ start: h.start + offset, end: h.end + offset })));
  let line = '';
  let width = 0;
  for (const run of runs) {
    const safe = terminalSafe(run.text);
    const room = 74 - width;
    if (room <= 0) break;
    const piece = truncate(safe, room);
    line += run.mark ? c.bold.underline(piece) : piece;
    width += [...piece].length;
  }
  return [truncate(head, 80), `    “${line}”`];
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

/** An axis value in a group row: whole points keep four axis columns inside 80 columns (the JSON report has the decimals). */
function axisCell(value: number | null): string {
  return value === null ? '—' : String(Math.round(value));
}
