// Voice of the customer: the topics customers raise, with volume, sentiment, service and quotes.
import { isClosing } from '../score/closing.js';
import type { TaggedExchange } from '../model/types.js';
import { CustomerNames, LONE_SURROGATE, Names, own } from '../text/own.js';
import { ints, type Growing } from '../storage/growing.js';
import { Spill } from '../storage/spill.js';
import { median, ratio } from '../score/stats.js';
import { decodeEntities } from '../text/entities.js';
import { brandNames } from '../nlp/terms.js';
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


/** Internal knobs of the reducer (tests). */
export interface VoiceReducerInternals {
  /** Bytes of quote texts the spill buffers before it writes to its temporary file. */
  spillBuffer?: number;
  /** Customer names shared with other reducers of the same exchanges (each name is then stored once). */
  customers?: CustomerNames;
}

// Per-exchange flags.
const NEGATIVE = 1;
const ANSWERED = 2;
const RESPONDED = 4;
const REQUEST = 8;
const PRAISE = 16;
/** An unanswered thanks that needed no reply (score/closing.ts). */
const CLOSING = 32;
// Per-quote flags: the message carries evidence of the axis an action list quotes from.
const INVOLVEMENT_EVIDENCE = 1;
const EXPERIENCE_EVIDENCE = 2;

const REQUEST_CUES = ['involvement.'] as const;
const COMPLAINT_CUES = ['experience.effort', 'experience.churn'] as const;
const PRAISE_CUES = ['experience.positive'] as const;


type Typed = Int32Array | Uint8Array | Float64Array;

function grown<T extends Typed>(a: T, size: number): T {
  if (size <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

const byString = (a: string, b: string): number => (a < b ? -1 : 1);

/**
 * The voice-of-the-customer section, reduced one exchange at a time. Per exchange with a customer turn it
 * keeps about 29 bytes in typed arrays (customer, flags, response time, week, offsets into the term, quote
 * and cue lists), 4 bytes per term and per named cue, and 2 bytes per quotable customer message whose text
 * waits in a `Spill` (on disk past its buffer). Topics, groups and quotes are all worked out in `result()`,
 * so the order exchanges come in does not matter.
 */
export class VoiceReducer {
  private readonly top: number;
  private readonly minExchanges: number;
  private readonly spillBuffer: number | undefined;
  /** Brand accounts and agent names are who the conversation is with, not what it is about. */
  private readonly exclude = new Set<string>();
  private readonly brands = new Set<string>();
  private readonly termNames = new Names();
  private readonly customerNames: CustomerNames;
  private readonly weekNames = new Names();
  private readonly cueNames = new Names();
  private lastDay = Number.NaN;
  private lastWeek = -1;

  /** Exchanges with a customer turn. */
  private n = 0;
  private customer = new Int32Array(256);
  private flags = new Uint8Array(256);
  private response = new Float64Array(256);
  private week = new Int32Array(256);
  /** Exchange i's terms are terms[termStart[i]..termStart[i+1]), its quotes and cues likewise. */
  private termStart = new Int32Array(257);
  private quoteStart = new Int32Array(257);
  private cueStart = new Int32Array(257);
  private terms = ints(256);
  /** Cue id × 2, + 1 for experience evidence (complaints, praise), + 0 for involvement (requests). */
  private cues = ints(256);
  /** Quote record h (a spill handle): its text length and evidence flags. */
  private quoteLength = new Uint8Array(256);
  private quoteFlags = new Uint8Array(256);
  private quotes = 0;
  private spill: Spill | null = null;
  private closed = false;

  constructor(options: TopicOptions = {}, internals: VoiceReducerInternals = {}) {
    this.top = options.top ?? 10;
    this.minExchanges = options.minExchanges ?? 2;
    this.spillBuffer = internals.spillBuffer;
    this.customerNames = internals.customers ?? new CustomerNames();
    for (const name of options.exclude ?? []) this.excluded(name.toLowerCase());
  }

  private excluded(name: string): void {
    if (!this.exclude.has(name)) this.exclude.add(own(name));
  }

  /** Excludes the names a brand account goes by (once per account: a few accounts answer most exchanges). */
  private brand(account: string): void {
    if (this.brands.has(account)) return;
    this.brands.add(own(account));
    for (const name of brandNames(account)) this.excluded(name);
  }

  private weekOf(time: number): number {
    const day = Math.floor(time / 86_400_000);
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastWeek = this.weekNames.of(isoWeek(time));
    }
    return this.lastWeek;
  }

  add(t: TaggedExchange): void {
    if (this.closed) throw new Error('VoiceReducer: add after result() or close()');
    const e = t.exchange;
    if (e.customerTurn.length === 0) return;
    for (const m of e.brandTurn) {
      this.brand(m.brand ?? m.author);
      if (m.agent) this.excluded(m.agent.slice(m.agent.indexOf('/') + 1).toLowerCase());
    }
    if (e.account) this.brand(e.account);

    const i = this.n;
    if (i === this.customer.length) {
      this.customer = grown(this.customer, i + 1);
      this.flags = grown(this.flags, i + 1);
      this.response = grown(this.response, i + 1);
      this.week = grown(this.week, i + 1);
      this.termStart = grown(this.termStart, this.customer.length + 1);
      this.quoteStart = grown(this.quoteStart, this.customer.length + 1);
      this.cueStart = grown(this.cueStart, this.customer.length + 1);
    }
    // Customer 0 is "none": a null customer counts as one customer, as a Set of names would.
    this.customer[i] = e.customer === null ? 0 : this.customerNames.of(e.customer) + 1;
    let flags = 0;
    const experience = t.labels.experience.label;
    if (experience === 'negative') flags |= NEGATIVE;
    else if (experience === 'positive') flags |= PRAISE;
    if (t.labels.involvement.label === 'high') flags |= REQUEST;
    if (e.brandTurn.length > 0) flags |= ANSWERED;
    if (e.responseSeconds !== null) flags |= RESPONDED;
    if (isClosing(t)) flags |= CLOSING;
    this.flags[i] = flags;
    this.response[i] = e.responseSeconds ?? Number.NaN;
    this.week[i] = e.time !== null ? this.weekOf(e.time) : -1;

    for (const term of t.terms) this.terms.push(this.termNames.of(term));
    this.termStart[i + 1] = this.terms.length;

    // Action lists quote only the messages their axis found evidence in, and count the cues they name.
    let involvementWhere: string[] | null = null;
    let experienceWhere: string[] | null = null;
    if (flags & REQUEST) {
      involvementWhere = [];
      for (const ev of t.labels.involvement.evidence) {
        involvementWhere.push(ev.message);
        if (REQUEST_CUES.some((p) => ev.cue.startsWith(p))) this.cues.push(this.cueNames.of(ev.cue) * 2);
      }
    }
    if (flags & (NEGATIVE | PRAISE)) {
      experienceWhere = [];
      const prefixes = flags & NEGATIVE ? COMPLAINT_CUES : PRAISE_CUES;
      for (const ev of t.labels.experience.evidence) {
        experienceWhere.push(ev.message);
        if (prefixes.some((p) => ev.cue.startsWith(p))) this.cues.push(this.cueNames.of(ev.cue) * 2 + 1);
      }
    }
    this.cueStart[i + 1] = this.cues.length;

    for (const m of e.customerTurn) {
      // The quote text is never longer than the message (mentions, entities and spaces only shrink).
      if (m.text.length < QUOTE_MIN) continue;
      const text = quoteText(m.text);
      if (text.length < QUOTE_MIN || text.length > QUOTE_MAX) continue;
      this.spill ??= new Spill(this.spillBuffer);
      const handle = this.spill.add(LONE_SURROGATE.test(e.id + m.id + text) ? `J${JSON.stringify([e.id, m.id, text])}` : `${e.id.length},${m.id.length},${e.id}${m.id}${text}`);
      if (handle !== this.quotes) throw new Error('VoiceReducer: spill handles out of step');
      if (this.quotes === this.quoteLength.length) {
        this.quoteLength = grown(this.quoteLength, this.quotes + 1);
        this.quoteFlags = grown(this.quoteFlags, this.quotes + 1);
      }
      this.quoteLength[this.quotes] = text.length;
      this.quoteFlags[this.quotes] = (involvementWhere?.includes(m.id) ? INVOLVEMENT_EVIDENCE : 0) | (experienceWhere?.includes(m.id) ? EXPERIENCE_EVIDENCE : 0);
      this.quotes++;
    }
    this.quoteStart[i + 1] = this.quotes;
    this.n++;
  }

  result(): VoiceOfCustomer {
    if (this.closed) throw new Error('VoiceReducer: result() called twice or after close()');
    try {
      return this.reduce();
    } finally {
      this.close();
    }
  }

  close(): void {
    this.closed = true;
    this.spill?.close();
    this.spill = null;
    this.customer = new Int32Array(0);
    this.flags = new Uint8Array(0);
    this.response = new Float64Array(0);
    this.week = new Int32Array(0);
    this.termStart = new Int32Array(0);
    this.quoteStart = new Int32Array(0);
    this.cueStart = new Int32Array(0);
    this.terms = ints(256);
    this.cues = ints(256);
    this.quoteLength = new Uint8Array(0);
    this.quoteFlags = new Uint8Array(0);
  }

  /** A quote record: the exchange, the message and the text. */
  private record(handle: number): TopicQuote {
    const s = this.spill!.get(handle);
    if (s.startsWith('J')) {
      const [exchange, message, text] = JSON.parse(s.slice(1)) as [string, string, string];
      return { exchange, message, text };
    }
    const a = s.indexOf(',');
    const b = s.indexOf(',', a + 1);
    const exchangeLength = Number(s.slice(0, a));
    const messageLength = Number(s.slice(a + 1, b));
    const from = b + 1;
    return { exchange: s.slice(from, from + exchangeLength), message: s.slice(from + exchangeLength, from + exchangeLength + messageLength), text: s.slice(from + exchangeLength + messageLength) };
  }

  /**
   * The first QUOTES distinct (case-insensitively) texts among the records, shortest first, then by message id,
   * whose text holds every word of the term. Records are read in length order, a whole length at a time,
   * until enough are found.
   */
  private pick(term: string | null, handles: Growing<Int32Array>): TopicQuote[] {
    const words = term ? term.split(' ') : [];
    const counts = new Int32Array(QUOTE_MAX + 2);
    for (let k = 0; k < handles.length; k++) counts[this.quoteLength[handles.data[k]!]! + 1]!++;
    for (let len = 1; len < counts.length; len++) counts[len]! += counts[len - 1]!;
    const sorted = new Int32Array(handles.length);
    const next = counts.slice();
    for (let k = 0; k < handles.length; k++) {
      const h = handles.data[k]!;
      sorted[next[this.quoteLength[h]!]!++] = h;
    }
    const out: TopicQuote[] = [];
    const seen = new Set<string>();
    for (let len = QUOTE_MIN; len <= QUOTE_MAX && out.length < QUOTES; len++) {
      const rows: TopicQuote[] = [];
      for (let k = counts[len]!; k < counts[len + 1]!; k++) {
        const q = this.record(sorted[k]!);
        const lower = q.text.toLowerCase();
        if (words.length && !words.every((w) => lower.includes(w))) continue;
        rows.push(q);
      }
      rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : a.exchange < b.exchange ? -1 : a.exchange > b.exchange ? 1 : 0));
      for (const q of rows) {
        const lower = q.text.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        out.push(q);
        if (out.length === QUOTES) break;
      }
    }
    return out;
  }

  private reduce(): VoiceOfCustomer {
    const { n, top, minExchanges } = this;
    const names = this.termNames.list;
    const T = names.length;
    const termStart = this.termStart;
    const terms = this.terms.data;
    const exclude = this.exclude;

    // Postings of the candidate terms: exchanges in order, a term listed twice in one exchange counted twice.
    const count = new Int32Array(T);
    const excluded = new Uint8Array(T);
    for (let id = 0; id < T; id++) {
      const term = names[id]!;
      if (exclude.has(term) || term.split(' ').some((w) => exclude.has(w))) excluded[id] = 1;
    }
    for (let k = 0; k < this.terms.length; k++) if (!excluded[terms[k]!]) count[terms[k]!]!++;
    const candidate = new Uint8Array(T);
    const postStart = new Int32Array(T + 1);
    for (let id = 0; id < T; id++) {
      if (count[id]! > 0 && count[id]! >= minExchanges) candidate[id] = 1;
      postStart[id + 1] = postStart[id]! + (candidate[id] ? count[id]! : 0);
    }
    const postings = new Int32Array(postStart[T]!);
    const fill = postStart.slice(0, T);
    for (let i = 0; i < n; i++) for (let k = termStart[i]!; k < termStart[i + 1]!; k++) if (candidate[terms[k]!]) postings[fill[terms[k]!]!++] = i;
    const df = (id: number) => postStart[id + 1]! - postStart[id]!;

    // A single word gives way to a phrase that covers most of its uses.
    const widestPhrase = new Map<string, number>();
    for (let id = 0; id < T; id++) {
      if (!candidate[id] || !names[id]!.includes(' ')) continue;
      for (const word of new Set(names[id]!.split(' '))) widestPhrase.set(word, Math.max(widestPhrase.get(word) ?? 0, df(id)));
    }
    const kept: number[] = [];
    for (let id = 0; id < T; id++) if (candidate[id] && (names[id]!.includes(' ') || !((widestPhrase.get(names[id]!) ?? 0) >= PHRASE_COVERS * df(id)))) kept.push(id);
    // Most exchanges first; on a tie the phrase, which says more than a word.
    const words = (term: string) => term.split(' ').length;
    kept.sort((a, b) => df(b) - df(a) || words(names[b]!) - words(names[a]!) || byString(names[a]!, names[b]!));

    const chosen: { term: number; members: Uint32Array }[] = [];
    const related = new Map<number, number[]>();
    const bitWords = (n + 31) >>> 5;
    for (const id of kept) {
      const from = postStart[id]!;
      const to = postStart[id + 1]!;
      const same = chosen.find((c) => {
        let shared = 0;
        for (let k = from; k < to; k++) if (c.members[postings[k]! >>> 5]! & (1 << (postings[k]! & 31))) shared++;
        return shared >= SAME_TOPIC * (to - from);
      });
      if (same) {
        const list = related.get(same.term);
        if (list) list.push(id);
        else related.set(same.term, [id]);
        continue;
      }
      if (chosen.length < top) {
        const members = new Uint32Array(bitWords);
        for (let k = from; k < to; k++) members[postings[k]! >>> 5]! |= 1 << (postings[k]! & 31);
        chosen.push({ term: id, members });
      }
    }
    const rank = new Int32Array(T).fill(-1);
    kept.forEach((id, i) => (rank[id] = i));

    const customerSeen = new Int32Array(this.customerNames.size + 1);
    const topics: Topic[] = chosen.map(({ term: id }, c) => {
      const term = names[id]!;
      const termWords = term.split(' ');
      let exchanges = 0;
      let customers = 0;
      let negative = 0;
      let answered = 0;
      let closings = 0;
      const responses: number[] = [];
      const weeks = new Map<number, number>();
      const coTerms = new Map<number, number>();
      const handles = ints(256);
      let last = -1;
      for (let k = postStart[id]!; k < postStart[id + 1]!; k++) {
        const i = postings[k]!;
        if (i === last) continue;
        last = i;
        exchanges++;
        if (customerSeen[this.customer[i]!] !== c + 1) {
          customerSeen[this.customer[i]!] = c + 1;
          customers++;
        }
        const flags = this.flags[i]!;
        if (flags & NEGATIVE) negative++;
        if (flags & CLOSING) closings++;
        if (flags & ANSWERED) {
          answered++;
          if (flags & RESPONDED) responses.push(this.response[i]!);
        }
        const week = this.week[i]!;
        if (week >= 0) weeks.set(week, (weeks.get(week) ?? 0) + 1);
        for (let j = termStart[i]!; j < termStart[i + 1]!; j++) {
          const other = terms[j]!;
          if (other !== id && candidate[other] && !termWords.includes(names[other]!)) coTerms.set(other, (coTerms.get(other) ?? 0) + 1);
        }
        for (let h = this.quoteStart[i]!; h < this.quoteStart[i + 1]!; h++) handles.push(h);
      }
      const co = [...coTerms.entries()].sort((a, b) => b[1] - a[1] || byString(names[a[0]]!, names[b[0]]!)).map(([other]) => names[other]!);
      return {
        term,
        exchanges,
        customers,
        negativeShare: ratio(negative, exchanges),
        replyRate: ratio(answered, exchanges - closings),
        responseMedian: median(responses),
        related: [...new Set([...(related.get(id) ?? []).map((r) => names[r]!), ...co])].slice(0, 3),
        weeks: [...weeks.entries()].map(([week, exchanges]) => ({ week: this.weekNames.list[week]!, exchanges })).sort((a, b) => byString(a.week, b.week)),
        quotes: this.pick(term, handles),
      };
    });

    return {
      exchanges: n,
      topics,
      requests: this.actionList(REQUEST, INVOLVEMENT_EVIDENCE, 0, rank),
      complaints: this.actionList(NEGATIVE, EXPERIENCE_EVIDENCE, 1, rank),
      praise: this.actionList(PRAISE, EXPERIENCE_EVIDENCE, 1, rank),
    };
  }

  /** Groups the list's exchanges by topic (the best-ranked of their terms, else their first), the top groups with cues and quotes. */
  private actionList(member: number, evidence: number, axis: 0 | 1, rank: Int32Array): VoiceItem[] {
    const names = this.termNames.list;
    const terms = this.terms.data;
    // The group of exchanges without a term; a term spelled like it joins it.
    const none = this.termNames.ids.get(NO_TOPIC) ?? -1;
    const groupOf = new Int32Array(this.n);
    const size = new Int32Array(names.length + 1);
    for (let i = 0; i < this.n; i++) {
      if (!(this.flags[i]! & member)) continue;
      let best = -1;
      for (let k = this.termStart[i]!; k < this.termStart[i + 1]!; k++) {
        const id = terms[k]!;
        if (rank[id]! >= 0 && (best < 0 || rank[id]! < rank[best]!)) best = id;
      }
      if (best < 0) best = this.termStart[i + 1]! > this.termStart[i]! ? terms[this.termStart[i]!]! : none;
      groupOf[i] = best;
      size[best + 1]!++;
    }
    const topicName = (g: number) => (g < 0 ? NO_TOPIC : names[g]!);
    const groups: number[] = [];
    for (let g = -1; g < names.length; g++) if (size[g + 1]! > 0) groups.push(g);
    groups.sort((a, b) => Number(topicName(a) === NO_TOPIC) - Number(topicName(b) === NO_TOPIC) || size[b + 1]! - size[a + 1]! || byString(topicName(a), topicName(b)));
    const shown = groups.slice(0, this.top);
    const slot = new Map(shown.map((g, s) => [g, s]));
    const cues = shown.map(() => new Map<number, number>());
    const handles = shown.map(() => ints(256));
    for (let i = 0; i < this.n; i++) {
      if (!(this.flags[i]! & member)) continue;
      const s = slot.get(groupOf[i]!);
      if (s === undefined) continue;
      for (let k = this.cueStart[i]!; k < this.cueStart[i + 1]!; k++) {
        const entry = this.cues.data[k]!;
        if ((entry & 1) !== axis) continue;
        cues[s]!.set(entry >>> 1, (cues[s]!.get(entry >>> 1) ?? 0) + 1);
      }
      for (let h = this.quoteStart[i]!; h < this.quoteStart[i + 1]!; h++) if (this.quoteFlags[h]! & evidence) handles[s]!.push(h);
    }
    return shown.map((g, s) => {
      const topic = topicName(g);
      return {
        topic,
        exchanges: size[g + 1]!,
        cues: [...cues[s]!.entries()].map(([cue, count]) => ({ cue: this.cueNames.list[cue]!, count })).sort((a, b) => b.count - a.count || byString(a.cue, b.cue)),
        quotes: this.pick(topic === NO_TOPIC ? null : topic, handles[s]!),
      };
    });
  }
}

export function buildVoice(tagged: readonly TaggedExchange[], options: TopicOptions = {}): VoiceOfCustomer {
  const reducer = new VoiceReducer(options);
  try {
    for (const t of tagged) reducer.add(t);
    return reducer.result();
  } finally {
    reducer.close();
  }
}
