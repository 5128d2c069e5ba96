// The redaction stage: tagged exchanges, threads and diagnostics in, the same with personal data masked out.
import type { Diagnostic, Evidence, Exchange, Message, TaggedExchange, Thread } from '../model/types.js';
import { decodeEntities } from '../text/entities.js';
import { findPii, mapSpan, maskText, MASKS, type HandlePolicy, type MaskedText } from '../text/redact.js';


/** A role reason that names someone (normalize/roles.ts): the words before the name, the name, the words after. */
const ROLE_REASON_NAME = /^(the first message answers |answers |replies to )(?!in the thread$|a question that|the answers)(.+?)((?:, whose question is not in the input|'s answer with thanks or a question))?$/;
/** What the stage reads and returns: the shape of a pipeline result (other fields pass through untouched). */
export interface Redactable {
  tagged: TaggedExchange[];
  threads: Thread[];
  diagnostics: Diagnostic[];
  /** Input files by name (file names can hold an email address: they are masked too). */
  files?: { file: string }[];
  /** Set by the stage: the id an original message or exchange id became (`rapport eval` looks its gold ids up with it). */
  maskId?: (id: string) => string;
}

/**
 * Customer handles become stable pseudonyms (`customer-1`, `customer-2`…, numbered in input order),
 * so counts and groupings survive; brand accounts keep their names. A person on the answering side
 * whose name holds personal data (a mailing-list address) becomes `person-1`, `person-2`…; a name
 * keeps the pseudonym it first got, whichever side it is on later.
 */
export class Pseudonyms implements HandlePolicy {
  private readonly names = new Map<string, string>();
  private readonly counts = { customer: 0, person: 0 };
  private readonly brands: Set<string>;
  constructor(brands: Iterable<string>) {
    this.brands = new Set([...brands].map((b) => b.toLowerCase()));
  }
  /** The pseudonym of a customer handle or author id (or, with `person`, of someone on the answering side). */
  of(handle: string, kind: 'customer' | 'person' = 'customer'): string {
    const key = handle.toLowerCase();
    let name = this.names.get(key);
    if (!name) {
      name = `${kind}-${++this.counts[kind]}`;
      this.names.set(key, name);
    }
    return name;
  }
  /** A handle already known as a customer, renamed; null when it is not one. */
  known(handle: string): string | null {
    return this.names.get(handle.toLowerCase()) ?? null;
  }
  rename(handle: string): string | null {
    return this.brands.has(handle.toLowerCase()) ? null : this.of(handle);
  }
}

/** Extensions of the exports rapport reads, compressed or not. */
const FILE_EXTENSION = /(?:\.(?:csv|tsv|json|ndjson|jsonl|mbox|eml|txt|log|irc))?(?:\.gz)?$/i;

/**
 * Whether a topic term may stay: it holds no personal data, and each of its words is in the masked text of
 * the turn (a word with a digit as it is, another at least by its stem, as terms are lemmas): a term made
 * from a piece of a card, IBAN or address (`card 4111`, `gb82 west`) goes.
 */
function termSurvives(term: string, masked: string): boolean {
  if (holdsPii(term)) return false;
  return term.split(' ').every((word) => masked.includes(/\d/.test(word) ? word : word.slice(0, Math.max(3, word.length - 2))));
}

/** Whether a name (author, account, agent) holds personal data: an address, a phone number. */
function holdsPii(name: string): boolean {
  return findPii(name).length > 0;
}

/**
 * Masks emails, phone numbers, card numbers, IBANs and customer handles in every text that reaches
 * a report, one thread at a time: message texts (and an email's full body and subject), evidence (spans
 * re-pointed so `text == masked.slice(start, end)`), topic terms, customer author ids, the names on the
 * answering side that hold an address (mailing lists: whoever answers is the "brand"), message ids that
 * hold an address, file names, and at the end rejected records (there, a bare author id is renamed only
 * when that customer also wrote a usable message). Pseudonyms are numbered in the order threads come.
 * Pure: the input is not changed.
 */
export class Redactor {
  private readonly names: Pseudonyms;
  private readonly ids = new Map<string, string>();
  private readonly idsTaken = new Set<string>();
  private readonly fileNames = new Map<string, string>();
  /** Authors on the answering side by inference (mailing lists, IRC: whoever answers): people, not brand accounts. */
  private readonly people = new Set<string>();

  /** `brands`: every brand account of the input, which keep their names. */
  constructor(brands: Iterable<string>) {
    this.names = new Pseudonyms(brands);
  }

  /** A name on the answering side (author, brand account, agent): kept unless it holds personal data. */
  private side(name: string | null | undefined): string | null {
    if (name === null || name === undefined) return null;
    return holdsPii(name) || this.people.has(name.toLowerCase()) ? this.names.of(name, 'person') : name;
  }

  /**
   * A message, thread or exchange id: kept unless it holds an email address (`<1234.jane@example.com>`), which is
   * masked; a masked id that another id already became gets `~2`, `~3`… so ids stay unique within the run.
   */
  id(id: string): string {
    if (!id.includes('@') && !/[^\x00-\x7f]|%40|&#|&commat;/i.test(id)) return id;
    let out = this.ids.get(id);
    if (out !== undefined) return out;
    const emails = findPii(id).filter((s) => s.kind === 'email');
    let masked = id;
    for (const s of emails.reverse()) masked = masked.slice(0, s.start) + s.replacement + masked.slice(s.end);
    out = masked;
    for (let n = 2; masked !== id && this.idsTaken.has(out); n++) out = `${masked}~${n}`;
    this.ids.set(id, out);
    this.idsTaken.add(out);
    return out;
  }

  /** An input file name as reports show it, with any personal data in it masked (`jane@example.com.csv` → `__email__.csv`). */
  file(name: string): string {
    let out = this.fileNames.get(name);
    if (out === undefined) {
      out = maskText(name).text;
      // An extension read as the address's top-level domain comes back: it is no personal data.
      const ext = FILE_EXTENSION.exec(name)?.[0];
      if (ext && out.endsWith(MASKS.email) && !out.endsWith(ext)) out += ext;
      this.fileNames.set(name, out);
    }
    return out;
  }

  thread(thread: Thread, tagged: readonly TaggedExchange[]): { thread: Thread; tagged: TaggedExchange[] } {
    const names = this.names;
    const masked = new Map<string, MaskedText>();
    const messages = new Map<Message, Message>();
    // Whoever answers where the roles were inferred is a person (a list member, a channel user), named or not.
    for (const m of thread.messages) if (m.role === 'brand' && m.roleSource === 'inferred' && !m.brand) this.people.add(m.author.toLowerCase());
    // A role's reason names people ("answers Jane Doe"): each name becomes the pseudonym it has everywhere else.
    // Once per thread: who is on which side, and each distinct reason masked once (a thread has a few).
    const sideOf = new Map<string, Message['role']>();
    for (const m of thread.messages) if (!sideOf.has(m.author)) sideOf.set(m.author, m.role);
    const people = new Map<string, string>();
    const person = (name: string): string => {
      let out = people.get(name);
      if (out === undefined) people.set(name, (out = sideOf.get(name) === 'brand' ? this.side(name)! : names.of(name)));
      return out;
    };
    const reasons = new Map<string, string>();
    const redactReason = (reason: string): string => {
      let out = reasons.get(reason);
      if (out !== undefined) return out;
      // The reasons roles.ts writes name one person, after "answers " or "replies to ": that name is masked.
      const named = ROLE_REASON_NAME.exec(reason);
      out = named ? `${named[1]}${person(named[2]!)}${named[3] ?? ''}` : reason;
      out = maskText(out, names).text;
      reasons.set(reason, out);
      return out;
    };
    const redactMessage = (m: Message): Message => {
      let out = messages.get(m);
      if (out) return out;
      // Whoever answers is the "brand" on a mailing list: their address is masked like a customer's.
      const author = m.role === 'customer' ? names.of(m.author) : this.side(m.author)!;
      const text = maskText(m.text, names);
      if (!masked.has(m.id) && m.text !== '') masked.set(m.id, text);
      out = { ...m, id: this.id(m.id), file: this.file(m.file), author, agent: this.side(m.agent), text: text.text };
      if (m.brand != null) out.brand = this.side(m.brand);
      if (m.parent != null) out.parent = this.id(m.parent);
      if (m.fullText != null) out.fullText = maskText(m.fullText, names).text;
      if (m.topic != null) out.topic = maskText(m.topic, names).text;
      if (m.participants) out.participants = m.participants.map((p) => maskText(p).text);
      if (m.roleReason != null) out.roleReason = redactReason(m.roleReason);
      if (m.answers != null) out.answers = person(m.answers);
      if (m.subject != null) out.subject = maskText(m.subject, names).text;
      messages.set(m, out);
      return out;
    };
    const redactEvidence = (e: Evidence): Evidence => {
      const text = masked.get(e.message);
      const message = this.id(e.message);
      if (!text) return { ...e, message, text: maskText(e.text, names).text };
      const [start, end] = mapSpan(text, e.start, e.end);
      return { ...e, message, start, end, text: text.text.slice(start, end) };
    };
    /** The masked text of an exchange's customer turn, entities decoded (as terms are made), lower case, for checking its terms. */
    const customerText = (t: TaggedExchange): string =>
      t.exchange.customerTurn
        .map((m) => decodeEntities(redactMessage(m).text).text)
        .join(' ')
        .toLowerCase();
    const redactExchange = (e: Exchange): Exchange => ({
      ...e,
      id: this.id(e.id),
      file: this.file(e.file),
      thread: this.id(e.thread),
      customer: e.customer === null ? null : names.of(e.customer),
      brand: this.side(e.brand),
      account: this.side(e.account),
      agent: this.side(e.agent),
      customerTurn: e.customerTurn.map(redactMessage),
      brandTurn: e.brandTurn.map(redactMessage),
      previousBrandTurn: e.previousBrandTurn.map(redactMessage),
    });
    // The thread's messages first: pseudonyms are numbered in message order, the same on every run.
    const out = { ...thread, id: this.id(thread.id), messages: thread.messages.map(redactMessage) };
    return {
      thread: out,
      tagged: tagged.map((t): TaggedExchange => {
        const labels = { ...t.labels };
        for (const axis of Object.keys(labels) as (keyof typeof labels)[]) {
          labels[axis] = { ...labels[axis], evidence: labels[axis].evidence.map(redactEvidence) };
        }
        const ev = t.rue.evidence;
        return {
          ...t,
          exchange: redactExchange(t.exchange),
          // Terms are made without personal data (nlp/analyze.ts); one that still holds some (an old NDJSON) goes.
          terms: t.terms.filter((term) => termSurvives(term, customerText(t))),
          labels,
          rue: { ...t.rue, evidence: { relevance: ev.relevance.map(redactEvidence), utility: ev.utility.map(redactEvidence), entertainment: ev.entertainment.map(redactEvidence) } },
        };
      }),
    };
  }

  /** Rejected records, raw text of an unknown shape: masked, then every word that is a known customer renamed. Call after the threads. */
  diagnostics(list: readonly Diagnostic[]): Diagnostic[] {
    const names = this.names;
    const maskRecord = (text: string): string => maskText(text, names).text.replace(/[A-Za-z0-9_]+/g, (word) => names.known(word) ?? word);
    return list.map((d): Diagnostic => {
      const out: Diagnostic = { ...d, file: this.file(d.file), message: maskRecord(d.message) };
      if (d.raw !== undefined) out.raw = maskRecord(d.raw);
      return out;
    });
  }
}

/** The brand accounts of an in-memory result: they keep their names. */
export function brandsOf(result: Pick<Redactable, 'tagged' | 'threads'>): Set<string> {
  const brands = new Set<string>();
  for (const thread of result.threads) {
    for (const m of thread.messages) if (m.role === 'brand') brands.add(m.brand ?? m.author);
  }
  for (const t of result.tagged) {
    for (const b of [t.exchange.brand, t.exchange.account]) if (b) brands.add(b);
  }
  return brands;
}

/** A whole in-memory result masked (Redactor), threads in order; exchanges keep their order. */
export function redactResult<R extends Redactable>(result: R): R & { maskId: (id: string) => string } {
  const redactor = new Redactor(brandsOf(result));
  const byThread = new Map<string, TaggedExchange[]>();
  for (const t of result.tagged) {
    const list = byThread.get(t.exchange.thread);
    if (list) list.push(t);
    else byThread.set(t.exchange.thread, [t]);
  }
  const done = new Map<TaggedExchange, TaggedExchange>();
  const threads = result.threads.map((thread) => {
    const own = byThread.get(thread.id) ?? [];
    byThread.delete(thread.id);
    const out = redactor.thread(thread, own);
    own.forEach((t, i) => done.set(t, out.tagged[i]!));
    return out.thread;
  });
  // Exchanges of a thread the result does not list (none from the pipeline) are masked on their own.
  for (const [id, list] of byThread) redactor.thread({ id, messages: [] }, list).tagged.forEach((t, i) => done.set(list[i]!, t));
  const out: R = { ...result, tagged: result.tagged.map((t) => done.get(t)!), threads, diagnostics: redactor.diagnostics(result.diagnostics) };
  if (result.files) out.files = result.files.map((f) => ({ ...f, file: redactor.file(f.file) }));
  return { ...out, maskId: (id: string) => redactor.id(id) };
}
