// RUE: is the brand's message worth receiving — relevance, utility, entertainment (brand turns only).
import type { Evidence, Rue } from '../model/types.js';
import { conversation } from './conversation.js';
import { replyFacts, type ReplyFacts } from './reply.js';
import { dedupeEvidence, toEvidence, type PlacedHit, type TagContext, type Tagger } from './tagger.js';

const ANSWER = new Set(['utility']);

/** Specific words a statement needs to count as an answer. */
const ANSWER_WORDS = 3;
const PLEASANTRY = new Set(['empathy', 'generic', 'closing', 'redirect', 'request', 'auto', 'broadcast', 'entertainment']);
/** A sentence asking the customer for something is a request, not an answer. */
const ASKING = /\b(let (us|me) know|may we|can we have|could we have|please (tell|provide|share|send|confirm|let)|tell (us|me)|feel free|we'?d love|we would love|thank(s| you))\b/i;

function answerSentences(facts: ReplyFacts, ctx: TagContext): Evidence[] {
  const terms = [...facts.shared, ...facts.specific];
  const out: Evidence[] = [];
  for (const e of terms) {
    const message = facts.messages.find((m) => m.id === e.message);
    if (!message) continue;
    const a = ctx.analysis(message);
    const index = a.sentences.findIndex((s) => s.start <= e.start && e.end <= s.end);
    const sentence = a.sentences[index];
    if (!sentence || message.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?')) continue;
    if (a.hits.some((h) => h.sentence === index && PLEASANTRY.has(h.signal))) continue;
    if (ASKING.test(message.text.slice(sentence.start, sentence.end))) continue;
    const inside = terms.filter((t) => t.message === e.message && sentence.start <= t.start && t.end <= sentence.end);
    if (inside.length >= ANSWER_WORDS) {
      out.push({ cue: 'rue.utility.statement', message: message.id, start: sentence.start, end: sentence.end, text: message.text.slice(sentence.start, sentence.end) });
      break;
    }
  }
  return out;
}

/** A cue inside a question ("did you report it within 7 days?") asks; it does not answer. Steps may be asked. */
function inQuestion(hit: PlacedHit, ctx: TagContext): boolean {
  if (hit.cue === 'rue.utility.step') return false;
  const sentence = ctx.analysis(hit.message).sentences[hit.sentence];
  return sentence ? hit.message.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?') : false;
}

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

    // A link only moves the customer elsewhere when its message sends them to a DM or form.
    const channelMessages = new Set(facts.hits.filter((h) => h.signal === 'redirect' || h.signal === 'request').map((h) => h.message.id));
    // A step or suggestion in the same sentence as a redirect only moves the customer to another channel.
    const redirectSentences = new Set(facts.hits.filter((h) => h.signal === 'redirect' || h.signal === 'request').map((h) => `${h.message.id}:${h.sentence}`));
    const utility = facts.hits
      .filter(
        (h) =>
          (ANSWER.has(h.signal) && !inQuestion(h, ctx) && !redirectSentences.has(`${h.message.id}:${h.sentence}`)) ||
          (h.signal === 'link' && !channelMessages.has(h.message.id)),
      )
      .map(toEvidence);
    // An answer in plain words: a statement (not a question, redirect or pleasantry) about specific things.
    if (!utility.length && exchange.customerTurn.length) utility.push(...answerSentences(facts, ctx));
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
