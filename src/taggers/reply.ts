// Facts about a brand turn in the light of the customer turn, shared by the conversation and RUE taggers.
import type { Evidence, Exchange, Message } from '../model/types.js';
import { findSignature } from '../normalize/agents.js';
import { hitsOf, spanEvidence, toEvidence, type PlacedHit, type TagContext } from './tagger.js';

/** A brand text sent this many times in the input is a script. */
export const SCRIPT_REPEATS = 3;

export interface ReplyFacts {
  /** Content words the reply shares with the customer turn (evidence spans in the reply). */
  shared: Evidence[];
  hits: PlacedHit[];
  signature: Evidence | null;
  /** Evidence that the reply is a script repeated across the input. */
  script: Evidence | null;
  customerSaidProblem: boolean;
  customerThanked: boolean;
}

const memo = new WeakMap<Exchange, ReplyFacts>();

function customerWords(exchange: Exchange, ctx: TagContext): Set<string> {
  const words = new Set<string>();
  for (const m of exchange.customerTurn) for (const l of ctx.analysis(m).lemmas) words.add(l);
  return words;
}

function brandNames(exchange: Exchange): Set<string> {
  const names = new Set<string>();
  for (const m of [...exchange.brandTurn, ...exchange.customerTurn]) {
    names.add(m.author.toLowerCase());
    if (m.brand) names.add(m.brand.toLowerCase());
  }
  return names;
}

export function replyFacts(exchange: Exchange, ctx: TagContext): ReplyFacts {
  const cached = memo.get(exchange);
  if (cached) return cached;
  const said = customerWords(exchange, ctx);
  const names = brandNames(exchange);
  const shared: Evidence[] = [];
  const seen = new Set<string>();
  for (const m of exchange.brandTurn) {
    const a = ctx.analysis(m);
    a.lemmas.forEach((lemma, i) => {
      if (!said.has(lemma) || seen.has(lemma) || names.has(lemma) || /^\d+$/.test(lemma) && lemma.length > 5) return;
      seen.add(lemma);
      const [start, end] = a.lemmaSpans[i]!;
      shared.push(spanEvidence('conversation.shared-term', m, start, end));
    });
  }
  let signature: Evidence | null = null;
  let script: Evidence | null = null;
  for (const m of exchange.brandTurn) {
    const sig = findSignature(m.text);
    if (sig && !signature) signature = spanEvidence('conversation.signature', m, sig.start, sig.end);
    const key = ctx.analysis(m).template;
    if (!script && key.split(' ').length >= 4 && ctx.templateCount(key) >= SCRIPT_REPEATS) {
      script = spanEvidence('conversation.script', m, 0, m.text.length);
    }
  }
  const customerHits = hitsOf(exchange.customerTurn, ctx);
  const facts: ReplyFacts = {
    shared,
    hits: hitsOf(exchange.brandTurn, ctx),
    signature,
    script,
    customerSaidProblem:
      customerHits.some((h) => h.signal === 'problem' || h.signal === 'negative' || h.signal === 'detail') ||
      exchange.customerTurn.reduce((n, m: Message) => n + ctx.analysis(m).words, 0) > 12,
    customerThanked: customerHits.some((h) => h.signal === 'thanks' || h.signal === 'positive'),
  };
  memo.set(exchange, facts);
  return facts;
}

export function evidenceOf(facts: ReplyFacts, signals: ReadonlySet<string>): Evidence[] {
  return facts.hits.filter((h) => signals.has(h.signal)).map(toEvidence);
}
