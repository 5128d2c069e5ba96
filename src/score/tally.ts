// The score stage: what a set of tagged exchanges adds up to — label combinations (health and axis values
// from them, exactly), cue counts, response times and service measures. Reports (report/build.ts) keep one
// tally per group; nothing here knows about report rows, groupings or output formats.
import { AXES, AXIS_LABELS, type Axis, type Message, type TaggedExchange } from '../model/types.js';
import { SCALE, healthParts, labelValue, scaled, tenths, type HealthFormula } from './health.js';
import { ratio, round1 } from './stats.js';

/** Label counts and the mean label value (0-100) on one axis. */
export interface AxisBreakdown {
  /** Mean value of this axis's labels under the health formula, 0-100. */
  value: number | null;
  labels: Record<string, number>;
}

/** Seconds; null when there was nothing to measure. */
export interface Durations {
  median: number | null;
  p90: number | null;
  count: number;
}

export interface ServiceMeasures {
  /** Exchanges with a customer turn. */
  customerTurns: number;
  answered: number;
  /** Customer turns that needed no reply: an unanswered thanks after the brand spoke, asking nothing (schema 4; absent in older report files). */
  closings?: number;
  /** Share of the customer turns that needed a reply (all but closings) the brand answered, 0-1. */
  replyRate: number | null;
  /** Share of the customer turns that needed a reply and got none, 0-1 (1 − replyRate). */
  unansweredShare: number | null;
  /** First response time per thread: first customer message to the first brand message after it. */
  firstResponse: Durations;
  /** Response time per answered exchange (EPIC.md): last customer message to first brand message. */
  response: Durations;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Durations in whole seconds, as counts per value: a few thousand distinct values stand for millions
 * of exchanges, and the median and p90 come out exactly as from the sorted list.
 */
export class Seconds {
  private counts: Map<number, number> | null = null;
  count = 0;

  add(seconds: number): void {
    this.counts ??= new Map();
    this.counts.set(seconds, (this.counts.get(seconds) ?? 0) + 1);
    this.count++;
  }

  /** Values and their counts, smallest first. */
  sorted(): [number, number][] {
    return [...(this.counts ?? [])].sort((a, b) => a[0] - b[0]);
  }

  /** Median, nearest-rank p90 and count (as score/stats.ts computes them on a list). */
  summary(): Durations {
    const n = this.count;
    if (!n) return { median: null, p90: null, count: 0 };
    const sorted = this.sorted();
    /** The value at 0-based rank r of the sorted list. */
    const at = (r: number): number => {
      let seen = 0;
      for (const [value, count] of sorted) if ((seen += count) > r) return value;
      throw new Error(`rank ${r} past ${n} durations`);
    };
    const mid = n >> 1;
    const median = n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
    return { median: round1(median), p90: at(Math.max(1, Math.ceil(0.9 * n)) - 1), count: n };
  }
}

/** First response of a thread (or a group's part of it): first customer message → first brand message after it. */
export function firstResponse(messages: readonly Message[]): number | null {
  const first = messages.findIndex((m) => m.role === 'customer');
  if (first < 0) return null;
  const asked = messages[first]!.time;
  for (let i = first + 1; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role === 'brand') return m.time !== null && asked !== null ? Math.round((m.time - asked) / 1000) : null;
  }
  return null;
}

/** The labels of the four axes as one key (`AXES` order): health and axis values depend on nothing else. */
const SEP = '\u0001';
export const comboOf = (t: TaggedExchange): string => AXES.map((axis) => t.labels[axis].label).join(SEP);

/** What every tally reads of an exchange, worked out once however many groupings count it. */
export interface Facts {
  t: TaggedExchange;
  combo: string;
  cues: readonly string[];
  /** An unanswered thanks that closes the conversation (score/closing.ts). */
  closing: boolean;
}

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

/**
 * What a report says of a set of exchanges (all of them, or one group), added one thread at a time.
 * Counts, not exchanges: label combinations of every exchange and of the scored ones (sums over them
 * are taken at the end in key order, so the result does not depend on the order threads arrive in),
 * cue counts and response times.
 */
export class Tally {
  messages = 0;
  exchanges = 0;
  scored = 0;
  answered = 0;
  /** Unanswered customer turns that needed no reply. */
  closings = 0;
  /** Label combinations of every exchange: the label counts per axis. */
  readonly all = new Map<string, number>();
  /** Label combinations of the scored exchanges: health and axis values. */
  readonly combos = new Map<string, number>();
  readonly cues = new Map<string, number>();
  readonly response = new Seconds();
  readonly firstResponse = new Seconds();

  add({ t, combo, cues, closing }: Facts): void {
    this.exchanges++;
    bump(this.all, combo);
    for (const cue of cues) bump(this.cues, cue);
    if (!t.exchange.customerTurn.length) return;
    this.scored++;
    bump(this.combos, combo);
    if (closing) this.closings++;
    if (!t.exchange.brandTurn.length) return;
    this.answered++;
    if (t.exchange.responseSeconds !== null) this.response.add(t.exchange.responseSeconds);
  }

  private sortedCombos(): [string[], number][] {
    return [...this.combos.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([key, n]) => [key.split(SEP), n]);
  }

  /** Mean health of the scored exchanges, exactly (health.ts): from label combinations, not per-exchange floats. */
  health(formula: HealthFormula): number | null {
    if (!this.scored) return null;
    let total = 0n;
    let weights = 0n;
    for (const [labels, count] of this.sortedCombos()) {
      const parts = healthParts(Object.fromEntries(AXES.map((axis, i) => [axis, { label: labels[i]! }])) as Record<Axis, { label: string }>, formula);
      total += parts.sum * BigInt(count);
      weights = parts.weights;
    }
    return weights > 0n ? tenths(100n * total, SCALE * weights * BigInt(this.scored)) : null;
  }

  axes(formula: HealthFormula): Record<string, AxisBreakdown> {
    const out: Record<string, AxisBreakdown> = {};
    const combos = this.sortedCombos();
    const perAxis = AXES.map(() => new Map<string, number>());
    for (const [key, n] of this.all) key.split(SEP).forEach((label, i) => perAxis[i]!.set(label, (perAxis[i]!.get(label) ?? 0) + n));
    AXES.forEach((axis, i) => {
      const counts = perAxis[i]!;
      // The formula's labels first (zero when unseen), then any other in the tagger's order.
      const names = [...Object.keys(formula.values[axis]), ...AXIS_LABELS[axis], ...[...counts.keys()].sort()];
      // Label names are data (a merged record's): a dictionary without a prototype, `__proto__` is just a name.
      const labels: Record<string, number> = Object.create(null) as Record<string, number>;
      for (const name of names) if (!Object.hasOwn(labels, name) && (counts.has(name) || Object.hasOwn(formula.values[axis], name))) labels[name] = counts.get(name) ?? 0;
      let sum = 0n;
      for (const [combo, count] of combos) sum += BigInt(count) * scaled(labelValue(formula, axis, combo[i]!));
      out[axis] = { value: this.scored ? tenths(100n * sum, SCALE * BigInt(this.scored)) : null, labels };
    });
    return out;
  }

  service(): ServiceMeasures {
    // Of the customer turns that needed a reply: closings (an unanswered thanks) did not.
    const needed = this.scored - this.closings;
    return {
      customerTurns: this.scored,
      answered: this.answered,
      closings: this.closings,
      replyRate: ratio(this.answered, needed),
      unansweredShare: ratio(needed - this.answered, needed),
      firstResponse: this.firstResponse.summary(),
      response: this.response.summary(),
    };
  }

  topCues(n: number): string[] {
    return [...this.cues.entries()]
      .sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]))
      .slice(0, n)
      .map(([cue]) => cue);
  }
}

