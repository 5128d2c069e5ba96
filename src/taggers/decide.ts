// From features to labels: each head's learned decision, with the evidence of what pushed it there.
import type { Axis, AxisLabel, Evidence, Exchange, Rue, RueFlag } from '../model/types.js';
import { featureGroups, spanToEvidence, type Feature, type Group, type Head, type RuleLabels, type Span } from './features.js';
import { decideGroup, type Decision, type EpicModel } from './model.js';
import { dedupeEvidence, round, type TagContext } from './tagger.js';

/** Spans shown on a label: those of the features that contributed most (rapport explain lists them all). */
const EVIDENCE_SHOWN = 10;

export interface Decided {
  labels: { [A in Axis]: AxisLabel };
  rue: Rue;
  /** Each head's decision, or null where a rule decides (no customer turn, no brand turn). */
  decisions: Record<Head, Decision | null>;
  /** The features of each turn (customer, brand) the decisions read. */
  features: Record<Group, Feature[]>;
}

/** The spans of the largest contributions, quoted, without repeats (the same span often backs several features). */
function evidenceOf(decision: Decision): Evidence[] {
  if (!decision.contributions.length) return [];
  const seen = new Set<string>();
  const same = new Set<Span>();
  const out: Evidence[] = [];
  for (const c of decision.contributions) {
    for (const span of c.evidence) {
      // One cue hit backs several features (its cue, its signal, the last sentence): the same object.
      if (same.has(span)) continue;
      same.add(span);
      const id = typeof span.message === 'string' ? span.message : span.message.id;
      const key = `${span.cue}\u0000${id}\u0000${span.start}\u0000${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(spanToEvidence(span));
      if (out.length === EVIDENCE_SHOWN) return out;
    }
  }
  return out;
}

/** Probability up minus probability down: the label's score in [-1, 1]. */
function scoreOf(decision: Decision, up: string, down: string): number {
  return round((decision.probabilities[up] ?? 0) - (decision.probabilities[down] ?? 0));
}

export function decideExchange(exchange: Exchange, ctx: TagContext, rules: RuleLabels, model: EpicModel): Decided {
  return decideFromFeatures(exchange, featureGroups(exchange, ctx, rules), rules, model);
}

/** The labels from features already computed (training's cross-validation decides each exchange under several models). */
export function decideFromFeatures(exchange: Exchange, features: Record<Group, Feature[]>, rules: RuleLabels, model: EpicModel): Decided {
  const customer = features.customer.length ? decideGroup(model, 'customer', features.customer) : {};
  const brand = features.brand.length ? decideGroup(model, 'brand', features.brand, ['conversation']) : {};
  const decisions = {} as Record<Head, Decision | null>;
  const run = (head: Head): Decision | null => (decisions[head] = customer[head] ?? brand[head] ?? null);

  const axis = (name: 'experience' | 'permission' | 'involvement', up: string, down: string): AxisLabel => {
    const d = run(name);
    if (!d) return rules.labels[name];
    return { label: d.label, score: scoreOf(d, up, down), evidence: evidenceOf(d), probabilities: d.probabilities };
  };
  const experience = axis('experience', 'positive', 'negative');
  const permission = axis('permission', 'granted', 'revoked');
  // What the brand asked for stays on the exchange whatever the customer's stance (EPIC.md).
  if (decisions.permission && rules.labels.permission.evidence.length) {
    const brandIds = new Set([...exchange.previousBrandTurn, ...exchange.brandTurn].map((m) => m.id));
    permission.evidence = dedupeEvidence([...permission.evidence, ...rules.labels.permission.evidence.filter((e) => brandIds.has(e.message))]);
  }
  const involvement = axis('involvement', 'high', 'low');

  const c = run('conversation');
  const conversation: AxisLabel = c ? { label: c.label, score: scoreOf(c, 'two-way', 'one-way'), evidence: evidenceOf(c), probabilities: c.probabilities } : rules.labels.conversation;

  const flag = (name: RueFlag): { value: 0 | 1; evidence: Evidence[] } => {
    const d = run(name);
    if (!d) return { value: rules.rue[name], evidence: rules.rue.evidence[name] };
    return d.label === '1' ? { value: 1, evidence: evidenceOf(d) } : { value: 0, evidence: [] };
  };
  const relevance = flag('relevance');
  const utility = flag('utility');
  const entertainment = flag('entertainment');
  return {
    labels: { experience, permission, involvement, conversation },
    rue: {
      relevance: relevance.value,
      utility: utility.value,
      entertainment: entertainment.value,
      evidence: { relevance: relevance.evidence, utility: utility.evidence, entertainment: entertainment.evidence },
    },
    decisions,
    features,
  };
}
