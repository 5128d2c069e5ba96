// RUE: is the brand's message worth receiving — relevance, utility, entertainment (brand turns only).
import type { Evidence, Rue } from '../model/types.js';
import { conversation } from './conversation.js';
import { replyFacts } from './reply.js';
import { dedupeEvidence, toEvidence, type Tagger } from './tagger.js';

const ANSWER = new Set(['utility']);

export const rue: Tagger<Rue> = {
  meta: {
    id: 'rue',
    axis: 'rue',
    description: 'relevance (addresses what the customer raised), utility (an answer, step, link or fix), entertainment (humour, emoji, warmth)',
  },
  tag(exchange, ctx): Rue {
    const empty: Rue = { relevance: 0, utility: 0, entertainment: 0, evidence: { relevance: [], utility: [], entertainment: [] } };
    if (!exchange.brandTurn.length) return empty;
    const facts = replyFacts(exchange, ctx);
    const dialogue = conversation.tag(exchange, ctx);
    const relevance: Evidence[] = dialogue.label === 'two-way' ? dialogue.evidence : facts.shared.slice(0, 2);

    const redirectMessages = new Set(facts.hits.filter((h) => h.signal === 'redirect').map((h) => `${h.message.id}:${h.sentence}`));
    const utility = facts.hits
      .filter((h) => ANSWER.has(h.signal) || (h.signal === 'link' && !redirectMessages.has(`${h.message.id}:${h.sentence}`)))
      .map(toEvidence);
    const entertainment = facts.hits.filter((h) => h.signal === 'entertainment').map(toEvidence);
    return {
      relevance: relevance.length ? 1 : 0,
      utility: utility.length ? 1 : 0,
      entertainment: entertainment.length ? 1 : 0,
      evidence: {
        relevance: dedupeEvidence(relevance),
        utility: dedupeEvidence(utility),
        entertainment: dedupeEvidence(entertainment),
      },
    };
  },
};
