// Conversation: whether the brand holds a dialogue or broadcasts, read from the brand turn.
import type { AxisLabel } from '../model/types.js';
import { replyFacts } from './reply.js';
import { clamp, dedupeEvidence, round, toEvidence, type Tagger } from './tagger.js';

/** Shared content words that count toward specificity (more adds nothing). */
const SHARED_CAP = 2;

export const conversation: Tagger = {
  meta: {
    id: 'conversation',
    axis: 'conversation',
    description: 'two-way (refers to this customer’s message, answers it, asks what moves it on) / one-way (script, bare redirect, auto-reply) / none',
  },
  tag(exchange, ctx): AxisLabel {
    if (!exchange.brandTurn.length) return { label: 'none', score: -1, evidence: [] };
    const facts = replyFacts(exchange, ctx);
    const by = (signal: string) => facts.hits.filter((h) => h.signal === signal);

    const engage = [
      ...facts.shared.slice(0, 3),
      ...by('question').map(toEvidence),
      ...(facts.customerThanked ? by('closing').map(toEvidence) : []),
      ...(!facts.customerSaidProblem ? by('generic-question').map(toEvidence) : []),
    ];
    const genericQuestions = by('generic-question');
    // A generic question asked after the customer already said what is wrong does not move anything.
    const questionScore = by('question').filter((q) => !genericQuestions.some((g) => g.message === q.message && g.start < q.end && q.start < g.end)).length > 0 ? 1 : 0;
    let score =
      Math.min(facts.shared.length, SHARED_CAP) +
      questionScore +
      (facts.customerThanked && by('closing').length ? 2 : 0) +
      (!facts.customerSaidProblem && genericQuestions.length ? 1 : 0);
    if (!exchange.customerTurn.length) score += by('personal').length ? 1 : 0;
    const personal = [...by('personal').map(toEvidence), ...(facts.signature ? [facts.signature] : [])];
    const scripted = [
      ...by('redirect').map(toEvidence),
      ...by('auto').map(toEvidence),
      ...by('broadcast').map(toEvidence),
      ...(facts.script ? [facts.script] : []),
    ];
    const penalty = (by('auto').length ? 3 : 0) + (by('broadcast').length ? 1 : 0) + (facts.script ? 1 : 0) + (by('redirect').length ? 0.5 : 0);
    const total = score + (personal.length ? 0.5 : 0) - penalty;

    if (score >= 1 && total >= 0.5) {
      return { label: 'two-way', score: round(clamp(total / 3, 0.2, 1)), evidence: dedupeEvidence([...engage, ...personal]) };
    }
    return {
      label: 'one-way',
      score: round(clamp(-0.2 - penalty / 4, -1, -0.2)),
      evidence: dedupeEvidence(scripted.length ? scripted : by('empathy').concat(by('generic')).map(toEvidence)),
    };
  },
};
