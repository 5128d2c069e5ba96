// Per-source scores with intervals as a text table (JSON is the SourceScores list itself).
import Table from 'cli-table3';
import { AXES, RUE_FLAGS } from '../model/types.js';
import { terminalSafe } from '../text/sanitize.js';
import type { Interval, SourceScores } from './cv.js';

const cell = (i: Interval | undefined): string => (i ? `${i.value.toFixed(2)} [${i.low.toFixed(2)}–${i.high.toFixed(2)}]` : '—');

export function renderSourceScores(scores: readonly SourceScores[], title: string): string {
  const table = new Table({ head: ['source', 'exchanges', ...AXES, ...RUE_FLAGS], style: { head: [], border: [] } });
  for (const s of scores) table.push([terminalSafe(s.source), s.exchanges, ...AXES.map((a) => cell(s.axes[a])), ...RUE_FLAGS.map((f) => cell(s.rue[f]))]);
  return `${title}: macro-F1 per axis, F1 per RUE flag [90% bootstrap interval]\n${table.toString()}\n`;
}
