// Conversation: whether the brand holds a dialogue or broadcasts, read from the brand turn.
import type { AxisLabel, Exchange } from '../model/types.js';
import { replyFacts, SPECIFIC_MIN } from './reply.js';
import { clamp, dedupeEvidence, round, toEvidence, type TagContext, type Tagger } from './tagger.js';

/** Shared content words that count toward engagement (more adds nothing). */
const SHARED_CAP = 2;

export const conversation: Tagger = {
  meta: {
    id: 'conversation',
    axis: 'conversation',
    description: 'two-way (refers to this customer’s message, answers it, asks what moves it on) / one-way (script, bare redirect, auto-reply) / none',
  },
  tag(exchange, ctx): AxisLabel {
    // RUE reads this label too: tag each exchange once.
    const cached = memo.get(exchange);
    if (cached) return cached;
    const label = tagConversation(exchange, ctx);
    memo.set(exchange, label);
    return label;
  },
};

const memo = new WeakMap<Exchange, AxisLabel>();

function tagConversation(exchange: Exchange, ctx: TagContext): AxisLabel {
  if (!exchange.brandTurn.length) return { label: 'none', score: -1, evidence: [] };
  const facts = replyFacts(exchange, ctx);
  const by = (signal: string) => facts.hits.filter((h) => h.signal === signal);
  const closing = by('closing');
  const genericQuestions = !facts.customerSaidProblem ? by('generic-question') : [];
  const specific = facts.specific.length >= SPECIFIC_MIN ? facts.specific.slice(0, 3) : [];

  const engage = [
    ...facts.shared.slice(0, 3),
    ...facts.questions.map(toEvidence),
    ...facts.answers.slice(0, 2).map(toEvidence),
    ...closing.map(toEvidence),
    ...genericQuestions.map(toEvidence),
    ...specific,
  ];
  let score =
    Math.min(facts.shared.length, SHARED_CAP) +
    (facts.questions.length ? 1 : 0) +
    (facts.answers.length ? 1 : 0) +
    (closing.length ? (facts.customerThanked ? 2 : 1) : 0) +
    (genericQuestions.length ? 1 : 0) +
    (specific.length ? 1 : 0);
  // With no customer turn, a message that names this person is addressed to them, not broadcast.
  if (!exchange.customerTurn.length) score += by('personal').length ? 1 : 0;
  const personal = [...by('personal').map(toEvidence), ...(facts.signature ? [facts.signature] : [])];
  const scripted = [...by('redirect'), ...by('auto'), ...by('broadcast')].map(toEvidence).concat(facts.script ? [facts.script] : []);
  const penalty = (by('auto').length ? 3 : 0) + (by('broadcast').length ? 1 : 0) + (facts.script ? 1 : 0);
  const total = score + (by('personal').length ? 0.5 : 0) - penalty;

  if (score >= 1 && total >= 0.5) {
    return { label: 'two-way', score: round(clamp(total / 3, 0.2, 1)), evidence: dedupeEvidence([...engage, ...personal]) };
  }
  return {
    label: 'one-way',
    score: round(clamp(-0.2 - penalty / 4, -1, -0.2)),
    evidence: dedupeEvidence(scripted.length ? scripted : by('empathy').concat(by('generic')).map(toEvidence)),
  };
}
