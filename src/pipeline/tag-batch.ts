// Tag one batch of whole threads: analyze each message once, cut exchanges, run every tagger.
import type { AxisLabel, Axis, Rue, Thread } from '../model/types.js';
import { cutExchanges } from '../normalize/exchanges.js';
import { DEFAULT_FORMULA, type HealthFormula } from '../score/health.js';
import { tagExchange } from '../taggers/index.js';
import type { CueSet } from '../taggers/lexicons/index.js';
import { defaultModel, type EpicModel } from '../taggers/model.js';
import { tagContext } from './context.js';

/** What tagging adds to one exchange; the exchange itself is cut again wherever it is needed. */
export interface ExchangeTags {
  labels: { [A in Axis]: AxisLabel };
  rue: Rue;
  health: number;
  /** Topic terms of the customer turn. */
  terms: string[];
}

/**
 * Tags of every exchange of `threads`, in thread order then exchange order. The same function runs
 * in-process and in the workers, so both paths give byte-identical results.
 */
export function tagBatch(
  threads: readonly Thread[],
  templateCount: (key: string) => number,
  cues: CueSet,
  formula: HealthFormula = DEFAULT_FORMULA,
  model: EpicModel = defaultModel(),
): ExchangeTags[] {
  const ctx = tagContext(cues, model, templateCount);
  const out: ExchangeTags[] = [];
  for (const thread of threads) {
    for (const exchange of cutExchanges(thread)) {
      const t = tagExchange(exchange, ctx, formula);
      out.push({ labels: t.labels, rue: t.rue, health: t.health, terms: t.terms });
    }
  }
  return out;
}
