// Join tagged exchanges to reference labels and score every axis and RUE flag.
import { AXES, AXIS_LABELS, RUE_FLAGS, type TaggedExchange } from '../model/types.js';
import { InputError } from '../sources/errors.js';
import type { GoldLabel } from './gold.js';
import { scoreAxis, scoreFlag, type AxisScores, type LabelScores } from './metrics.js';
import { scoreBySource, type SourceScores } from '../train/cv.js';

export interface Miss {
  id: string;
  gold: string;
  predicted: string;
  /** The evidence that fired, or none. */
  evidence: { cue: string; text: string }[];
  customer: string;
  brand: string;
}

export interface EvalResult {
  gold: string;
  exchanges: number;
  axes: Record<string, AxisScores & { misses: Miss[] }>;
  rue: Record<string, LabelScores>;
  /** Macro-F1 per axis and F1 per flag by source (the labels' `source`, else the channel), with 90% bootstrap intervals. */
  sources: SourceScores[];
}

export function evaluate(goldName: string, gold: GoldLabel[], tagged: readonly TaggedExchange[], missesPerAxis = 5): EvalResult {
  const byId = new Map(tagged.map((t) => [t.exchange.id, t]));
  const missing = gold.filter((g) => !byId.has(g.id));
  if (missing.length) {
    throw new InputError(goldName, null, `${missing.length} labelled exchange(s) not found in the inputs (first: ${missing[0]!.id}); are the inputs the labelled threads?`);
  }
  const joined = gold.map((g) => [g, byId.get(g.id)!] as const);
  const axes: EvalResult['axes'] = {};
  for (const axis of AXES) {
    const pairs = joined.map(([g, t]) => [g[axis], t.labels[axis].label] as [string, string]);
    const misses = joined
      .filter(([g, t]) => g[axis] !== t.labels[axis].label)
      .map(([g, t]) => ({
        id: g.id,
        gold: g[axis],
        predicted: t.labels[axis].label,
        evidence: t.labels[axis].evidence.map((e) => ({ cue: e.cue, text: e.text })),
        customer: t.exchange.customerTurn.map((m) => m.text).join(' ⏎ '),
        brand: t.exchange.brandTurn.map((m) => m.text).join(' ⏎ '),
      }))
      // Worst first: confident wrong labels (with evidence) before silent ones, then by id for stability.
      .sort((a, b) => b.evidence.length - a.evidence.length || (a.id < b.id ? -1 : 1));
    axes[axis] = { ...scoreAxis(pairs, AXIS_LABELS[axis]), misses: misses.slice(0, missesPerAxis) };
  }
  const rue: EvalResult['rue'] = {};
  for (const flag of RUE_FLAGS) {
    const labelled = joined.filter(([g]) => g[flag] !== undefined);
    if (labelled.length) rue[flag] = scoreFlag(labelled.map(([g, t]) => [g[flag]!, t.rue[flag]]));
  }
  const sourceOf = (g: GoldLabel, t: TaggedExchange): string => {
    const given = (g as unknown as { source?: unknown }).source;
    return typeof given === 'string' ? given : ((t.exchange.customerTurn[0] ?? t.exchange.brandTurn[0])?.channel ?? t.exchange.source);
  };
  const sources = scoreBySource(joined.map(([g, t]) => ({ source: sourceOf(g, t), gold: g, labels: t.labels, rue: t.rue })));
  return { gold: goldName, exchanges: joined.length, axes, rue, sources };
}
