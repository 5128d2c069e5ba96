// The `health` section of rapport.config.json: weights and label values over the default formula, checked.
import { AXES, AXIS_LABELS, type Axis } from '../model/types.js';
import { DEFAULT_FORMULA, type HealthFormula } from './health.js';

/** What a config file may say about health (every key optional). */
export interface HealthConfig {
  weights?: Partial<Record<Axis, number>>;
  values?: Partial<Record<Axis, Record<string, number>>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The formula a config asks for; throws a one-line message naming the bad key. */
export function formulaFromConfig(health: unknown): HealthFormula {
  const formula: HealthFormula = {
    weights: { ...DEFAULT_FORMULA.weights },
    // The default's own key order, so a report with the default formula is byte-identical however it was built.
    values: Object.fromEntries(Object.entries(DEFAULT_FORMULA.values).map(([a, v]) => [a, { ...v }])) as HealthFormula['values'],
  };
  if (health === undefined) return formula;
  if (!isObject(health)) throw new Error('"health" must be an object with "weights" and/or "values"');
  for (const key of Object.keys(health)) if (key !== 'weights' && key !== 'values') throw new Error(`unknown setting "health.${key}" (known: weights, values)`);
  const axisOf = (key: string, where: string): Axis => {
    if (!(AXES as readonly string[]).includes(key)) throw new Error(`unknown axis "${where}.${key}" (known: ${AXES.join(', ')})`);
    return key as Axis;
  };
  if (health.weights !== undefined) {
    if (!isObject(health.weights)) throw new Error('"health.weights" must be an object of axis → weight');
    for (const [key, w] of Object.entries(health.weights)) {
      const axis = axisOf(key, 'health.weights');
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new Error(`"health.weights.${axis}" must be a number ≥ 0, not ${JSON.stringify(w)}`);
      formula.weights[axis] = w;
    }
    if (AXES.every((a) => formula.weights[a] === 0)) throw new Error('"health.weights" are all 0: at least one axis must count');
  }
  if (health.values !== undefined) {
    if (!isObject(health.values)) throw new Error('"health.values" must be an object of axis → { label: value }');
    for (const [key, labels] of Object.entries(health.values)) {
      const axis = axisOf(key, 'health.values');
      if (!isObject(labels)) throw new Error(`"health.values.${axis}" must be an object of label → value`);
      for (const [label, v] of Object.entries(labels)) {
        if (!(AXIS_LABELS[axis] as readonly string[]).includes(label)) throw new Error(`unknown label "health.values.${axis}.${label}" (known: ${AXIS_LABELS[axis].join(', ')})`);
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`"health.values.${axis}.${label}" must be a number from 0 to 1, not ${JSON.stringify(v)}`);
        formula.values[axis][label] = v;
      }
    }
  }
  return formula;
}
