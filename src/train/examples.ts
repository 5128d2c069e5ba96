// Training examples: labelled exchanges joined to their features (rule labels, cue hits, form, words).
import type { Exchange, TaggedExchange, Thread } from '../model/types.js';
import { tagContext } from '../pipeline/context.js';
import { countTemplates } from '../pipeline/templates.js';
import { InputError } from '../sources/errors.js';
import type { GoldLabel } from '../eval/gold.js';
import { featureGroups, featuresByHead, HEADS, type Feature, type Group, type Head, type RuleLabels } from '../taggers/features.js';
import { ruleLabels } from '../taggers/index.js';
import { compileCues, type CueSet } from '../taggers/lexicons/index.js';
import { emptyModel } from '../taggers/model.js';
import type { TrainingExample } from './fit.js';

/** A labelled exchange with what deciding it again needs (cross-validation decides it under each fold's model). */
export interface LabelledExchange extends TrainingExample {
  exchange: Exchange;
  rules: RuleLabels;
  /** Its features as the decision reads them: one list per turn. */
  groups: Record<Group, Feature[]>;
  /** The group it is folded by: the labels file's `thread`, else the exchange's thread. */
  group: string;
  gold: GoldLabel;
}

/** What each head's label is in a reference record; RUE flags only where labelled. */
function headLabels(g: GoldLabel): Partial<Record<Head, string>> {
  const out: Partial<Record<Head, string>> = {};
  for (const head of HEADS) {
    const v = (g as unknown as Record<string, unknown>)[head];
    if (typeof v === 'string') out[head] = v;
    else if (v === 0 || v === 1) out[head] = String(v);
  }
  return out;
}

/**
 * Join reference labels to the exchanges of `threads` (each thread with its tagged exchanges) and compute
 * every head's features. A labelled id the inputs do not have is an error, as in `rapport eval`.
 */
export function labelledExchanges(goldName: string, gold: readonly GoldLabel[], threads: readonly { thread: Thread; tagged: TaggedExchange[] }[], cues: CueSet = compileCues()): LabelledExchange[] {
  const wanted = new Map(gold.map((g) => [g.id, g]));
  const counts = countTemplates(threads.map((t) => t.thread));
  const ctx = tagContext(cues, emptyModel(), (key) => counts.get(key) ?? 0);
  const out: LabelledExchange[] = [];
  for (const { tagged } of threads) {
    for (const t of tagged) {
      const g = wanted.get(t.exchange.id);
      if (!g) continue;
      wanted.delete(g.id);
      const rules = ruleLabels(t.exchange, ctx);
      const groups = featureGroups(t.exchange, ctx, rules);
      const features = featuresByHead(groups);
      const extra = g as unknown as { source?: unknown; thread?: unknown };
      out.push({
        id: g.id,
        source: typeof extra.source === 'string' ? extra.source : (t.exchange.customerTurn[0] ?? t.exchange.brandTurn[0])?.channel ?? t.exchange.source,
        group: typeof extra.thread === 'string' ? extra.thread : t.exchange.thread,
        features,
        groups,
        labels: headLabels(g),
        exchange: t.exchange,
        rules,
        gold: g,
      });
    }
    ctx.clear();
  }
  if (wanted.size) {
    const first = wanted.keys().next().value as string;
    throw new InputError(goldName, null, `${wanted.size} labelled exchange(s) not found in the inputs (first: ${first}); are the inputs the labelled threads?`);
  }
  // Labels-file order, so training does not depend on the order inputs are read in.
  const order = new Map(gold.map((g, i) => [g.id, i]));
  return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
