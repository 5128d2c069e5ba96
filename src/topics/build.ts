// Voice of the customer: the topics customers raise, with volume, sentiment, service and quotes.
import type { TaggedExchange } from '../model/types.js';
import { median, ratio } from '../score/stats.js';
import { decodeEntities } from '../text/entities.js';
import { brandNames } from './terms.js';
import { isoWeek } from './week.js';

/** A customer message that shows what a topic is about. */
export interface TopicQuote {
  exchange: string;
  message: string;
  text: string;
}

export interface Topic {
  /** The key term: a noun or a short noun phrase. */
  term: string;
  exchanges: number;
  customers: number;
  /** Share of the topic's exchanges with negative experience, 0-1. */
  negativeShare: number | null;
  /** Share of the topic's exchanges the brand answered, 0-1. */
  replyRate: number | null;
  /** Median response time of its answered exchanges, seconds. */
  responseMedian: number | null;
  /** Terms that come up with it most often. */
  related: string[];
  /** Exchanges per ISO week (UTC), oldest first. */
  weeks: { week: string; exchanges: number }[];
  quotes: TopicQuote[];
}

/** One group of an action list (requests, complaints, praise): a topic and what customers said. */
export interface VoiceItem {
  topic: string;
  exchanges: number;
  /** Cue ids that fired in these exchanges, most frequent first (effort and churn for complaints). */
  cues: { cue: string; count: number }[];
  quotes: TopicQuote[];
}

export interface VoiceOfCustomer {
  /** Exchanges with a customer turn that the topics were drawn from. */
  exchanges: number;
  topics: Topic[];
  requests: VoiceItem[];
  complaints: VoiceItem[];
  praise: VoiceItem[];
}

export interface TopicOptions {
  /** Topics to list. */
  top?: number;
  /** A term needs this many exchanges to be a topic. */
  minExchanges?: number;
  /** Names that are not topics (brand accounts). */
  exclude?: Iterable<string>;
}

/** A phrase that covers this share of a word's exchanges stands for the word ("boarding pass" for "pass"). */
const PHRASE_COVERS = 0.6;
/** A candidate sharing this share of its exchanges with a chosen topic is the same topic. */
const SAME_TOPIC = 0.8;
const QUOTES = 3;
/** The group of exchanges in which no topic term was found. */
export const NO_TOPIC = '(no topic)';
const QUOTE_MIN = 40;
const QUOTE_MAX = 240;

/** The message text without the @mentions it starts with, for display. */
export function quoteText(text: string): string {
  return decodeEntities(text).text.replace(/^(\s*[.]?@\w+[\s,:]*)+/, '').replace(/\s+/g, ' ').trim();
}

function quotesFor(term: string | null, list: readonly TaggedExchange[], messages?: ReadonlySet<string>): TopicQuote[] {
  const words = term ? term.split(' ') : [];
  const candidates: TopicQuote[] = [];
  for (const t of list) {
    for (const m of t.exchange.customerTurn) {
      if (messages && !messages.has(m.id)) continue;
      const text = quoteText(m.text);
      const lower = text.toLowerCase();
      if (text.length < QUOTE_MIN || text.length > QUOTE_MAX) continue;
      if (words.length && !words.every((w) => lower.includes(w))) continue;
      candidates.push({ exchange: t.exchange.id, message: m.id, text });
    }
  }
  candidates.sort((a, b) => a.text.length - b.text.length || (a.message < b.message ? -1 : 1));
  const seen = new Set<string>();
  return candidates.filter((q) => !seen.has(q.text.toLowerCase()) && seen.add(q.text.toLowerCase())).slice(0, QUOTES);
}

function topicOf(t: TaggedExchange, rank: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  for (const term of t.terms) if (rank.has(term) && (best === null || rank.get(term)! < rank.get(best)!)) best = term;
  return best ?? t.terms[0] ?? null;
}

/** Group exchanges by topic; quotes come from the messages where the list's axis had evidence, cues are those named. */
function actionList(list: readonly TaggedExchange[], rank: ReadonlyMap<string, number>, axis: 'experience' | 'involvement', cuePrefixes: readonly string[]): VoiceItem[] {
  const groups = new Map<string, TaggedExchange[]>();
  for (const t of list) {
    const topic = topicOf(t, rank) ?? NO_TOPIC;
    const group = groups.get(topic);
    if (group) group.push(t);
    else groups.set(topic, [t]);
  }
  return [...groups.entries()]
    .map(([topic, items]) => {
      const cues = new Map<string, number>();
      const where = new Set<string>();
      for (const t of items)
        for (const e of t.labels[axis].evidence) {
          where.add(e.message);
          if (cuePrefixes.some((p) => e.cue.startsWith(p))) cues.set(e.cue, (cues.get(e.cue) ?? 0) + 1);
        }
      return {
        topic,
        exchanges: items.length,
        cues: [...cues.entries()].map(([cue, count]) => ({ cue, count })).sort((a, b) => b.count - a.count || (a.cue < b.cue ? -1 : 1)),
        quotes: quotesFor(topic === NO_TOPIC ? null : topic, items, where),
      };
    })
    .sort((a, b) => Number(a.topic === NO_TOPIC) - Number(b.topic === NO_TOPIC) || b.exchanges - a.exchanges || (a.topic < b.topic ? -1 : 1));
}

export function buildVoice(tagged: readonly TaggedExchange[], options: TopicOptions = {}): VoiceOfCustomer {
  const top = options.top ?? 10;
  const minExchanges = options.minExchanges ?? 2;
  const withCustomer = tagged.filter((t) => t.exchange.customerTurn.length > 0);
  // Brand accounts and agent names are who the conversation is with, not what it is about.
  const exclude = new Set([...(options.exclude ?? [])].map((n) => n.toLowerCase()));
  for (const t of withCustomer) {
    for (const m of t.exchange.brandTurn) {
      for (const name of brandNames(m.brand ?? m.author)) exclude.add(name);
      if (m.agent) exclude.add(m.agent.slice(m.agent.indexOf('/') + 1).toLowerCase());
    }
    if (t.exchange.account) for (const name of brandNames(t.exchange.account)) exclude.add(name);
  }
  const index = new Map<string, number[]>();
  withCustomer.forEach((t, i) => {
    for (const term of t.terms) {
      if (exclude.has(term) || term.split(' ').some((w) => exclude.has(w))) continue;
      const list = index.get(term);
      if (list) list.push(i);
      else index.set(term, [i]);
    }
  });
  const candidates = [...index.entries()].filter(([, list]) => list.length >= minExchanges);
  const df = new Map(candidates.map(([term, list]) => [term, list.length]));
  // A single word gives way to a phrase that covers most of its uses.
  // The most exchanges any phrase containing each word has (an index: a large input has many thousands of each).
  const widestPhrase = new Map<string, number>();
  for (const [term, list] of candidates) {
    if (!term.includes(' ')) continue;
    for (const word of new Set(term.split(' '))) widestPhrase.set(word, Math.max(widestPhrase.get(word) ?? 0, list.length));
  }
  const kept = candidates.filter(([term, list]) => term.includes(' ') || !((widestPhrase.get(term) ?? 0) >= PHRASE_COVERS * list.length));
  // Most exchanges first; on a tie the phrase, which says more than a word.
  const words = (term: string) => term.split(' ').length;
  kept.sort((a, b) => b[1].length - a[1].length || words(b[0]) - words(a[0]) || (a[0] < b[0] ? -1 : 1));

  const chosen: { term: string; members: Set<number> }[] = [];
  const related = new Map<string, string[]>();
  for (const [term, list] of kept) {
    const members = new Set(list);
    const same = chosen.find((c) => list.filter((i) => c.members.has(i)).length >= SAME_TOPIC * list.length);
    if (same) {
      const list = related.get(same.term);
      if (list) list.push(term);
      else related.set(same.term, [term]);
      continue;
    }
    if (chosen.length < top) chosen.push({ term, members });
  }
  const rank = new Map(kept.map(([term], i) => [term, i]));

  const topics: Topic[] = chosen.map(({ term, members }) => {
    const items = [...members].sort((a, b) => a - b).map((i) => withCustomer[i]!);
    const answered = items.filter((t) => t.exchange.brandTurn.length > 0);
    const weeks = new Map<string, number>();
    for (const t of items) if (t.exchange.time !== null) weeks.set(isoWeek(t.exchange.time), (weeks.get(isoWeek(t.exchange.time)) ?? 0) + 1);
    const coTerms = new Map<string, number>();
    for (const t of items) for (const other of t.terms) if (other !== term && df.has(other) && !term.split(' ').includes(other)) coTerms.set(other, (coTerms.get(other) ?? 0) + 1);
    const responses = answered.map((t) => t.exchange.responseSeconds).filter((s): s is number => s !== null);
    return {
      term,
      exchanges: items.length,
      customers: new Set(items.map((t) => t.exchange.customer)).size,
      negativeShare: ratio(items.filter((t) => t.labels.experience.label === 'negative').length, items.length),
      replyRate: ratio(answered.length, items.length),
      responseMedian: median(responses),
      related: [...new Set([...(related.get(term) ?? []), ...[...coTerms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t)])].slice(0, 3),
      weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, exchanges]) => ({ week, exchanges })),
      quotes: quotesFor(term, items),
    };
  });

  return {
    exchanges: withCustomer.length,
    topics,
    requests: actionList(withCustomer.filter((t) => t.labels.involvement.label === 'high'), rank, 'involvement', ['involvement.']).slice(0, top),
    complaints: actionList(withCustomer.filter((t) => t.labels.experience.label === 'negative'), rank, 'experience', ['experience.effort', 'experience.churn']).slice(0, top),
    praise: actionList(withCustomer.filter((t) => t.labels.experience.label === 'positive'), rank, 'experience', ['experience.positive']).slice(0, top),
  };
}
