// Reporters for `rapport diff`: the change per group and axis with arrows, as a terminal table or Markdown.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { AXES } from '../../model/types.js';
import { terminalSafe } from '../../text/sanitize.js';
import { LISTED_TOPICS, type Change, type GroupChange, type ReportDiff, type TopicChange } from '../diff.js';
import { groupTitle, formatDuration, formatPercent, formatScore, truncate } from '../format.js';
import type { AtRiskItem } from '../types.js';
import { mdText } from './markdown.js';
import { BORDERLESS } from './table-style.js';

export interface DiffOptions {
  color?: boolean;
  /** Rows per grouping and items per at-risk list. */
  top?: number;
}

/** ↑ up, ↓ down, → unchanged (within 0.05); `higherIsBetter` decides the colour, not the arrow. */
export function arrow(c: Change): '↑' | '↓' | '→' | '' {
  if (c.delta === null) return '';
  return c.delta > 0.05 ? '↑' : c.delta < -0.05 ? '↓' : '→';
}

const NOT_COMPARABLE = 'A schema 1 report has no at-risk list: new and resolved items are not compared.';

/** The at-risk lists of a diff, titled. */
function riskLists(diff: ReportDiff): [string, AtRiskItem[]][] {
  return [
    ['New at risk', diff.atRisk.new],
    ['Resolved', diff.atRisk.resolved],
    ['No longer listed (out of the later scope or below its cut)', diff.atRisk.unlisted],
  ];
}

/** `58.7 → 61.2 ↑2.5` for scores. */
export function scoreChange(c: Change): string {
  if (c.before === null && c.after === null) return '—';
  const d = c.delta === null ? '' : arrow(c) === '→' ? ' →' : ` ${arrow(c)}${Math.abs(c.delta).toFixed(1)}`;
  return `${formatScore(c.before)} → ${formatScore(c.after)}${d}`;
}

function shareChange(c: Change): string {
  const d = c.delta === null ? '' : ` ${c.delta > 0.0005 ? '↑' : c.delta < -0.0005 ? '↓' : '→'}${Math.abs(c.delta * 100).toFixed(1)} pts`;
  return `${formatPercent(c.before, 1)} → ${formatPercent(c.after, 1)}${d}`;
}

function durationChange(c: Change): string {
  return `${formatDuration(c.before)} → ${formatDuration(c.after)}`;
}

const STATUS: Record<GroupChange['status'], string> = { both: '', new: ' (new)', gone: ' (gone)' };

function itemLine(i: AtRiskItem): string {
  const quote = i.evidence[0]?.text ?? i.messages[i.messages.length - 1]?.text ?? '';
  return `${i.reasons.join(', ')} · ${i.kind} ${i.key}${i.account ? ` · ${i.account}` : ''}${quote ? ` · “${quote}”` : ''}`;
}

export function diffMarkdown(diff: ReportDiff, options: DiffOptions = {}): string {
  const top = options.top ?? 20;
  const lines: string[] = ['# rapport — week over week', ''];
  lines.push(`**Health ${scoreChange(diff.health)}** · reply rate ${shareChange(diff.replyRate)} · unanswered ${shareChange(diff.unansweredShare)} · FRT median ${durationChange(diff.frtMedian)}`, '');
  lines.push('| axis | before → after |', '|---|---|');
  for (const axis of AXES) lines.push(`| ${axis} | ${scoreChange(diff.axes[axis])} |`);
  for (const g of diff.groupings) {
    const title = mdText(groupTitle(g.by));
    lines.push('', `## By ${title}`, '', `| ${title} | exchanges | health | ${AXES.join(' | ')} |`, `|---|---:|---|${AXES.map(() => '---').join('|')}|`);
    for (const r of g.rows.slice(0, top)) {
      lines.push(`| ${mdText(r.key)}${STATUS[r.status]} | ${r.exchanges.before ?? 0} → ${r.exchanges.after ?? 0} | ${scoreChange(r.health)} | ${AXES.map((a) => scoreChange(r.axes[a])).join(' | ')} |`);
    }
    if (g.rows.length > top) lines.push('', `…and ${g.rows.length - top} more.`);
  }
  if (!diff.atRisk.comparable) lines.push('', NOT_COMPARABLE);
  for (const [title, items] of diff.atRisk.comparable ? riskLists(diff) : []) {
    if (title.startsWith('No longer') && !items.length) continue;
    lines.push('', `## ${title} (${items.length})`, '');
    if (!items.length) lines.push('None.');
    for (const i of items.slice(0, top)) lines.push(`- ${mdText(itemLine(i))}`);
    if (items.length > top) lines.push(`- …and ${items.length - top} more.`);
  }
  const moved = diff.topics.filter((t) => t.status !== 'same');
  if (moved.length) {
    lines.push('', '## Topics', '', '| topic | change | exchanges | negative |', '|---|---|---:|---|');
    for (const t of moved.slice(0, top)) lines.push(`| ${mdText(t.term)} | ${TOPIC_STATUS[t.status]} | ${topicCounts(t)} | ${shareChange(t.negativeShare)} |`);
  }
  lines.push('', `<sub>before: ${mdText(diff.before.inputs.join(', '))} (rapport ${mdText(diff.before.version)}) · after: ${mdText(diff.after.inputs.join(', '))} (rapport ${mdText(diff.after.version)})</sub>`, '');
  return lines.join('\n');
}

const TOPIC_STATUS: Record<TopicChange['status'], string> = {
  new: 'new',
  grew: 'grew',
  fell: 'fell',
  same: 'same',
  gone: 'gone',
  'unlisted-before': `not in the earlier top ${LISTED_TOPICS}`,
  'unlisted-after': `not in the later top ${LISTED_TOPICS}`,
};

/** Before → after exchanges; a count the other report did not list is unknown (?), not 0. */
function topicCounts(t: TopicChange): string {
  const side = (n: number | null, unlisted: boolean): string => (n !== null ? String(n) : unlisted ? '?' : '0');
  return `${side(t.exchanges.before, t.status === 'unlisted-before')} → ${side(t.exchanges.after, t.status === 'unlisted-after')}`;
}

export function diffTable(diff: ReportDiff, options: DiffOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const top = options.top ?? 15;
  const tint = (ch: Change, text: string): string => (ch.delta === null || Math.abs(ch.delta) <= 0.05 ? text : ch.delta > 0 ? c.green(text) : c.red(text));
  const chars = BORDERLESS;
  const style = { head: options.color ? ['cyan'] : [], border: [], 'padding-left': 0, 'padding-right': 1 };
  const out: string[] = [];
  out.push(c.bold(`Health ${tint(diff.health, scoreChange(diff.health))}`));
  out.push(`Reply rate ${shareChange(diff.replyRate)} · unanswered ${shareChange(diff.unansweredShare)}`);
  out.push(`First response median ${durationChange(diff.frtMedian)}`, '');
  const axes = new Table({ head: ['axis', 'before → after'], style, chars });
  for (const axis of AXES) axes.push([axis, tint(diff.axes[axis], scoreChange(diff.axes[axis]))]);
  out.push(axes.toString(), '');
  const short = (ch: Change): string => (ch.after === null ? '—' : `${formatScore(ch.after)}${arrow(ch)}`);
  for (const g of diff.groupings) {
    const table = new Table({ head: [truncate(terminalSafe(groupTitle(g.by)), 16), 'exch', 'health before → after', 'E', 'P', 'I', 'C'], style, chars });
    for (const r of g.rows.slice(0, top)) {
      table.push([
        truncate(terminalSafe(r.key) + STATUS[r.status], 18),
        `${r.exchanges.after ?? 0}`,
        tint(r.health, scoreChange(r.health)),
        ...AXES.map((a) => tint(r.axes[a], short(r.axes[a]))),
      ]);
    }
    out.push(table.toString());
    if (g.rows.length > top) out.push(c.dim(`…and ${g.rows.length - top} more (--top to show more).`));
    out.push('');
  }
  if (!diff.atRisk.comparable) out.push(c.dim(NOT_COMPARABLE));
  for (const [title, items] of diff.atRisk.comparable ? riskLists(diff) : []) {
    if (title.startsWith('No longer') && !items.length) continue;
    out.push(c.bold(`${title}: ${items.length}`));
    for (const i of items.slice(0, top)) out.push(`  ${truncate(terminalSafe(itemLine(i)), 78)}`);
    if (items.length > top) out.push(c.dim(`  …and ${items.length - top} more.`));
  }
  const moved = diff.topics.filter((t) => t.status === 'new' || t.status === 'grew' || t.status === 'unlisted-before');
  if (moved.length) {
    out.push(c.bold('Topics that appeared or grew'));
    for (const t of moved.slice(0, top)) out.push(`  ${truncate(terminalSafe(t.term), 30)} (${TOPIC_STATUS[t.status]}) ${topicCounts(t)}`);
  }
  out.push(c.dim('E P I C: value after, with the arrow of its change.'));
  return `${out.join('\n')}\n`;
}
