// Render an evaluation as text tables (JSON is the EvalResult itself).
import Table from 'cli-table3';
import { terminalSafe } from '../text/sanitize.js';
import { truncate } from '../report/format.js';
import type { EvalResult } from './evaluate.js';
import { renderSourceScores } from '../train/render.js';

const f2 = (x: number): string => x.toFixed(2);

export function renderEval(result: EvalResult, options: { misses?: boolean } = {}): string {
  const out: string[] = [`${result.exchanges} labelled exchanges from ${terminalSafe(result.gold)}`, ''];
  const summary = new Table({ head: ['axis', 'macro-F1', 'accuracy', 'per-label F1 (precision/recall)'], style: { head: [], border: [] } });
  for (const [axis, s] of Object.entries(result.axes)) {
    summary.push([
      axis,
      f2(s.macroF1),
      f2(s.accuracy),
      Object.entries(s.perLabel)
        .map(([l, p]) => `${l} ${f2(p.f1)} (${f2(p.precision)}/${f2(p.recall)}, n=${p.support})`)
        .join('\n'),
    ]);
  }
  for (const [flag, s] of Object.entries(result.rue)) summary.push([flag, '', '', `F1 ${f2(s.f1)} (${f2(s.precision)}/${f2(s.recall)}, n=${s.support})`]);
  out.push(summary.toString(), '', renderSourceScores(result.sources, 'By source'));
  for (const [axis, s] of Object.entries(result.axes)) {
    const labels = Object.keys(s.confusion);
    const confusion = new Table({ head: [`${axis}: gold ↓ predicted →`, ...labels], style: { head: [], border: [] } });
    for (const g of labels) confusion.push([g, ...labels.map((p) => String(s.confusion[g]?.[p] ?? 0))]);
    out.push(confusion.toString());
    if (options.misses !== false) {
      for (const m of s.misses) {
        const why = m.evidence.length ? m.evidence.map((e) => `${terminalSafe(e.cue)} “${truncate(terminalSafe(e.text), 40)}”`).join('; ') : 'no evidence fired';
        out.push(`  ${terminalSafe(m.id)}: gold ${m.gold}, got ${m.predicted} — ${why}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
