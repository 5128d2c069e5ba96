// Cross-validation by thread and per-source scores with bootstrap intervals: how well the decision holds on exchanges it never saw.
import { scoreAxis } from '../eval/metrics.js';
import { AXES, AXIS_LABELS, RUE_FLAGS, type AxisLabel, type Rue } from '../model/types.js';
import { decideFromFeatures } from '../taggers/decide.js';
import { compileModel } from '../taggers/model.js';
import type { LabelledExchange } from './examples.js';
import { DEFAULT_FIT, fitModel, random, shuffled, type FitOptions } from './fit.js';

/** What one exchange was labelled and what the tagger said. */
export interface Scored {
  source: string;
  gold: LabelledExchange['gold'];
  labels: { [A in (typeof AXES)[number]]: AxisLabel };
  rue: Rue;
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** Macro-F1 per axis and F1 per RUE flag, with 90% bootstrap intervals, for one set of exchanges. */
export interface SourceScores {
  source: string;
  exchanges: number;
  axes: Record<string, Interval & { accuracy: number }>;
  rue: Record<string, Interval>;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

function axisF1(rows: readonly Scored[], axis: (typeof AXES)[number]): number {
  return scoreAxis(rows.map((r) => [r.gold[axis], r.labels[axis].label] as [string, string]), AXIS_LABELS[axis]).macroF1;
}
function flagF1(rows: readonly Scored[], flag: (typeof RUE_FLAGS)[number]): number | null {
  const labelled = rows.filter((r) => r.gold[flag] !== undefined);
  // With no positive in the reference, F1 of the flag measures nothing.
  if (!labelled.some((r) => r.gold[flag] === 1)) return null;
  return scoreAxis(labelled.map((r) => [String(r.gold[flag]), String(r.rue[flag])] as [string, string]), ['1', '0']).perLabel['1']!.f1;
}

/** The 5th and 95th percentiles of a statistic over resamples of the rows (fixed seed). */
function bootstrap(rows: readonly Scored[], stat: (rows: Scored[]) => number, seed: number, rounds = 500): [number, number] {
  const next = random(seed);
  const values: number[] = [];
  for (let b = 0; b < rounds; b++) {
    const sample: Scored[] = [];
    for (let i = 0; i < rows.length; i++) sample.push(rows[Math.floor(next() * rows.length)]!);
    values.push(stat(sample));
  }
  values.sort((a, b) => a - b);
  return [values[Math.floor(rounds * 0.05)]!, values[Math.min(rounds - 1, Math.floor(rounds * 0.95))]!];
}

export function scoreSet(source: string, rows: readonly Scored[], seed = DEFAULT_FIT.seed): SourceScores {
  const axes: SourceScores['axes'] = {};
  for (const axis of AXES) {
    const [low, high] = bootstrap(rows, (s) => axisF1(s, axis), seed);
    const accuracy = rows.filter((r) => r.gold[axis] === r.labels[axis].label).length / (rows.length || 1);
    axes[axis] = { value: r2(axisF1(rows, axis)), low: r2(low), high: r2(high), accuracy: r2(accuracy) };
  }
  const rue: SourceScores['rue'] = {};
  for (const flag of RUE_FLAGS) {
    const value = flagF1(rows, flag);
    if (value === null) continue;
    const [low, high] = bootstrap(rows, (s) => flagF1(s, flag) ?? 0, seed);
    rue[flag] = { value: r2(value), low: r2(low), high: r2(high) };
  }
  return { source, exchanges: rows.length, axes, rue };
}

/** Scores per source (sorted), then over all of them. */
export function scoreBySource(rows: readonly Scored[], seed = DEFAULT_FIT.seed): SourceScores[] {
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  const out = sources.map((s) => scoreSet(s, rows.filter((r) => r.source === s), seed));
  if (sources.length > 1) out.push(scoreSet('all', rows, seed));
  return out;
}

/** Fold of each group: groups shuffled with the seed and dealt round-robin, so a thread never straddles folds. */
export function folds(examples: readonly LabelledExchange[], k: number, seed: number): number[] {
  const groups = [...new Set(examples.map((e) => e.group))].sort();
  const fold = new Map(shuffled(groups, seed).map((g, i) => [g, i % k]));
  return examples.map((e) => fold.get(e.group)!);
}

/** k-fold cross-validation by thread: every exchange labelled by a model that never saw its thread. */
export function crossValidate(examples: readonly LabelledExchange[], k: number, options: FitOptions = DEFAULT_FIT): Scored[] {
  const fold = folds(examples, k, options.seed);
  const out: Scored[] = new Array(examples.length);
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const model = compileModel(`fold ${f + 1}`, fitModel(train, options));
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      const d = decideFromFeatures(e.exchange, e.groups, e.rules, model);
      out[i] = { source: e.source, gold: e.gold, labels: d.labels, rue: d.rue };
    });
  }
  return out;
}
