// Involvement: how much the customer invests beyond a passive complaint, read from the customer turn.
import type { AxisLabel } from '../model/types.js';
import { dedupeEvidence, hitsOf, spanEvidence, toEvidence, type Tagger } from './tagger.js';

const HIGH = new Set(['high']);
const MEDIUM = new Set(['detail', 'answer', 'granted']);
/** A turn this short that only thanks or acknowledges is `low` whatever else it says. */
const BARE_WORDS = 4;
const ACKNOWLEDGEMENT = /^(\s*(@\w+|thanks?|thank you|thx|ty|ok|okay|k|cool|great|sure|will do|got it|alright|perfect|awesome|nice|yes|no)[\s!.,:)]*)+$/i;

export const involvement: Tagger = {
  meta: {
    id: 'involvement',
    axis: 'involvement',
    description: 'high (suggestions, advocacy, helping others) / medium (concrete details, answers, follow-ups with new facts) / low',
  },
  tag(exchange, ctx): AxisLabel {
    const turn = exchange.customerTurn;
    if (!turn.length) return { label: 'low', score: -1, evidence: [] };
    const hits = hitsOf(turn, ctx);
    const high = hits.filter((h) => HIGH.has(h.signal) || (h.signal === 'helping' && h.message.author !== exchange.customer));
    if (high.length) return { label: 'high', score: 1, evidence: dedupeEvidence(high.map(toEvidence)) };

    const words = turn.reduce((n, m) => n + ctx.analysis(m).words, 0);
    const bare = words <= BARE_WORDS && turn.every((m) => ACKNOWLEDGEMENT.test(m.text));
    if (bare) return { label: 'low', score: -0.5, evidence: [] };

    const evidence = hits.filter((h) => MEDIUM.has(h.signal) && (h.signal !== 'answer' || exchange.previousBrandTurn.length > 0)).map(toEvidence);
    // Answering the brand: any reply of substance to a brand turn that asked something.
    if (!evidence.length && exchange.previousBrandTurn.length) {
      const brandAsked = exchange.previousBrandTurn.some((m) => {
        const a = ctx.analysis(m);
        return a.questions > 0 || a.hits.some((h) => h.signal === 'request' || h.signal === 'redirect');
      });
      if (brandAsked && words > BARE_WORDS) {
        const first = turn[0]!;
        evidence.push(spanEvidence('involvement.answer.reply', first, 0, first.text.length));
      }
    }
    // A follow-up that adds new facts to what the thread already said.
    if (!evidence.length && exchange.index > 0) {
      const earlier = new Set(exchange.previousBrandTurn.flatMap((m) => ctx.analysis(m).lemmas));
      for (const message of turn) {
        const a = ctx.analysis(message);
        const fresh = a.lemmas.map((l, i) => [l, a.lemmaSpans[i]!] as const).filter(([l]) => !earlier.has(l));
        if (fresh.length >= 3) {
          const [, [start, end]] = fresh[0]!;
          evidence.push(spanEvidence('involvement.follow-up', message, start, end));
          break;
        }
      }
    }
    if (evidence.length) return { label: 'medium', score: 0.3, evidence: dedupeEvidence(evidence) };
    return { label: 'low', score: -0.5, evidence: [] };
  },
};
