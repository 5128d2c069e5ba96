// Facts about a brand turn in the light of the customer turn, shared by the conversation and RUE taggers.
import type { Evidence, Exchange, Message } from '../model/types.js';
import { findSignature } from '../normalize/agents.js';
import { GENERIC_WORDS } from '../nlp/analyze.js';
import { hitsOf, spanEvidence, type PlacedHit, type TagContext } from './tagger.js';

/** A brand text sent this many times in the input is a script. */
export const SCRIPT_REPEATS = 3;

/** Signals that make a sentence a script sentence: its content shows no engagement. */
const SCRIPT_SIGNALS = new Set(['redirect', 'request', 'auto', 'broadcast']);
/** Channel words: shared only when both sides talk about the same contact (a DM the customer sent). */
const CHANNEL_WORDS = new Set(['dm', 'message', 'call', 'email', 'voicemail', 'mail', 'number', 'link', 'screenshot', 'photo', 'picture', 'feedback', 'idea', 'suggestion']);
const CHANNEL_PATTERNS = new Map([...CHANNEL_WORDS].map((word) => [word, new RegExp(`\\b${word}s?\\b`, 'i')]));

/** Specific content words outside script sentences that make a reply more than a template. */
export const SPECIFIC_MIN = 3;

export interface ReplyFacts {
  /** Content words the reply shares with the customer turn, outside script sentences (spans in the reply). */
  shared: Evidence[];
  /** Specific content of the reply itself (not shared, not script vocabulary). */
  specific: Evidence[];
  /** Questions that move the issue on (not a DM/details request, not a generic "how can we help?"). */
  questions: PlacedHit[];
  /** Answers to a question the customer asked. */
  answers: PlacedHit[];
  hits: PlacedHit[];
  /** The brand turn's messages. */
  messages: readonly Message[];
  signature: Evidence | null;
  /** Evidence that the reply is a script repeated across the input. */
  script: Evidence | null;
  customerSaidProblem: boolean;
  customerThanked: boolean;
  customerAsked: boolean;
}

const memo = new WeakMap<Exchange, ReplyFacts>();

function customerWords(exchange: Exchange, ctx: TagContext): Set<string> {
  const words = new Set<string>();
  for (const m of exchange.customerTurn) for (const l of ctx.analysis(m).lemmas) words.add(l);
  return words;
}

function names(exchange: Exchange): Set<string> {
  const out = new Set<string>();
  for (const m of [...exchange.brandTurn, ...exchange.customerTurn]) {
    out.add(m.author.toLowerCase());
    if (m.brand) out.add(m.brand.toLowerCase());
  }
  return out;
}

export function replyFacts(exchange: Exchange, ctx: TagContext): ReplyFacts {
  const cached = memo.get(exchange);
  if (cached) return cached;
  const said = customerWords(exchange, ctx);
  const skip = names(exchange);
  const hits = hitsOf(exchange.brandTurn, ctx);
  const customerHits = hitsOf(exchange.customerTurn, ctx);
  const customerAsked = exchange.customerTurn.some((m) => ctx.analysis(m).questions > 0);

  const shared: Evidence[] = [];
  const specific: Evidence[] = [];
  const questions: PlacedHit[] = [];
  const answers: PlacedHit[] = [];
  const seen = new Set<string>();
  let signature: Evidence | null = null;
  let script: Evidence | null = null;
  // Each message's hits, in order, found once: a turn can be thousands of messages.
  const hitsByMessage = new Map<Message, PlacedHit[]>();
  for (const h of hits) {
    const list = hitsByMessage.get(h.message);
    if (list) list.push(h);
    else hitsByMessage.set(h.message, [h]);
  }
  for (const m of exchange.brandTurn) {
    const a = ctx.analysis(m);
    const mine = hitsByMessage.get(m) ?? [];
    const scriptHits = mine.filter((h) => SCRIPT_SIGNALS.has(h.signal));
    const scriptSentences = new Set(scriptHits.map((h) => h.sentence));
    // Words after a redirect in its sentence are what the brand asks for ("DM us your order number"),
    // not a reference to the customer's issue ("Sorry your order is late — DM us").
    const inRequest = (offset: number, sentence: number): boolean => scriptHits.some((h) => h.sentence === sentence && h.start <= offset);
    const sentenceOf = (offset: number): number => {
      let index = 0;
      a.sentences.forEach((s, i) => {
        if (s.start <= offset) index = i;
      });
      return index;
    };
    const sig = findSignature(m.text);
    a.lemmas.forEach((lemma, i) => {
      const [start, end] = a.lemmaSpans[i]!;
      if (sig && start >= sig.start) return;
      if (seen.has(lemma) || skip.has(lemma) || (/^\d+$/.test(lemma) && lemma.length > 5)) return;
      if (inRequest(start, sentenceOf(start))) return;
      seen.add(lemma);
      if (GENERIC_WORDS.has(lemma)) return;
      if (said.has(lemma)) shared.push(spanEvidence('conversation.shared-term', m, start, end));
      else specific.push(spanEvidence('conversation.specific', m, start, end));
    });
    // Channel words (DM, call, email…) are script vocabulary unless the customer brought them up.
    for (const word of CHANNEL_WORDS) {
      if (!said.has(word) || seen.has(word)) continue;
      const match = CHANNEL_PATTERNS.get(word)!.exec(m.text);
      if (match && !inRequest(match.index, sentenceOf(match.index))) {
        seen.add(word);
        shared.push(spanEvidence('conversation.shared-channel', m, match.index, match.index + match[0].length));
      }
    }
    for (const h of mine) {
      if (h.signal === 'question' && !scriptSentences.has(h.sentence) && !mine.some((g) => g.signal === 'generic-question' && g.sentence === h.sentence)) questions.push(h);
      if (customerAsked && (h.signal === 'answer' || h.signal === 'utility') && !scriptSentences.has(h.sentence)) answers.push(h);
    }
    if (sig && !signature) signature = spanEvidence('conversation.signature', m, sig.start, sig.end);
    const key = a.template;
    if (!script && key.split(' ').length >= 4 && ctx.templateCount(key) >= SCRIPT_REPEATS) {
      script = spanEvidence('conversation.script', m, 0, m.text.length);
    }
  }
  const byPosition = (x: Evidence, y: Evidence) => (x.message === y.message ? x.start - y.start : 0);
  shared.sort(byPosition);
  specific.sort(byPosition);
  const customerWordsCount = exchange.customerTurn.reduce((n, m: Message) => n + ctx.analysis(m).words, 0);
  const facts: ReplyFacts = {
    shared,
    specific,
    questions,
    answers,
    hits,
    messages: exchange.brandTurn,
    signature,
    script,
    customerSaidProblem: customerHits.some((h) => h.signal === 'detail') || customerWordsCount > 10,
    customerThanked: customerHits.some((h) => h.signal === 'thanks' || h.signal === 'positive'),
    customerAsked,
  };
  memo.set(exchange, facts);
  return facts;
}
