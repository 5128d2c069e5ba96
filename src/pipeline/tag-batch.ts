// Tag one batch of whole threads: analyze each message once, cut exchanges, run every tagger.
import type { AxisLabel, Axis, Rue, Thread } from '../model/types.js';
import { analyzeMessage, type MessageAnalysis } from '../nlp/analyze.js';
import type { Message } from '../model/types.js';
import { cutExchanges } from '../normalize/exchanges.js';
import { DEFAULT_FORMULA, type HealthFormula } from '../score/health.js';
import { tagExchange } from '../taggers/index.js';
import type { CueSet } from '../taggers/lexicons/index.js';
import { defaultModel, type EpicModel } from '../taggers/model.js';
import type { TagContext } from '../taggers/tagger.js';

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
  const analyses = new Map<Message, MessageAnalysis>();
  const analysis = (m: Message): MessageAnalysis => {
    let a = analyses.get(m);
    if (!a) {
      a = analyzeMessage(m.text, m.role, cues);
      analyses.set(m, a);
    }
    return a;
  };
  const ctx: TagContext = { analysis, templateCount, model };
  const out: ExchangeTags[] = [];
  for (const thread of threads) {
    for (const exchange of cutExchanges(thread)) {
      const t = tagExchange(exchange, ctx, formula);
      out.push({ labels: t.labels, rue: t.rue, health: t.health, terms: t.terms });
    }
  }
  return out;
}
