// One tagged exchange as the NDJSON object `rapport tag` prints (keys fixed by the spec; more only under `extra`).
import { AXES, type TaggedExchange } from '../model/types.js';
import { turnRoles } from '../normalize/roles.js';

export interface ExchangeRecord {
  id: string;
  thread: string;
  source: string;
  customer: string | null;
  brand: string | null;
  labels: Record<string, { label: string; score: number; probabilities?: Record<string, number>; evidence: { cue: string; message: string; start: number; end: number; text: string }[] }>;
  rue: { relevance: 0 | 1; utility: 0 | 1; entertainment: 0 | 1 };
  responseSeconds: number | null;
  extra: {
    /** The input the exchange was read from: ids are unique within an input, not across inputs. */
    file: string;
    /** How each turn's role was decided: `given` (the export or --brand) or `inferred(<reason>)`. */
    roles: { customer: string | null; brand: string | null };
    account: string | null;
    agent: string | null;
    time: string | null;
    health: number | null;
    messages: { customer: string[]; brand: string[] };
    rueEvidence: TaggedExchange['rue']['evidence'];
    /** Topic terms of the customer turn (voice of the customer; `rapport report` needs them). */
    terms: string[];
    /**
     * Who sent each message of the two turns and when (epoch ms), in the order of `messages`: what
     * `rapport report` needs to give the numbers of a single run (customers, agents, first response).
     */
    turns: { customer: TurnMessage[]; brand: TurnMessage[] };
  };
}

/** One message of an exchange as `rapport report` needs it back. */
export interface TurnMessage {
  author: string;
  /** The brand account, for brand messages. */
  brand: string | null;
  agent: string | null;
  time: number | null;
  channel: string | null;
  /** The message text: the at-risk list and the voice-of-the-customer quotes show it. */
  text: string;
}

function turnMessage(m: TaggedExchange['exchange']['customerTurn'][number]): TurnMessage {
  return { author: m.author, brand: m.brand ?? null, agent: m.agent, time: m.time, channel: m.channel ?? null, text: m.text };
}

export function exchangeRecord(t: TaggedExchange): ExchangeRecord {
  const e = t.exchange;
  return {
    id: e.id,
    thread: e.thread,
    source: e.source,
    customer: e.customer,
    brand: e.brand,
    labels: Object.fromEntries(
      AXES.map((axis) => {
        const l = t.labels[axis];
        return [axis, { label: l.label, score: l.score, ...(l.probabilities ? { probabilities: l.probabilities } : {}), evidence: l.evidence }];
      }),
    ),
    rue: { relevance: t.rue.relevance, utility: t.rue.utility, entertainment: t.rue.entertainment },
    responseSeconds: e.responseSeconds,
    extra: {
      file: e.file,
      roles: turnRoles(e),
      account: e.account,
      agent: e.agent,
      time: e.time === null ? null : new Date(e.time).toISOString(),
      health: Number.isNaN(t.health) ? null : Math.round(t.health * 10) / 10,
      messages: { customer: e.customerTurn.map((m) => m.id), brand: e.brandTurn.map((m) => m.id) },
      rueEvidence: t.rue.evidence,
      terms: t.terms,
      turns: { customer: e.customerTurn.map(turnMessage), brand: e.brandTurn.map(turnMessage) },
    },
  };
}
