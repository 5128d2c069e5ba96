// Relationship health: a weighted mean of per-axis label values, 0-100.
import type { Axis, AxisLabel } from '../model/types.js';

export interface HealthFormula {
  /** Weight of each axis; they need not sum to 1 (the mean divides by their sum). */
  weights: Record<Axis, number>;
  /** Value in [0, 1] of each label on each axis. */
  values: Record<Axis, Record<string, number>>;
}

/**
 * Default weights and why:
 * - experience 0.40: how customers feel is the outcome a relationship exists for;
 * - conversation 0.30: unanswered or scripted replies are what the brand controls most directly;
 * - permission 0.15: consent is rarely voiced, but a revocation is a relationship ending;
 * - involvement 0.15: invested customers are the healthiest, but low involvement is normal on a help line.
 * Label values: neutral sits above the midpoint on permission (silence is the norm, not a problem)
 * and a one-way reply is worth more than none (at least the customer was acknowledged).
 */
export const DEFAULT_FORMULA: HealthFormula = {
  weights: { experience: 0.4, conversation: 0.3, permission: 0.15, involvement: 0.15 },
  values: {
    experience: { positive: 1, neutral: 0.6, negative: 0 },
    conversation: { 'two-way': 1, 'one-way': 0.35, none: 0 },
    permission: { granted: 1, neutral: 0.75, revoked: 0 },
    involvement: { high: 1, medium: 0.75, low: 0.4 },
  },
};

/**
 * Label values and weights are taken in integer millionths, so health is exact: a mean over many
 * exchanges does not depend on their order, and 55.25 rounds to 55.3 as it should (a float sum would
 * give 55.2499… and 55.2).
 */
export const SCALE = 1_000_000n;
export const scaled = (v: number): bigint => BigInt(Math.round(v * 1_000_000));

/** `num / den` rounded half up to one decimal, exactly (den > 0). */
export function tenths(num: bigint, den: bigint): number {
  const twice = 20n * num + den;
  let q = twice / (2n * den);
  if (twice < 0n && twice % (2n * den) !== 0n) q -= 1n; // floor, not truncation
  return Number(q) / 10;
}

/** The formula's value of a label, 0 for a label it does not list (a name from the data is never a prototype key). */
export function labelValue(formula: HealthFormula, axis: Axis, label: string): number {
  const values = formula.values[axis];
  return Object.hasOwn(values, label) ? values[label]! : 0;
}

/** Weighted sum of the label values (in SCALE² units) and the sum of weights (in SCALE units). */
export function healthParts(labels: Readonly<Record<Axis, { label: string }>>, formula: HealthFormula = DEFAULT_FORMULA): { sum: bigint; weights: bigint } {
  let sum = 0n;
  let weights = 0n;
  for (const axis of Object.keys(formula.weights) as Axis[]) {
    const w = scaled(formula.weights[axis]);
    sum += w * scaled(labelValue(formula, axis, labels[axis].label));
    weights += w;
  }
  return { sum, weights };
}

/**
 * Health of one exchange 0-100 to one decimal, or null when it has no customer turn (a brand-only
 * message measures no relationship).
 */
export function exchangeHealth(labels: Record<Axis, AxisLabel>, hasCustomerTurn: boolean, formula: HealthFormula = DEFAULT_FORMULA): number | null {
  if (!hasCustomerTurn) return null;
  const { sum, weights } = healthParts(labels, formula);
  return weights > 0n ? tenths(100n * sum, SCALE * weights) : null;
}

/** The formula as one line, for every report format. */
export function describeFormula(formula: HealthFormula = DEFAULT_FORMULA): string {
  const parts = (Object.keys(formula.weights) as Axis[]).map((axis) => {
    const values = Object.entries(formula.values[axis])
      .map(([label, v]) => `${label} ${v}`)
      .join(', ');
    return `${formula.weights[axis]} × ${axis} (${values})`;
  });
  return `health = 100 × (${parts.join(' + ')}) / sum of weights, averaged over exchanges with a customer turn`;
}
