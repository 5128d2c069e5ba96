// What a report keeps of a tagged exchange once its thread is done: no brand texts, no raw fields,
// strings copied out of the read buffers. Lets the streaming pipeline drop each thread after tagging.
import type { AxisLabel, Evidence, Exchange, Message, Rue, TaggedExchange, Thread } from '../model/types.js';

/**
 * A flat copy of a string. Strings cut from a CSV chunk are slices that keep the whole 64 KB chunk
 * alive (in two bytes per character once the chunk held an emoji); a copy holds only itself, in one
 * byte per character when it can.
 */
export function own(s: string): string {
  // Short cuts are copies already, but in two bytes per character when their chunk was: copy them too.
  return s === '' ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** Names that repeat on many messages (brands, agents, sources, files), stored once. */
export class Interner {
  private readonly seen = new Map<string, string>();
  of(s: string): string;
  of(s: string | null): string | null;
  of(s: string | null): string | null {
    if (s === null) return null;
    let kept = this.seen.get(s);
    if (kept === undefined) {
      kept = own(s);
      this.seen.set(kept, kept);
    }
    return kept;
  }
}

const NO_MESSAGES: Message[] = [];

/**
 * The message as a report needs it: who, when, which role. Customer texts stay (quotes, at-risk
 * items, the brands a customer mentions); brand texts go, their evidence keeps its own quoted span.
 */
function slimMessage(m: Message, names: Interner): Message {
  return {
    id: own(m.id),
    source: m.source,
    file: names.of(m.file),
    line: m.line,
    author: m.role === 'brand' ? names.of(m.author) : own(m.author),
    role: m.role,
    time: m.time,
    text: m.role === 'customer' ? own(m.text) : '',
    parent: null,
    brand: names.of(m.brand ?? null),
    channel: names.of(m.channel ?? null),
    roleSource: m.roleSource,
    agent: names.of(m.agent),
  };
}

const FIELD = '\u0001';
const ENTRY = '\u0002';

/**
 * Evidence as one flat string, decoded only when a report reads it. A span of a customer message the
 * exchange keeps is stored without its text (recut from the message on reading): most evidence quotes
 * the customer, and those quotes would otherwise be stored twice.
 */
function packEvidence(list: readonly Evidence[], ids: ReadonlyMap<string, Message>, turn: readonly Message[]): string {
  const packed = list
    .map((e) => {
      const m = ids.get(e.message);
      const fields = [e.cue, m?.id ?? e.message, e.start, e.end];
      if (!(m && turn.includes(m) && m.text.slice(e.start, e.end) === e.text)) fields.push(e.text);
      return fields.join(FIELD);
    })
    .join(ENTRY);
  return own(packed);
}

function unpackEvidence(packed: string, turn: readonly Message[]): Evidence[] {
  if (packed === '') return [];
  return packed.split(ENTRY).map((entry) => {
    const [cue, message, start, end, ...text] = entry.split(FIELD);
    const from = Number(start);
    const to = Number(end);
    const quoted = text.length ? text.join(FIELD) : (turn.find((m) => m.id === message)?.text.slice(from, to) ?? '');
    return { cue: cue!, message: message!, start: from, end: to, text: quoted };
  });
}

/** A label whose evidence stays packed until read (only evidence without the separators is packed: see packable). */
class PackedLabel implements AxisLabel {
  // A private field: spreading the label ({ ...label }) copies label and score, never the packing.
  readonly #packed: string;
  /** The customer turn whose texts evidence without a text of its own is cut from. */
  readonly #turn: readonly Message[];
  constructor(
    readonly label: string,
    readonly score: number,
    packed: string,
    turn: readonly Message[],
  ) {
    this.#packed = packed;
    this.#turn = turn;
  }
  get evidence(): Evidence[] {
    return unpackEvidence(this.#packed, this.#turn);
  }
  toJSON(): AxisLabel {
    return { label: this.label, score: this.score, evidence: this.evidence };
  }
}

/** Whether evidence can be packed: none of its strings holds the separators (message texts may hold any character). */
function packable(list: readonly Evidence[]): boolean {
  return list.every((e) => !/[\u0001\u0002]/.test(e.cue + e.message + e.text));
}

/** Labels without evidence repeat on most exchanges: one shared object each. */
const bare = new Map<string, AxisLabel>();

function slimLabel(l: AxisLabel, ids: ReadonlyMap<string, Message>, turn: readonly Message[]): AxisLabel {
  if (!l.evidence.length) {
    const key = `${l.label}${FIELD}${l.score}`;
    let shared = bare.get(key);
    if (!shared) bare.set(key, (shared = Object.freeze({ label: l.label, score: l.score, evidence: Object.freeze([]) as unknown as Evidence[] })));
    return shared;
  }
  if (!packable(l.evidence)) return { label: l.label, score: l.score, evidence: l.evidence.map((e) => ({ ...e, message: ids.get(e.message)?.id ?? e.message, text: own(e.text) })) };
  return new PackedLabel(l.label, l.score, packEvidence(l.evidence, ids, turn), turn);
}

/** RUE flags with packed evidence. */
class PackedRue implements Rue {
  readonly #packed: [string, string, string];
  readonly #turn: readonly Message[];
  constructor(
    readonly relevance: 0 | 1,
    readonly utility: 0 | 1,
    readonly entertainment: 0 | 1,
    packed: [string, string, string],
    turn: readonly Message[],
  ) {
    this.#packed = packed;
    this.#turn = turn;
  }
  get evidence(): Rue['evidence'] {
    const [relevance, utility, entertainment] = this.#packed;
    return { relevance: unpackEvidence(relevance, this.#turn), utility: unpackEvidence(utility, this.#turn), entertainment: unpackEvidence(entertainment, this.#turn) };
  }
  toJSON(): Rue {
    return { relevance: this.relevance, utility: this.utility, entertainment: this.entertainment, evidence: this.evidence };
  }
}

function slimRue(r: Rue, ids: ReadonlyMap<string, Message>, turn: readonly Message[]): Rue {
  const { relevance, utility, entertainment } = r.evidence;
  if (![relevance, utility, entertainment].every(packable)) return r;
  return new PackedRue(r.relevance, r.utility, r.entertainment, [packEvidence(relevance, ids, turn), packEvidence(utility, ids, turn), packEvidence(entertainment, ids, turn)], turn);
}

/** A thread and its tagged exchanges in their slim form; the originals can be dropped. */
export function slimThread(thread: Thread, tagged: readonly TaggedExchange[], names: Interner): { thread: Thread; tagged: TaggedExchange[] } {
  const slim = new Map<Message, Message>();
  const ids = new Map<string, Message>();
  for (const m of thread.messages) {
    const s = slimMessage(m, names);
    slim.set(m, s);
    ids.set(s.id, s);
  }
  const turn = (messages: readonly Message[]): Message[] => (messages.length ? messages.map((m) => slim.get(m) ?? slimMessage(m, names)) : NO_MESSAGES);
  const out = tagged.map((t): TaggedExchange => {
    const e: Exchange = {
      ...t.exchange,
      id: ids.get(t.exchange.id)?.id ?? own(t.exchange.id),
      thread: ids.get(t.exchange.thread)?.id ?? own(t.exchange.thread),
      customer: t.exchange.customer === null ? null : t.exchange.customerTurn[0]?.author === t.exchange.customer ? slim.get(t.exchange.customerTurn[0])!.author : own(t.exchange.customer),
      brand: names.of(t.exchange.brand),
      account: names.of(t.exchange.account),
      agent: names.of(t.exchange.agent),
      customerTurn: turn(t.exchange.customerTurn),
      brandTurn: turn(t.exchange.brandTurn),
      // Only tagging reads the brand turn before; it is done.
      previousBrandTurn: NO_MESSAGES,
    };
    return {
      exchange: e,
      labels: {
        experience: slimLabel(t.labels.experience, ids, e.customerTurn),
        permission: slimLabel(t.labels.permission, ids, e.customerTurn),
        involvement: slimLabel(t.labels.involvement, ids, e.customerTurn),
        conversation: slimLabel(t.labels.conversation, ids, e.customerTurn),
      },
      rue: slimRue(t.rue, ids, e.customerTurn),
      health: t.health,
      terms: t.terms.map((term) => names.of(term)),
    };
  });
  return { thread: { id: ids.get(thread.id)?.id ?? own(thread.id), messages: thread.messages.map((m) => slim.get(m)!) }, tagged: out };
}
