// Formatting helpers shared by the text reporters: durations, percentages, health bars.
import type { Report } from './types.js';
import stringWidth from 'string-width';
import { decodeEntities } from '../text/entities.js';

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 60) return `${sign}${Math.round(s)}s`;
  if (s < 3600) return `${sign}${Math.round(s / 60)}m`;
  if (s < 86400 * 2) return `${sign}${(s / 3600).toFixed(1)}h`;
  return `${sign}${(s / 86400).toFixed(1)}d`;
}

export function formatPercent(share: number | null, digits = 0): string {
  return share === null ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** What a reply rate is of: "1843/1965" (answered / customer turns that needed a reply), and the closings left out. */
export function replyRateBasis(s: Pick<Report['service'], 'answered' | 'customerTurns'> & { closings?: number }): string {
  const closings = s.closings ?? 0; // reports before schema 4 counted every turn
  return `${s.answered}/${s.customerTurns - closings}${closings ? `; ${closings} closing thanks needed none` : ''}`;
}

export function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}

/** A ten-cell bar for a 0-100 score. */
export function healthBar(score: number | null, width = 10): string {
  if (score === null) return ' '.repeat(width);
  const full = Math.round((score / 100) * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** `negative 48% · neutral 40% · positive 12%` from label counts. */
export function labelShares(labels: Record<string, number>): string {
  const total = Object.values(labels).reduce((a, b) => a + b, 0);
  if (!total) return '—';
  return Object.entries(labels)
    .map(([label, n]) => `${label} ${Math.round((100 * n) / total)}%`)
    .join(' · ');
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Cut to `max` terminal columns (wide CJK and emoji count two, combining marks none), with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (width + w > max - 1) break;
    out += segment;
    width += w;
  }
  return `${out}…`;
}

/** A message cut into plain and highlighted runs (with the highlight's cue, when it names one), from non-overlapping sorted spans. */
export function segments(text: string, highlights: readonly { start: number; end: number; cue?: string }[]): { text: string; mark: boolean; cue?: string }[] {
  const out: { text: string; mark: boolean; cue?: string }[] = [];
  // Display runs: HTML entities of the export (`&amp;`) are shown decoded; spans still cut the original.
  const run = (start: number, end: number, mark: boolean, cue?: string) => out.push({ text: decodeEntities(text.slice(start, end)).text, mark, ...(cue === undefined ? {} : { cue }) });
  let at = 0;
  for (const h of highlights) {
    if (h.start < at || h.end > text.length) continue;
    if (h.start > at) run(at, h.start, false);
    run(h.start, h.end, true, h.cue);
    at = h.end;
  }
  if (at < text.length) run(at, text.length, false);
  return out;
}

/** Column titles of each `--by` grouping. */
export const GROUP_TITLES: Record<string, string> = {
  brand: 'account',
  agent: 'agent',
  customer: 'customer',
  channel: 'channel',
  thread: 'thread',
  day: 'day',
  week: 'ISO week',
  month: 'month',
};

/** The column title of a grouping; a `by` read from a report file is data, never a key of the prototype. */
export function groupTitle(by: string): string {
  return Object.hasOwn(GROUP_TITLES, by) ? GROUP_TITLES[by]! : by;
}

/**
 * What a report covers, for its first lines: the ISO weeks its dated exchanges fall in (in the report's
 * time zone), the period asked for when there was one, and the inputs.
 */
export function coverage(report: Pick<Report, 'trend' | 'scope' | 'inputs'> & { config?: Report['config'] }): { period: string; inputs: string; config: { path: string; hash: string } | null } {
  const { trend, scope } = report;
  const weeks = trend.length ? `${trend[0]!.key} – ${trend[trend.length - 1]!.key} (ISO weeks in ${scope.timeZone})` : 'no dated exchange';
  const asked = [scope.since ? `since ${scope.since}` : '', scope.until ? `until ${scope.until}` : ''].filter(Boolean).join(' ');
  const files = report.inputs.map((i) => i.file);
  const inputs = files.length > 3 ? `${files.length} inputs (${files.slice(0, 3).join(', ')}, …)` : files.join(', ') || 'no inputs';
  // The settings file, when one was used: its path and the start of its SHA-256, to tell two versions apart.
  const config = report.config ? { path: report.config.path, hash: `sha256 ${report.config.sha256.slice(0, 12)}` } : null;
  return { period: asked ? `${weeks}; asked: ${asked}` : weeks, inputs, config };
}
