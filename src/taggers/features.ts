// The features the learned decision reads, per head: named, interpretable, each with the spans behind it.
import type { Axis, AxisLabel, Evidence, Exchange, Message, Rue } from '../model/types.js';
import { replyFacts } from './reply.js';
import { hitsOf, type PlacedHit, type TagContext } from './tagger.js';

import { groupOf, HEADS, type Group, type Head } from './heads.js';

export { GROUPS, groupOf, HEADS, type Group, type Head } from './heads.js';

/** Bumped whenever a feature's name or meaning changes: a model trained on another set is refused. */
export const FEATURE_SET = 'epic-features-2';

/**
 * Where a feature fired: an Evidence, or a span of a message not yet quoted (a cue hit, a word). Spans become
 * Evidence (`spanToEvidence`) only for the few a label shows, so the hot path allocates no quotes.
 */
export interface Span {
  cue: string;
  message: Message | string;
  start: number;
  end: number;
  text?: string;
}

export function spanToEvidence(span: Span): Evidence {
  if (typeof span.message === 'string') return span as Evidence;
  return { cue: span.cue, message: span.message.id, start: span.start, end: span.end, text: span.message.text.slice(span.start, span.end) };
}

/** One feature of one exchange: its name, its value, and the spans that make it true (none for shape features). */
export interface Feature {
  name: string;
  value: number;
  evidence: Span[];
}

/** What the rule taggers said: their labels are features too (and their evidence is the features' spans). */
export interface RuleLabels {
  labels: { [A in Axis]: AxisLabel };
  rue: Rue;
}

/** A brand sentence that asks the customer to do something, besides questions and DM requests. */
const BRAND_ASKS = /\b(please|pls|kindly) (return|call|reply|respond|send|share|provide|confirm|check|try|dm|message|email|restart|reinstall|clear|update)\b|\b(may|can|could) (we|i) (have|get|see|ask for)\b/i;

function bucket(n: number, edges: readonly number[]): string {
  for (let i = 0; i < edges.length; i++) if (n <= edges[i]!) return i === 0 ? String(edges[0]) : `${edges[i - 1]! + 1}-${edges[i]}`;
  return `${edges[edges.length - 1]! + 1}+`;
}
const WORDS = [0, 4, 12, 30, 80];
const FEW = [0, 1, 2];

class Features {
  readonly list: Feature[] = [];
  private readonly at = new Map<string, Feature>();
  add(name: string, evidence: Span[] = [], value = 1): void {
    const f = this.at.get(name);
    if (f) {
      f.evidence.push(...evidence);
      return;
    }
    const made = { name, value, evidence: [...evidence] };
    this.at.set(name, made);
    this.list.push(made);
  }
}

/** The last sentence of the turn's last message: where the customer's latest stance is. */
function inLastSentence(hit: PlacedHit, turn: readonly Message[], ctx: TagContext): boolean {
  const last = turn[turn.length - 1]!;
  if (hit.message !== last) return false;
  const sentences = ctx.analysis(last).sentences;
  return hit.sentence >= sentences.length - 1;
}

function hitFeatures(out: Features, prefix: string, hits: PlacedHit[]): void {
  for (const h of hits) {
    out.add(`${prefix}cue:${h.cue}`, [h]);
    out.add(`${prefix}sig:${h.signal}`, [h]);
  }
}

const span = (cue: string, message: Message, start: number, end: number): Span => ({ cue, message, start, end });

/** A negator shortly before a word, in the same clause: "not happy", "never arrived", "didn't work". */
const NEGATED = /(?:\b(?:not|no|never|nothing|nobody|cannot|without|hardly)|n't|n’t)\W+(?:\w+\W+){0,2}$/i;
const CLAUSE_BREAK = /[.!?;,]|\b(?:but|and|so|because)\b/gi;
/** Whether a text has a negator at all: most do not, and their words need no window check. */
const ANY_NEGATOR = /\b(?:not|no|never|nothing|nobody|cannot|without|hardly)\b|n['’]t\b/i;

/** Whether the word at `start` sits in a negation's reach: a negator within three words, no clause break between. */
function negatedAt(text: string, start: number): boolean {
  let window = text.slice(Math.max(0, start - 40), start);
  let last = -1;
  for (const m of window.matchAll(CLAUSE_BREAK)) last = m.index + m[0].length;
  if (last >= 0) window = window.slice(last);
  return NEGATED.test(window);
}

function lemmaFeatures(out: Features, prefix: string, turn: readonly Message[], ctx: TagContext): void {
  for (const m of turn) {
    const a = ctx.analysis(m);
    const negatable = ANY_NEGATOR.test(m.text);
    a.lemmas.forEach((lemma, i) => {
      const [start, end] = a.lemmaSpans[i]!;
      const not = negatable && negatedAt(m.text, start) ? 'not-' : '';
      out.add(`${prefix}w:${not}${lemma}`, [span(`word.${not}${lemma}`, m, start, end)]);
    });
  }
}

/** Customer-turn features: what experience, permission and involvement read. */
function customerFeatures(exchange: Exchange, ctx: TagContext): Features {
  const out = new Features();
  const turn = exchange.customerTurn;
  const hits = hitsOf(turn, ctx);
  hitFeatures(out, '', hits);
  for (const h of hits) if (inLastSentence(h, turn, ctx)) out.add(`last:${h.signal}`, [h]);
  lemmaFeatures(out, '', turn, ctx);
  let words = 0;
  let questions = 0;
  let concrete = 0;
  const concreteEvidence: Span[] = [];
  for (const m of turn) {
    const a = ctx.analysis(m);
    words += a.words;
    questions += a.questions;
    concrete += a.concrete;
    concreteEvidence.push(...a.concreteSpans.map(([s, e]) => span('involvement.detail.concrete', m, s, e)));
    if (a.urls) out.add('url');
    if (a.emoji) out.add('emoji');
    a.sentences.forEach((s, i) => {
      const last = m === turn[turn.length - 1] && i === a.sentences.length - 1;
      const negative = span('experience.sentiment.negative', m, s.start, s.end);
      const positive = span('experience.sentiment.positive', m, s.start, s.end);
      if (s.sentiment <= -0.5) out.add('sent:neg', [negative]);
      if (s.sentiment >= 0.5) out.add('sent:pos', [positive]);
      if (last && s.sentiment <= -0.3) out.add('sent:last-neg', [negative]);
      if (last && s.sentiment >= 0.3) out.add('sent:last-pos', [positive]);
    });
  }
  out.add(`words:${bucket(words, WORDS)}`);
  out.add(`concrete:${bucket(concrete, FEW)}`, concrete ? concreteEvidence.slice(0, 3) : []);
  if (questions) out.add(questions > 1 ? 'questions:2+' : 'questions:1');
  if (turn.length > 1) out.add('messages:2+');
  if (turn.some((m) => m.author !== exchange.customer)) out.add('bystander');
  const previous = exchange.previousBrandTurn;
  const thanks = hits.filter((h) => h.signal === 'thanks');
  if (previous.length) {
    out.add('after-brand');
    // What the brand last did frames the turn: a fix offered makes thanks gratitude, a redirect makes details an answer.
    for (const h of hitsOf(previous, ctx)) out.add(`prev:${h.signal}`);
    if (previous.some((m) => ctx.analysis(m).questions > 0)) out.add('brand-asked:question');
    const asks = hitsOf(previous, ctx).filter((h) => h.signal === 'request' || h.signal === 'redirect');
    if (asks.length || previous.some((m) => BRAND_ASKS.test(m.text))) out.add('brand-asked:request', asks);
    // Thanks after the brand did something is thanks for help; thanks on a first, open request is courtesy.
    if (thanks.length) out.add('thanks:after-brand', thanks);
  } else if (thanks.length) out.add(questions ? 'thanks:open-request' : 'thanks:first-contact', thanks);
  if (exchange.index > 0) out.add('follow-up');
  return out;
}

/** Brand-turn features: what conversation and RUE read, in the light of the customer turn. */
function brandFeatures(exchange: Exchange, ctx: TagContext): Features {
  const out = new Features();
  const turn = exchange.brandTurn;
  const facts = replyFacts(exchange, ctx);
  hitFeatures(out, 'b', facts.hits);
  lemmaFeatures(out, 'b', turn, ctx);
  out.add(`shared:${bucket(facts.shared.length, [0, 1, 2])}`, facts.shared.slice(0, 3));
  out.add(`specific:${bucket(facts.specific.length, [0, 2, 5])}`, facts.specific.slice(0, 3));
  if (facts.questions.length) out.add('moving-question', facts.questions);
  if (facts.answers.length) out.add('answers-question', facts.answers);
  if (facts.signature) out.add('signature', [facts.signature]);
  if (facts.script) out.add('script', [facts.script]);
  let words = 0;
  for (const m of turn) {
    const a = ctx.analysis(m);
    words += a.words;
    if (a.urls) out.add('burl');
    if (a.emoji) out.add('bemoji');
  }
  out.add(`bwords:${bucket(words, WORDS)}`);
  if (turn.length > 1) out.add('bmessages:2+');
  const customerWords = exchange.customerTurn.reduce((n, m) => n + ctx.analysis(m).words, 0);
  if (!exchange.customerTurn.length) out.add('brand-first');
  else out.add(`cwords:${bucket(customerWords, WORDS)}`);
  if (facts.customerThanked) out.add('customer-thanked');
  if (facts.customerAsked) out.add('customer-asked');
  if (facts.customerSaidProblem) out.add('customer-said-problem');
  // A redirect that also names specifics of this case is not a bare channel move.
  if (facts.hits.some((h) => h.signal === 'redirect') && facts.specific.length + facts.shared.length >= 3) out.add('redirect+specific');
  return out;
}

function channelOf(exchange: Exchange): string {
  const m = exchange.customerTurn[0] ?? exchange.brandTurn[0];
  return m?.channel ?? exchange.source;
}


/**
 * The features of an exchange, one list per turn, each with the rule labels of all its heads (a head gives
 * no weight to another head's rule label, so one list serves them all). Empty without the turn: a rule decides.
 */
export function featureGroups(exchange: Exchange, ctx: TagContext, rules: RuleLabels): Record<Group, Feature[]> {
  const channel: Feature = { name: `channel:${channelOf(exchange)}`, value: 1, evidence: [] };
  const rule = (head: Head, label: string | number, evidence: Span[]): Feature => ({ name: `rule:${head}=${label}`, value: 1, evidence });
  const { labels, rue } = rules;
  const customer = exchange.customerTurn.length ? customerFeatures(exchange, ctx) : null;
  const brand = exchange.brandTurn.length ? brandFeatures(exchange, ctx) : null;
  return {
    customer: customer
      ? [channel, ...(['experience', 'permission', 'involvement'] as const).map((a) => rule(a, labels[a].label, labels[a].evidence)), ...customer.list]
      : [],
    brand: brand
      ? [
          channel,
          rule('conversation', labels.conversation.label, labels.conversation.evidence),
          ...(['relevance', 'utility', 'entertainment'] as const).map((f) => rule(f, rue[f], rue.evidence[f])),
          ...brand.list,
        ]
      : [],
  };
}

/** One head's own features (what it is trained on): its turn's list without the other heads' rule labels (RUE flags read conversation's too). */
export function headFeatures(groups: Record<Group, Feature[]>, head: Head): Feature[] {
  const own = `rule:${head}=`;
  const rue = head === 'relevance' || head === 'utility' || head === 'entertainment';
  return groups[groupOf(head)].filter((f) => !f.name.startsWith('rule:') || f.name.startsWith(own) || (rue && f.name.startsWith('rule:conversation=')));
}

/** Every head's own features (what training reads; deciding reads the groups). */
export function featuresByHead(groups: Record<Group, Feature[]>): Record<Head, Feature[]> {
  return Object.fromEntries(HEADS.map((head) => [head, headFeatures(groups, head)])) as Record<Head, Feature[]>;
}
