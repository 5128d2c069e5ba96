// The taggers by axis, and tagging one exchange with all of them.
import type { Axis, AxisLabel, Exchange, TaggedExchange } from '../model/types.js';
import { DEFAULT_FORMULA, exchangeHealth, type HealthFormula } from '../score/health.js';
import { conversation } from './conversation.js';
import { experience } from './experience.js';
import { involvement } from './involvement.js';
import { permission } from './permission.js';
import { rue } from './rue.js';
import type { TagContext, Tagger } from './tagger.js';

export const TAGGERS: Record<Axis, Tagger> = { experience, permission, involvement, conversation };
export { rue as RUE_TAGGER };

export function tagExchange(exchange: Exchange, ctx: TagContext, formula: HealthFormula = DEFAULT_FORMULA): TaggedExchange {
  const labels = {
    experience: TAGGERS.experience.tag(exchange, ctx),
    permission: TAGGERS.permission.tag(exchange, ctx),
    involvement: TAGGERS.involvement.tag(exchange, ctx),
    conversation: TAGGERS.conversation.tag(exchange, ctx),
  } satisfies Record<Axis, AxisLabel>;
  const health = exchangeHealth(labels, exchange.customerTurn.length > 0, formula);
  const terms = [...new Set(exchange.customerTurn.flatMap((m) => ctx.analysis(m).terms))];
  return { exchange, labels, rue: rue.tag(exchange, ctx), health: health ?? Number.NaN, terms };
}
