// The taggers by axis, and tagging one exchange: rule taggers → features → the learned decision.
import type { Axis, AxisLabel, Exchange, TaggedExchange } from '../model/types.js';
import { DEFAULT_FORMULA, exchangeHealth, type HealthFormula } from '../score/health.js';
import { conversation } from './conversation.js';
import { decideExchange, type Decided } from './decide.js';
import { experience } from './experience.js';
import type { RuleLabels } from './features.js';
import { involvement } from './involvement.js';
import { permission } from './permission.js';
import { rue } from './rue.js';
import type { TagContext, Tagger } from './tagger.js';

/** The rule taggers: their labels and evidence are features of the learned decision. */
export const TAGGERS: Record<Axis, Tagger> = { experience, permission, involvement, conversation };
export { rue as RUE_TAGGER };

export function ruleLabels(exchange: Exchange, ctx: TagContext): RuleLabels {
  const labels = {
    experience: TAGGERS.experience.tag(exchange, ctx),
    permission: TAGGERS.permission.tag(exchange, ctx),
    involvement: TAGGERS.involvement.tag(exchange, ctx),
    conversation: TAGGERS.conversation.tag(exchange, ctx),
  } satisfies Record<Axis, AxisLabel>;
  return { labels, rue: rue.tag(exchange, ctx) };
}

/** Every head's decision with its features and contributions (what `rapport explain` shows). */
export function explainExchange(exchange: Exchange, ctx: TagContext): Decided {
  return decideExchange(exchange, ctx, ruleLabels(exchange, ctx), ctx.model);
}

export function tagExchange(exchange: Exchange, ctx: TagContext, formula: HealthFormula = DEFAULT_FORMULA): TaggedExchange {
  const { labels, rue } = explainExchange(exchange, ctx);
  const health = exchangeHealth(labels, exchange.customerTurn.length > 0, formula);
  const terms = [...new Set(exchange.customerTurn.flatMap((m) => ctx.analysis(m).terms))];
  return { exchange, labels, rue, health: health ?? Number.NaN, terms };
}
