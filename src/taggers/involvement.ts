// Involvement: how much the customer invests beyond a passive complaint, read from the customer turn.
import type { AxisLabel } from '../model/types.js';
import { GENERIC_WORDS } from '../nlp/analyze.js';
import { dedupeEvidence, hitsOf, spanEvidence, toEvidence, type PlacedHit, type TagContext, type Tagger } from './tagger.js';

const HIGH = new Set(['high']);
const RESOLUTION = 'experience.positive.resolution';
/** Thanks and praise: a short reply made of them is a closing, not an answer ("Thanks guys!"). */
const COURTESY = new Set(['thanks', 'positive']);
const DETAIL = new Set(['detail', 'attachment']);
/** Sum of detail weights that makes a turn `medium`: one strong detail (identifier, device, steps) or two weaker ones. */
const DETAIL_NEEDED = 2;
/** A turn this short that only thanks or acknowledges is `low` whatever else it says. */
const BARE_WORDS = 4;
/** Concrete terms (nouns, names, numbers) that make a turn specific enough to be `medium`. */
const CONCRETE_NEEDED = 3;
/** New content words a follow-up must bring to count as adding a fact. */
const FRESH_WORDS = 3;
// The same language as (\s*(word)[\s!.,:)]*)+ without the inner \s*, which fought the class before it over
// every space (exponential in the words of a long "ok ok ok … x").
const ACKNOWLEDGEMENT = /^\s*(?:(?:@\w+|thanks?|thank you|thx|ty|ok|okay|k|cool|great|sure|will do|got it|alright|perfect|awesome|nice|yes|no)[\s!.,:)]*)+$/i;
/** A brand sentence that asks the customer to do something ("please call us back", "may we have the order page"), besides questions and DM requests. */
const BRAND_ASKS = /\b(please|pls|kindly) (return|call|reply|respond|send|share|provide|confirm|check|try|dm|message|email|restart|reinstall|clear|update)\b|\b(may|can|could) (we|i) (have|get|see|ask for)\b/i;

/** Whether the hit sits in a sentence that asks rather than tells ("Can I DM you?", "Via DM?"). */
function inQuestion(hit: PlacedHit, ctx: TagContext): boolean {
  const sentence = ctx.analysis(hit.message).sentences[hit.sentence];
  const end = sentence ? sentence.end : hit.message.text.length;
  return hit.message.text.slice(hit.start, end).includes('?');
}

export const involvement: Tagger = {
  meta: {
    id: 'involvement',
    axis: 'involvement',
    description: 'high (suggestions, advocacy, helping others) / medium (concrete details, answers to the brand, follow-ups with new facts) / low',
  },
  tag(exchange, ctx): AxisLabel {
    const turn = exchange.customerTurn;
    if (!turn.length) return { label: 'low', score: -1, evidence: [] };
    const hits = hitsOf(turn, ctx);
    const high = hits.filter((h) => HIGH.has(h.signal) || (h.signal === 'helping' && h.message.author !== exchange.customer));
    if (high.length) return { label: 'high', score: 1, evidence: dedupeEvidence(high.map(toEvidence)) };

    const words = turn.reduce((n, m) => n + ctx.analysis(m).words, 0);
    if (words <= BARE_WORDS && turn.every((m) => ACKNOWLEDGEMENT.test(m.text))) return { label: 'low', score: -0.5, evidence: [] };

    const details = hits.filter((h) => DETAIL.has(h.signal));
    const weight = details.reduce((sum, h) => sum + h.weight, 0);
    if (weight >= DETAIL_NEEDED) return { label: 'medium', score: 0.3, evidence: dedupeEvidence(details.map(toEvidence)) };

    const venting = hits.some((h) => h.signal === 'negative') && !details.length;
    const brand = exchange.previousBrandTurn;
    const evidence = [];
    // Specific without a listed cue: the customer names concrete things (products, places, amounts).
    if (!venting) {
      for (const message of turn) {
        const a = ctx.analysis(message);
        if (a.concrete >= CONCRETE_NEEDED) {
          evidence.push(...a.concreteSpans.map(([start, end]) => spanEvidence('involvement.detail.concrete', message, start, end)));
          break;
        }
      }
    }
    if (brand.length) {
      // Doing what the brand asked ("DM sent", "I did") or answering its question; offering or asking back ("Can I DM you?") is neither.
      evidence.push(...hits.filter((h) => (h.signal === 'granted' || h.signal === 'answer') && !inQuestion(h, ctx)).map(toEvidence));
      const brandAsked = brand.some((m) => {
        const a = ctx.analysis(m);
        return a.questions > 0 || BRAND_ASKS.test(m.text) || a.hits.some((h) => h.signal === 'request' || h.signal === 'redirect');
      });
      // "Works now", "it arrived": the outcome of what the brand did is a new fact in the thread.
      evidence.push(...hits.filter((h) => h.cue === RESOLUTION).map(toEvidence));
      // The link or picture the brand asked for (a screenshot, the page in question) is the answer itself.
      if (brandAsked) evidence.push(...hits.filter((h) => h.signal === 'attachment').map(toEvidence));
      // A short reply answers too when the brand asked a question and the reply tells rather than asks back or only
      // thanks ("only on the TV app", "10 hours ago"; not "Via DM?", "Thanks guys!").
      const brandQuestion = brand.some((m) => ctx.analysis(m).questions > 0);
      const shortAnswer = brandQuestion && words > 0 && turn.some((m) => ctx.analysis(m).questions === 0) && !hits.some((h) => COURTESY.has(h.signal));
      if (!evidence.length && brandAsked && (words > BARE_WORDS || shortAnswer) && !venting) {
        const first = turn[0]!;
        evidence.push(spanEvidence('involvement.answer.reply', first, 0, first.text.length));
      }
    }
    // A follow-up that adds new facts to what the thread already said.
    if (!evidence.length && exchange.index > 0 && !venting) {
      const earlier = new Set(brand.flatMap((m) => ctx.analysis(m).lemmas));
      for (const message of turn) {
        const a = ctx.analysis(message);
        const fresh = a.lemmas.map((l, i) => [l, a.lemmaSpans[i]!] as const).filter(([l]) => !earlier.has(l) && !GENERIC_WORDS.has(l));
        if (fresh.length >= FRESH_WORDS) {
          const [, [start, end]] = fresh[0]!;
          evidence.push(spanEvidence('involvement.follow-up', message, start, end));
          break;
        }
      }
    }
    // Weaker details (a duration, a link) that were not enough alone still show what the turn is specific about.
    if (evidence.length) return { label: 'medium', score: 0.3, evidence: dedupeEvidence([...evidence, ...details.map(toEvidence)]) };
    return { label: 'low', score: -0.5, evidence: [] };
  },
};
