// Agreement with reference labels: accuracy, per-label precision/recall/F1, macro-F1, confusion matrix.

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface AxisScores {
  n: number;
  accuracy: number;
  /** Mean F1 over the labels present in the reference (as ../shared/tools/score.py computes it). */
  macroF1: number;
  perLabel: Record<string, LabelScores>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function scoreAxis(pairs: readonly [gold: string, predicted: string][], labels: readonly string[]): AxisScores {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  for (const [g, p] of pairs) {
    const row = (confusion[g] ??= {});
    row[p] = (row[p] ?? 0) + 1;
  }
  const perLabel: Record<string, LabelScores> = {};
  const present = labels.filter((l) => pairs.some(([g]) => g === l));
  for (const l of labels) {
    const tp = pairs.filter(([g, p]) => g === l && p === l).length;
    const fp = pairs.filter(([g, p]) => g !== l && p === l).length;
    const fn = pairs.filter(([g, p]) => g === l && p !== l).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[l] = { precision: r4(precision), recall: r4(recall), f1: r4(f1), support: tp + fn };
  }
  const macro = present.length ? present.reduce((s, l) => s + perLabel[l]!.f1, 0) / present.length : 0;
  const correct = pairs.filter(([g, p]) => g === p).length;
  return { n: pairs.length, accuracy: r4(pairs.length ? correct / pairs.length : 0), macroF1: r4(macro), perLabel, confusion };
}

/** F1 of the positive class of a 0/1 flag. */
export function scoreFlag(pairs: readonly [gold: number, predicted: number][]): LabelScores {
  const s = scoreAxis(
    pairs.map(([g, p]) => [String(g), String(p)]),
    ['1', '0'],
  );
  return s.perLabel['1']!;
}
